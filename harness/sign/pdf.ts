// A minimal PDF writer and incremental updater: enough to write our own test documents and to append
// signature revisions to a PDF with a classic cross-reference table (ours; Chromium's print output) or with
// cross-reference streams and object streams (PDF 1.5+, what most office suites write).
// Object bodies are handled as latin1 text so byte offsets stay exact; binary stream data goes through
// `stream()` which keeps bytes as latin1 characters. Reading the file being updated (xref chain, trailer,
// object text) is harness/pdf/reader.ts's job, the same bounded reader the validator uses.
import type { UpdateBase } from "../pdf/reader.ts";

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

/** Add or replace `/Key value` in a dictionary body `<<...>>` (top level, our simple dictionaries). */
export function setDictEntry(dict: string, key: string, value: string): string {
  const trimmed = dict.trim();
  if (!trimmed.startsWith("<<") || !trimmed.endsWith(">>")) throw new Error("not a dictionary");
  const re = new RegExp(
    `/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\]|<<(?:[^<>]|<<[^<>]*>>)*>>|\\d+\\s+\\d+\\s+R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|[^/>\\s]+)`,
  );
  if (re.test(trimmed)) return trimmed.replace(re, `/${key} ${value}`);
  return `${trimmed.slice(0, -2)}/${key} ${value}>>`;
}
export function getDictEntry(dict: string, key: string): string | undefined {
  const re = new RegExp(
    `/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\]|<<(?:[^<>]|<<[^<>]*>>)*>>|\\d+\\s+\\d+\\s+R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|[^/>\\s]+)`,
  );
  return re.exec(dict)?.[1];
}

/** Append an incremental update holding `objects` (new or replaced). Returns the whole new file. */
export function appendUpdate(base: Uint8Array, info: UpdateBase, objects: PdfObjects): Uint8Array {
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
  const infoEntry = info.infoRef ? `/Info ${info.infoRef} 0 R` : "";
  if (info.xrefStream) {
    // the update's cross-reference is a stream as well (W [1 4 2], no filter), itself its last entry
    const selfNum = Math.max(info.size, ...nums.map((n) => n + 1));
    const all = [...entries, [selfNum, xrefAt] as [number, number]].sort((a, b) => a[0] - b[0]);
    const index: number[] = [];
    for (const [n] of all) {
      if (index.length && index[index.length - 2]! + index[index.length - 1]! === n) index[index.length - 1]!++;
      else index.push(n, 1);
    }
    const data = Buffer.alloc(all.length * 7);
    all.forEach(([, off], i) => {
      data.writeUInt8(1, i * 7);
      data.writeUInt32BE(off, i * 7 + 1);
      data.writeUInt16BE(0, i * 7 + 5);
    });
    out += `${selfNum} 0 obj\n${stream(`/Type/XRef/Size ${selfNum + 1}/Index[${index.join(" ")}]/W[1 4 2]/Root ${info.rootRef} 0 R${infoEntry}${info.idEntry ?? ""}/Prev ${info.lastXref}`, data)}\nendobj\n`;
    out += `startxref\n${xrefAt}\n%%EOF\n`;
  } else {
    out += xrefSection(entries);
    const size = Math.max(info.size, ...nums.map((n) => n + 1));
    out += `trailer\n<</Size ${size}/Root ${info.rootRef} 0 R${infoEntry}${info.idEntry ?? ""}/Prev ${info.lastXref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  }
  const tail = latin1(out);
  const res = new Uint8Array(baseLen + tail.length);
  res.set(base, 0);
  res.set(tail, baseLen);
  return res;
}

export { latin1, fromLatin1 };
