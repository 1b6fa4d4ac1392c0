// The report's machine-readable twins embedded in the PDF as associated files (PDF/A-3 style): each an
// /EmbeddedFile stream (uncompressed, with /Size and MD5 /CheckSum) behind a /Filespec with /AFRelationship, listed
// in the catalog's /Names /EmbeddedFiles tree and /AF array. One incremental update, before signing, so the
// signature covers them. extractAttachments reads them back (verify-report) with the validator's own PDF reader.
import { createHash } from "node:crypto";
import { PdfFile } from "../pdf/reader.ts";
import { PdfDict, PdfStream, PdfString, type PdfValue } from "../pdf/syntax.ts";
import { appendUpdate, getDictEntry, type PdfObjects, pdfTextString, setDictEntry, stream } from "../sign/pdf.ts";

export interface Attachment {
  name: string;
  mediaType: string;
  description: string;
  /** Data: the report's data in another form; Source: what it was made from */
  relationship: "Data" | "Source" | "Supplement";
  data: Uint8Array;
}

const pdfName = (mediaType: string) => mediaType.replace(/[^A-Za-z0-9.+-]/g, (c) => `#${c.charCodeAt(0).toString(16)}`);
const asciiString = (s: string) => `(${s.replace(/[\\()]/g, "\\$&")})`;

export function attachFiles(pdf: Uint8Array, files: Attachment[]): Uint8Array {
  const file = new PdfFile(pdf);
  const info = file.updateBase();
  let catalog = file.objectText(info.rootRef);
  if (getDictEntry(catalog, "Names") || getDictEntry(catalog, "AF"))
    throw new Error("attach: the PDF already has a /Names tree or /AF; merging them is not supported");
  const objects: PdfObjects = new Map();
  let n = info.size;
  const specs: { name: string; ref: number }[] = [];
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!/^[\x20-\x7e]+$/.test(f.name)) throw new Error(`attach: file name "${f.name}" must be printable ASCII`);
    const md5 = createHash("md5").update(f.data).digest("hex").toUpperCase();
    const ef = n++;
    objects.set(
      ef,
      stream(
        `/Type/EmbeddedFile/Subtype/${pdfName(f.mediaType)}/Params<</Size ${f.data.length}/CheckSum<${md5}>>>`,
        f.data,
      ),
    );
    const spec = n++;
    objects.set(
      spec,
      `<</Type/Filespec/F${asciiString(f.name)}/UF${pdfTextString(f.name)}/Desc${pdfTextString(f.description)}/AFRelationship/${f.relationship}/EF<</F ${ef} 0 R/UF ${ef} 0 R>>>>`,
    );
    specs.push({ name: f.name, ref: spec });
  }
  const names = specs.map((s) => `${asciiString(s.name)} ${s.ref} 0 R`).join(" ");
  catalog = setDictEntry(catalog, "Names", `<</EmbeddedFiles<</Names[${names}]>>>>`);
  catalog = setDictEntry(catalog, "AF", `[${specs.map((s) => `${s.ref} 0 R`).join(" ")}]`);
  objects.set(info.rootRef, catalog);
  return appendUpdate(pdf, info, objects);
}

function str(v: PdfValue | undefined): string | undefined {
  if (!(v instanceof PdfString)) return undefined;
  const bytes = v.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const b = Buffer.from(bytes.subarray(2));
    b.swap16();
    return b.toString("utf16le");
  }
  return Buffer.from(bytes).toString("latin1");
}

/** The embedded files named in the catalog's /EmbeddedFiles tree (flat /Names or one level of /Kids). */
export function extractAttachments(pdf: Uint8Array): Map<string, Uint8Array> {
  const file = new PdfFile(pdf);
  const out = new Map<string, Uint8Array>();
  const rootRef = file.trailerValue("Root");
  const catalog = file.resolve(rootRef);
  if (!(catalog instanceof PdfDict)) return out;
  const namesDict = file.resolve(catalog.get("Names"));
  const tree = namesDict instanceof PdfDict ? file.resolve(namesDict.get("EmbeddedFiles")) : undefined;
  const visit = (node: PdfValue | undefined, depth: number) => {
    const d = file.resolve(node);
    if (!(d instanceof PdfDict) || depth > 8) return;
    const kids = file.resolve(d.get("Kids"));
    if (Array.isArray(kids)) for (const k of kids) visit(k, depth + 1);
    const arr = file.resolve(d.get("Names"));
    if (!Array.isArray(arr)) return;
    for (let i = 0; i + 1 < arr.length; i += 2) {
      const name = str(file.resolve(arr[i]));
      const spec = file.resolve(arr[i + 1]);
      if (!name || !(spec instanceof PdfDict)) continue;
      const ef = file.resolve(spec.get("EF"));
      const s = ef instanceof PdfDict ? file.resolve(ef.get("F")) : undefined;
      if (s instanceof PdfStream) out.set(name, file.decode(s, `embedded file ${name}`));
    }
  };
  visit(tree, 0);
  return out;
}
