import { describeBadDocumentProbe } from "../../testing/probes/bad-document-cases.ts";
import probe from "./2.1-5.ts";

describeBadDocumentProbe("2.1-5", probe, {
  kind: "cannot-show-whole",
  docId: "doc-docx-picture",
  title: "a document the window cannot show whole is warned about or refused, never signed silently",
  needsScreen: true,
});
