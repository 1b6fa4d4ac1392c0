import { describeBadDocumentProbe } from "../../testing/probes/bad-document-cases.ts";
import probe from "./8-3.ts";

describeBadDocumentProbe("8-3", probe, {
  kind: "dynamic-content",
  docId: "doc-html-script",
  title: "a dynamic-content document is refused or warned about, never signed silently",
});
