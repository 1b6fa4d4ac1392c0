// A minimal PDF writer and incremental updater: enough to write our own test documents and to append
// signature revisions to a PDF with a classic cross-reference table (ours; Chromium's print output) or with
// cross-reference streams and object streams (PDF 1.5+, what most office suites write).
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

import { inflateSync } from "node:zlib";

export interface PdfInfo {
  text: string;
  size: number;
  rootRef: number;
  infoRef?: number;
  idEntry?: string;
  lastXref: number;
  /** latest offset of every object */
  offsets: Map<number, number>;
  /** objects stored in object streams: number → (object stream, index) */
  compressed: Map<number, { stm: number; idx: number }>;
  /** the newest cross-reference section is a stream: updates then write one too */
  xrefStream: boolean;
}

/** End (exclusive) of the dictionary that starts with "<<" at `start`. */
function dictEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === "<" && text[i + 1] === "<") {
      depth++;
      i++;
    } else if (text[i] === ">" && text[i + 1] === ">") {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (text[i] === "(") {
      // skip a literal string (balanced parentheses, backslash escapes)
      let d = 0;
      for (; i < text.length; i++) {
        if (text[i] === "\\") i++;
        else if (text[i] === "(") d++;
        else if (text[i] === ")" && --d === 0) break;
      }
    }
  }
  throw new Error("PDF: unterminated dictionary");
}

/** A stream object at `at`: its dictionary text and decoded data (FlateDecode and PNG predictors). */
function readStreamObject(text: string, at: number): { dict: string; data: Uint8Array } {
  const head = /^\s*\d+\s+\d+\s+obj\s*/.exec(text.slice(at, at + 64));
  if (!head) throw new Error(`PDF: no object at offset ${at}`);
  const ds = at + head[0].length;
  if (!text.startsWith("<<", ds)) throw new Error(`PDF: object at ${at} is not a stream`);
  const de = dictEnd(text, ds);
  const dict = text.slice(ds, de);
  const m = /^\s*stream\r?\n/.exec(text.slice(de, de + 32));
  if (!m) throw new Error(`PDF: object at ${at} has no stream data`);
  const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1];
  if (len === undefined) throw new Error(`PDF: stream at ${at} has an indirect or missing /Length`);
  const start = de + m[0].length;
  let data: Uint8Array = Uint8Array.from(Buffer.from(text.slice(start, start + Number(len)), "latin1"));
  const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(dict)?.[1];
  if (filter === "FlateDecode") data = new Uint8Array(inflateSync(data));
  else if (filter) throw new Error(`PDF: stream filter ${filter} is not supported here`);
  const predictor = Number(/\/Predictor\s+(\d+)/.exec(dict)?.[1] ?? 1);
  if (predictor >= 10) data = unpredictPng(data, Number(/\/Columns\s+(\d+)/.exec(dict)?.[1] ?? 1));
  return { dict, data };
}

/** Undo PNG row filters (PDF predictors 10–15), one byte per pixel as xref streams use. */
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rowLen = columns + 1;
  const rows = Math.floor(data.length / rowLen);
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLen]!;
    for (let c = 0; c < columns; c++) {
      const x = data[r * rowLen + 1 + c]!;
      const a = c > 0 ? out[r * columns + c - 1]! : 0;
      const b = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const cc = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      let v = x;
      if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - cc;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - cc);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : cc);
      }
      out[r * columns + c] = v & 0xff;
    }
  }
  return out;
}

/** Entries of a cross-reference stream into `offsets` / `compressed` (earlier sections never override). */
function readXrefStream(text: string, at: number, offsets: PdfInfo["offsets"], compressed: PdfInfo["compressed"]): string {
  const { dict, data } = readStreamObject(text, at);
  if (!/\/Type\s*\/XRef/.test(dict)) throw new Error(`PDF: object at ${at} is not a cross-reference stream`);
  const w = (/\/W\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? "").trim().split(/\s+/).map(Number);
  if (w.length !== 3) throw new Error("PDF: cross-reference stream without a valid /W");
  const size = Number(/\/Size\s+(\d+)/.exec(dict)?.[1]);
  const index = (/\/Index\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? `0 ${size}`).trim().split(/\s+/).map(Number);
  const field = (p: number, n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + data[p + i]!;
    return v;
  };
  let p = 0;
  const entry = w[0]! + w[1]! + w[2]!;
  for (let k = 0; k + 1 < index.length; k += 2) {
    for (let i = 0; i < index[k + 1]!; i++) {
      const num = index[k]! + i;
      const type = w[0] ? field(p, w[0]) : 1;
      const f2 = field(p + w[0]!, w[1]!);
      const f3 = field(p + w[0]! + w[1]!, w[2]!);
      p += entry;
      if (offsets.has(num) || compressed.has(num)) continue;
      if (type === 1) offsets.set(num, f2);
      else if (type === 2) compressed.set(num, { stm: f2, idx: f3 });
    }
  }
  return dict;
}

/** Read the cross-reference chain of a classic-xref PDF. Throws naming the problem on anything else. */
export function readPdf(bytes: Uint8Array): PdfInfo {
  const text = fromLatin1(bytes);
  if (!text.startsWith("%PDF-")) throw new Error("not a PDF: no %PDF- header");
  const sx = text.lastIndexOf("startxref");
  if (sx < 0) throw new Error("PDF has no startxref (truncated?)");
  const lastXref = Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]);
  const offsets = new Map<number, number>();
  const compressed: PdfInfo["compressed"] = new Map();
  let at: number | undefined = lastXref;
  let trailer0: string | undefined;
  let xrefStream = false;
  const seen = new Set<number>();
  while (at !== undefined) {
    if (seen.has(at)) throw new Error("PDF xref chain loops");
    seen.add(at);
    let trailer: string;
    if (text.startsWith("xref", at)) {
      const tIdx = text.indexOf("trailer", at + 4);
      if (tIdx < 0) throw new Error("PDF: xref without trailer");
      const lines = text.slice(at + 4, tIdx).split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
      let li = 0;
      while (li < lines.length) {
        const [startS, countS] = lines[li++]!.split(/\s+/);
        const start = Number(startS);
        const count = Number(countS);
        for (let k = 0; k < count; k++) {
          const m = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[li++] ?? "");
          if (!m) throw new Error("PDF: malformed xref entry");
          if (m[3] === "n" && !offsets.has(start + k) && !compressed.has(start + k)) offsets.set(start + k, Number(m[1]));
        }
      }
      const ts = text.indexOf("<<", tIdx);
      trailer = text.slice(ts, dictEnd(text, ts));
      // hybrid files: objects in object streams are listed in the stream named by /XRefStm
      const xs = /\/XRefStm\s+(\d+)/.exec(trailer)?.[1];
      if (xs !== undefined) readXrefStream(text, Number(xs), offsets, compressed);
    } else if (/^\d+\s+\d+\s+obj/.test(text.slice(at, at + 32))) {
      trailer = readXrefStream(text, at, offsets, compressed);
      if (trailer0 === undefined) xrefStream = true;
    } else throw new Error(`PDF: no cross-reference section at offset ${at}`);
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
  return { text, size, rootRef, infoRef: infoRef ? Number(infoRef) : undefined, idEntry, lastXref, offsets, compressed, xrefStream };
}

/** The body of object `num` (between "obj" and "endobj") in its latest revision. */
export function objectBody(info: PdfInfo, num: number): string {
  const off = info.offsets.get(num);
  const inStream = info.compressed.get(num);
  if (off === undefined && inStream) {
    const stmOff = info.offsets.get(inStream.stm);
    if (stmOff === undefined) throw new Error(`PDF object stream ${inStream.stm} not found`);
    const { dict, data } = readStreamObject(info.text, stmOff);
    const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1]);
    const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1]);
    const body = Buffer.from(data).toString("latin1");
    const pairs = body.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i < n; i++) {
      if (pairs[2 * i] !== num) continue;
      const from = first + pairs[2 * i + 1]!;
      const to = i + 1 < n ? first + pairs[2 * i + 3]! : body.length;
      return body.slice(from, to).trim();
    }
    throw new Error(`PDF object ${num} not in object stream ${inStream.stm}`);
  }
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
