// bad-documents: the application is asked to sign documents it must not sign silently: dynamic content (HTML
// with a script that changes the amount shown, a PDF carrying an embedded Word file, a Word file with a macro
// part), malformed ones (a truncated PDF, XML that is not well-formed), an empty (zero-byte) one, one whose
// content a text viewer cannot show whole (a Word document whose amount is a picture), and, when the profile
// restricts the document types it signs, one of a type it does not allow; and a clean text document whose file
// name carries markup, which an application may copy into a signed attribute (CAdES content-hints). From the vector set's documents
// (harness/vectors/documents.ts), each with its own file extension, so the application can tell its type.
// What counts as a warning on a command line is the profile's `driver.settings.warnings` (a pattern on what it
// says, exit codes); the probes read it.
import { traceMark } from "../card/index.ts";
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import { makeDocuments, makeDocxWithPicture } from "../vectors/documents.ts";
import { recordAttempt } from "./attempt.ts";
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
  "doc-empty": "empty",
  "doc-docx-picture": "cannot-show-whole",
};

interface SessionDocument {
  id: string;
  file: string;
  mediaType: string;
  bytes: Uint8Array;
  description: Text;
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The vector set's documents and the session's own (not part of the vector set, so it stays as it is). */
function documents(): SessionDocument[] {
  return [
    ...makeDocuments(),
    {
      id: "doc-docx-picture",
      file: "documents/resimli.docx",
      mediaType: DOCX,
      bytes: makeDocxWithPicture(),
      description: {
        tr: "Tutarı bir resimde olan Word belgesi (metin görüntüleyici bütününü gösteremez)",
        en: "Word document whose amount is in a picture (a text viewer cannot show it whole)",
      },
    },
  ];
}

/** A file name with an HTML tag that runs a script where it is shown unescaped (no "/": it is a file name). */
export const MARKUP_NAME = "dilekce<img src=x onerror=alert(1)>";
const MARKUP_NAME_DESCRIPTION = {
  tr: "Adında HTML işaretlemesi (betik) olan düz metin belgesi",
  en: "Plain-text document whose file name carries HTML markup (a script)",
};

/** The documents nothing is wrong with, in the order a disallowed type is looked for among them. */
const CLEAN = ["doc-txt", "doc-xml", "doc-pdf", "doc-docx-picture"];

const baseType = (t: string) => t.split(";")[0]!.trim().toLowerCase();

/** A clean document whose type the profile does not allow, when it restricts document types (none otherwise). */
export function disallowedDocument(profile: AppProfile, docs: SessionDocument[]): SessionDocument | undefined {
  const caps = profile.capabilities;
  if (caps?.restrictsDocumentTypes !== true) return undefined;
  const types = Array.isArray(caps.documentTypes) ? caps.documentTypes : [];
  const allowed = new Set(types.map(baseType));
  // text/xml and application/xml are one type to a reader
  const same = (t: string) => allowed.has(t) || (/xml$/.test(t) && [...allowed].some((a) => /xml$/.test(a)));
  return CLEAN.map((id) => docs.find((d) => d.id === id)!).find((d) => d && !same(baseType(d.mediaType)));
}

export async function badDocuments(ctx: SessionContext): Promise<BadDocumentsEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  const rows: BadDocumentRow[] = [];
  const docs = documents();
  const asked: { d: SessionDocument; what: BadDocumentKind; name: string }[] = docs.flatMap((d) =>
    BAD_DOCUMENTS[d.id] ? [{ d, what: BAD_DOCUMENTS[d.id]!, name: `bad-document-${d.id}` }] : [],
  );
  const text = docs.find((d) => d.id === "doc-txt")!;
  asked.push({ d: { ...text, id: "doc-txt-markup-name" }, what: "markup-name", name: MARKUP_NAME });
  const disallowed = disallowedDocument(ctx.profile, docs);
  if (disallowed) asked.push({ d: disallowed, what: "disallowed-type", name: `disallowed-type-${disallowed.id}` });
  if (face && kind)
    for (const { d, what, name } of asked) {
      const ext = d.file.split(".").pop()!;
      const document = ctx.evidence.put("document", d.bytes, ext);
      const attempt = await recordAttempt(ctx, await face.sign(kind, d.bytes, name, { ext }), name);
      rows.push({
        id: d.id,
        kind: what,
        ...(what === "markup-name" ? { fileName: `${name}.${ext}` } : {}),
        mediaType: d.mediaType,
        description: what === "markup-name" ? MARKUP_NAME_DESCRIPTION : d.description,
        document,
        attempt,
      });
    }
  return { ...(kind ? { requested: kind } : {}), rows, trace: traceSince(ctx, mark) };
}
