// A minimal PDF writer and incremental updater: enough to write our own test documents and to append
// signature revisions to a PDF with a classic cross-reference table (ours; Chromium's print output too).
// Object bodies are handled as latin1 text so byte offsets stay exact; binary stream data goes through
// `stream()` which keeps bytes as latin1 characters.

export type PdfObjects = Map<number, string>;

const latin1 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "latin1"));
const fromLatin1 = (b: Uint8Array): string => Buffer.from(b).toString("latin1");

/** A stream object body: dictionary entries (without Length) and raw bytes. */
export function stream(dictEntries: string, data: Uint8Array): string {
  return `<<${dictEntries}/Length ${data.length}>>\nstream\n${fromLatin1(data)}\nendstream`;
}

/** PDF text string for Unicode text: UTF-16BE with BOM, hex-encoded. */
export function pdfTextString(s: string): string {
  const b = Buffer.from("\ufeff" + s, "utf16le");
  b.swap16();
  return `<${b.toString("hex").toUpperCase()}>`;
}
/** PDF date string D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

function xrefSection(entries: Array<[number, number]>): string {
  // entries sorted by object number, grouped in contiguous subsections
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  let out = "xref\n";
  let i = 0;
  if (sorted[0]?.[0] === 0) i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]![0] === sorted[j]![0] + 1) j++;
    out += `${sorted[i]![0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const [num, off] = sorted[k]!;
      out += num === 0 ? "0000000000 65535 f \n" : `${String(off).padStart(10, "0")} 00000 n \n`;
    }
    i = j + 1;
  }
  return out;
}

/** Write a whole PDF (version header, objects 1..n, xref, trailer). `binaryComment` marks it binary. */
export function writePdf(objects: PdfObjects, trailerExtra: string, version = "1.7"): Uint8Array {
  let out = `%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`;
  const offsets: Array<[number, number]> = [[0, 0]];
  const nums = [...objects.keys()].sort((a, b) => a - b);
  for (const n of nums) {
    offsets.push([n, out.length]);
    out += `${n} 0 obj\n${objects.get(n)}\nendobj\n`;
  }
  const xrefAt = out.length;
  out += xrefSection(offsets);
  out += `trailer\n<</Size ${Math.max(...nums) + 1}${trailerExtra}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return latin1(out);
}

export interface PdfInfo {
  text: string;
  size: number;
  rootRef: number;
  infoRef?: number;
  idEntry?: string;
  lastXref: number;
  /** latest offset of every object */
  offsets: Map<number, number>;
}

/** Read the cross-reference chain of a classic-xref PDF. Throws naming the problem on anything else. */
export function readPdf(bytes: Uint8Array): PdfInfo {
  const text = fromLatin1(bytes);
  if (!text.startsWith("%PDF-")) throw new Error("not a PDF: no %PDF- header");
  const sx = text.lastIndexOf("startxref");
  if (sx < 0) throw new Error("PDF has no startxref (truncated?)");
  const lastXref = Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]);
  const offsets = new Map<number, number>();
  let at: number | undefined = lastXref;
  let trailer0: string | undefined;
  const seen = new Set<number>();
  while (at !== undefined) {
    if (seen.has(at)) throw new Error("PDF xref chain loops");
    seen.add(at);
    if (!text.startsWith("xref", at)) throw new Error(`PDF: no classic xref table at offset ${at} (xref streams are not supported)`);
    let p = at + 4;
    const tIdx = text.indexOf("trailer", p);
    if (tIdx < 0) throw new Error("PDF: xref without trailer");
    const lines = text.slice(p, tIdx).split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
    let li = 0;
    while (li < lines.length) {
      const [startS, countS] = lines[li++]!.split(/\s+/);
      const start = Number(startS);
      const count = Number(countS);
      for (let k = 0; k < count; k++) {
        const m = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[li++] ?? "");
        if (!m) throw new Error("PDF: malformed xref entry");
        if (m[3] === "n" && !offsets.has(start + k)) offsets.set(start + k, Number(m[1]));
      }
    }
    const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(tIdx))?.[1] ?? "";
    trailer0 ??= trailer;
    const prev = /\/Prev\s+(\d+)/.exec(trailer)?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  const t = trailer0!;
  const size = Number(/\/Size\s+(\d+)/.exec(t)?.[1]);
  const rootRef = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(t)?.[1]);
  if (!size || !rootRef) throw new Error("PDF trailer lacks /Size or /Root");
  const infoRef = /\/Info\s+(\d+)\s+0\s+R/.exec(t)?.[1];
  const idEntry = /\/ID\s*\[[^\]]*\]/.exec(t)?.[0];
  return { text, size, rootRef, infoRef: infoRef ? Number(infoRef) : undefined, idEntry, lastXref, offsets };
}

/** The body of object `num` (between "obj" and "endobj") in its latest revision. */
export function objectBody(info: PdfInfo, num: number): string {
  const off = info.offsets.get(num);
  if (off === undefined) throw new Error(`PDF object ${num} not found`);
  const m = /^\s*(\d+)\s+(\d+)\s+obj\s*([\s\S]*?)\s*endobj/.exec(info.text.slice(off, off + 1_000_000));
  if (!m || Number(m[1]) !== num) throw new Error(`PDF object ${num} not at its xref offset`);
  return m[3]!;
}

/** Add or replace `/Key value` in a dictionary body `<<...>>` (top level, our simple dictionaries). */
export function setDictEntry(dict: string, key: string, value: string): string {
  const trimmed = dict.trim();
  if (!trimmed.startsWith("<<") || !trimmed.endsWith(">>")) throw new Error("not a dictionary");
  const re = new RegExp(`/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\]|<<(?:[^<>]|<<[^<>]*>>)*>>|\\d+\\s+\\d+\\s+R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|[^/>\\s]+)`);
  if (re.test(trimmed)) return trimmed.replace(re, `/${key} ${value}`);
  return `${trimmed.slice(0, -2)}/${key} ${value}>>`;
}
export function getDictEntry(dict: string, key: string): string | undefined {
  const re = new RegExp(`/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\]|<<(?:[^<>]|<<[^<>]*>>)*>>|\\d+\\s+\\d+\\s+R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|[^/>\\s]+)`);
  return re.exec(dict)?.[1];
}

/** Append an incremental update holding `objects` (new or replaced). Returns the whole new file. */
export function appendUpdate(base: Uint8Array, info: PdfInfo, objects: PdfObjects): Uint8Array {
  let out = "";
  const baseLen = base.length;
  const needsNl = base[baseLen - 1] !== 0x0a;
  if (needsNl) out += "\n";
  const entries: Array<[number, number]> = [];
  const nums = [...objects.keys()].sort((a, b) => a - b);
  for (const n of nums) {
    entries.push([n, baseLen + out.length]);
    out += `${n} 0 obj\n${objects.get(n)}\nendobj\n`;
  }
  const xrefAt = baseLen + out.length;
  out += xrefSection(entries);
  const size = Math.max(info.size, ...nums.map((n) => n + 1));
  const infoEntry = info.infoRef ? `/Info ${info.infoRef} 0 R` : "";
  out += `trailer\n<</Size ${size}/Root ${info.rootRef} 0 R${infoEntry}${info.idEntry ?? ""}/Prev ${info.lastXref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const tail = latin1(out);
  const res = new Uint8Array(baseLen + tail.length);
  res.set(base, 0);
  res.set(tail, baseLen);
  return res;
}

export { latin1, fromLatin1 };
