import { describeBadDocumentProbe } from "../../testing/probes/bad-document-cases.ts";
import probe from "./2.1-4.ts";

describeBadDocumentProbe("2.1-4", probe, {
  kind: "malformed",
  docId: "doc-pdf-truncated",
  title: "a malformed document is refused or warned about, never signed silently",
});
