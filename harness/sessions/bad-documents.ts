// bad-documents: the application is asked to sign documents it must not sign silently: dynamic content (HTML
// with a script that changes the amount shown, a PDF carrying an embedded Word file, a Word file with a macro
// part) and malformed ones (a truncated PDF, XML that is not well-formed), from the vector set's documents
// (harness/vectors/documents.ts). Each with its own file extension, so the application can tell its type.
// What counts as a warning on a command line is the profile's `driver.settings.warnings` (a pattern on what it
// says, exit codes); the probes read it.
import { traceMark } from "../card/index.ts";
import { makeDocuments } from "../vectors/documents.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { BadDocumentKind, BadDocumentRow, BadDocumentsEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { traceSince } from "./sign-sessions.ts";

/** The vector documents this session uses, and what is wrong with each. */
export const BAD_DOCUMENTS: Record<string, BadDocumentKind> = {
  "doc-html-script": "dynamic-content",
  "doc-pdfa3-docx": "dynamic-content",
  "doc-docx-macro": "dynamic-content",
  "doc-pdf-truncated": "malformed",
  "doc-xml-invalid": "malformed",
};

export async function badDocuments(ctx: SessionContext): Promise<BadDocumentsEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  const rows: BadDocumentRow[] = [];
  if (face && kind)
    for (const d of makeDocuments()) {
      const what = BAD_DOCUMENTS[d.id];
      if (!what) continue;
      const ext = d.file.split(".").pop()!;
      const name = `bad-document-${d.id}`;
      const document = ctx.evidence.put("document", d.bytes, ext);
      const attempt = await recordAttempt(ctx, await face.sign(kind, d.bytes, name, { ext }), name);
      rows.push({ id: d.id, kind: what, mediaType: d.mediaType, description: d.description, document, attempt });
    }
  return { ...(kind ? { requested: kind } : {}), rows, trace: traceSince(ctx, mark) };
}
