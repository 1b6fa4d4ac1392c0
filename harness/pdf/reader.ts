// A bounded PDF object reader (ISO 32000-1 §7.5): classic xref tables and xref streams (/W, /Index, PNG
// predictors), hybrid files (/XRefStm), object streams (/N, /First), and incremental updates: the /Prev chain
// is kept as a list of sections (newest first) so the file can be viewed "as of" any revision, which is what
// PAdES needs (which revision a signature covers, what changed after it).
// Bounds: object count, recursion depth, decompressed size per stream and in total, /Prev cycles.
import { constants, inflateSync } from "node:zlib";
import { intOf, latin1, Lexer, nameOf, PdfDict, PdfError, PdfRef, PdfStream, type PdfValue } from "./syntax.ts";

export const LIMITS = {
  /** xref entries over all sections */
  maxObjects: 1_000_000,
  maxSections: 4096,
  /** one decoded stream */
  maxStream: 32 * 1024 * 1024,
  /** all decoded streams of one file */
  maxTotalDecoded: 256 * 1024 * 1024,
  /** chained indirect resolutions (e.g. a /Length that points at a reference) */
  maxResolveDepth: 32,
};

type Entry = { type: 1; offset: number; gen: number } | { type: 2; stm: number; idx: number } | { type: 0 };

export interface XrefSection {
  /** where the section (table or xref stream object) starts */
  offset: number;
  kind: "table" | "stream";
  trailer: PdfDict;
  /** file offset of the trailer dictionary ("<<" after "trailer", or the xref stream's dictionary) */
  trailerAt: number;
  entries: Map<number, Entry>;
  /** A startxref…%%EOF points here: the section starts a revision. Otherwise it continues the newer
   *  revision before it in the chain (a linearized file's main table, reached only through /Prev). */
  startsRevision?: boolean;
}

/** What an incremental update (ISO 32000-1 §7.5.6) needs from the file it extends. */
export interface UpdateBase {
  /** trailer /Size: the next free object number */
  size: number;
  rootRef: number;
  infoRef?: number;
  /** the raw "/ID[…]" trailer entry, if any */
  idEntry?: string;
  /** startxref of the newest revision: the update's /Prev */
  lastXref: number;
  /** the newest cross-reference section is a stream: the update writes one too */
  xrefStream: boolean;
}

export class PdfFile {
  readonly sections: XrefSection[] = [];
  private decoded = 0;
  private objCache = new Map<string, PdfValue>();
  private stmCache = new Map<number, { data: Uint8Array; offsets: number[]; first: number; n: number }>();
  private entryCount = 0;

  constructor(readonly bytes: Uint8Array) {
    if (latin1(bytes.subarray(0, 1024)).indexOf("%PDF-") < 0) throw new PdfError("not a PDF: no %PDF- header");
    const start = startxrefOf(bytes, bytes.length, true);
    if (start === undefined) throw new PdfError("PDF has no startxref/%%EOF at its end (truncated?)");
    const seen = new Set<number>();
    let at: number | undefined = start;
    while (at !== undefined) {
      if (seen.has(at)) throw new PdfError(`PDF cross-reference /Prev chain loops back to offset ${at}`);
      if (seen.size >= LIMITS.maxSections)
        throw new PdfError(`PDF has more than ${LIMITS.maxSections} cross-reference sections`);
      seen.add(at);
      const sec = this.readSection(at);
      this.sections.push(sec);
      const prev = sec.trailer.get("Prev");
      at = prev === undefined ? undefined : intOf(prev, "trailer /Prev", bytes.length - 1);
    }
    const pointed = new Set([...latin1(bytes).matchAll(/startxref\s+(\d+)\s+%%EOF/g)].map((m) => Number(m[1])));
    this.sections.forEach((sec, i) => (sec.startsRevision = i === 0 || pointed.has(sec.offset)));
  }

  /** Revisions in the file (sections that start one). */
  get revisionCount(): number {
    return this.sections.filter((s) => s.startsRevision).length;
  }
  /** 1-based number (oldest = 1) of the revision that section `i` belongs to. */
  revisionNumber(i: number): number {
    return this.sections.slice(i).filter((s) => s.startsRevision).length;
  }

  /** The section that starts the revision section `i` belongs to. */
  revisionStartOf(i: number): number {
    while (i > 0 && !this.sections[i]!.startsRevision) i--;
    return i;
  }

  /** A trailer entry as of section `rev`: older trailers supply what a newer one leaves out (linearized files). */
  trailerValue(key: string, rev = 0): PdfValue | undefined {
    for (let i = rev; i < this.sections.length; i++) {
      const v = this.sections[i]!.trailer.get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Sections as of the revision whose startxref points at `offset`: index into `sections`, or -1. */
  sectionIndexAt(offset: number): number {
    return this.sections.findIndex((s) => s.offset === offset);
  }

  private readSection(at: number): XrefSection {
    if (at >= this.bytes.length) throw new PdfError(`PDF cross-reference offset ${at} is past the end of the file`);
    const lx = new Lexer(this.bytes, at);
    if (lx.word(true) === "xref") {
      lx.word();
      const entries = new Map<number, Entry>();
      for (;;) {
        const w = lx.word(true);
        if (w === "trailer") break;
        if (!/^\d+$/.test(w)) throw new PdfError(`PDF xref table at ${at}: bad subsection header "${w.slice(0, 20)}"`);
        const first = Number(lx.word());
        const count = intOf(Number(lx.word()), `PDF xref table at ${at}: subsection count`, LIMITS.maxObjects);
        this.count(count);
        for (let k = 0; k < count; k++) {
          const off = lx.word();
          const gen = lx.word();
          const t = lx.word();
          if (!/^\d{1,10}$/.test(off) || !/^\d{1,5}$/.test(gen) || (t !== "n" && t !== "f"))
            throw new PdfError(`PDF xref table at ${at}: malformed entry ${k} of subsection ${first}`);
          if (!entries.has(first + k))
            entries.set(first + k, t === "n" ? { type: 1, offset: Number(off), gen: Number(gen) } : { type: 0 });
        }
      }
      lx.word();
      lx.skipWs();
      const trailerAt = lx.pos;
      const trailer = lx.value();
      if (!(trailer instanceof PdfDict)) throw new PdfError(`PDF trailer at ${at} is not a dictionary`);
      const xs = trailer.get("XRefStm");
      if (xs !== undefined) {
        // hybrid file: the stream's entries complete this section (the table wins)
        const s = this.readXrefStream(intOf(xs, "trailer /XRefStm", this.bytes.length - 1));
        for (const [n, e] of s.entries) if (!entries.has(n)) entries.set(n, e);
      }
      return { offset: at, kind: "table", trailer, trailerAt, entries };
    }
    return this.readXrefStream(at);
  }

  private count(n: number): void {
    this.entryCount += n;
    if (this.entryCount > LIMITS.maxObjects)
      throw new PdfError(`PDF cross-reference lists more than ${LIMITS.maxObjects} objects`);
  }

  private readXrefStream(at: number): XrefSection {
    let parsed: ReturnType<PdfFile["parseIndirect"]>;
    try {
      parsed = this.parseIndirect(at, undefined);
    } catch (e) {
      // neither "xref" nor "num gen obj" there: say what was looked for
      if (e instanceof PdfError && e.message.startsWith("PDF: no object at offset"))
        throw new PdfError(`PDF: no cross-reference section at offset ${at}`);
      throw e;
    }
    const { value, dictAt } = parsed;
    if (!(value instanceof PdfStream) || nameOf(value.dict.get("Type")) !== "XRef")
      throw new PdfError(`PDF: no cross-reference section at offset ${at}`);
    const d = value.dict;
    const wv = d.get("W");
    if (!Array.isArray(wv) || wv.length !== 3)
      throw new PdfError(`PDF xref stream at ${at}: /W is not an array of three widths`);
    const w = wv.map((x, i) => intOf(x, `PDF xref stream at ${at}: /W[${i}]`, 8));
    const rec = w[0]! + w[1]! + w[2]!;
    if (rec === 0 || w[1] === 0)
      throw new PdfError(`PDF xref stream at ${at}: /W [${w.join(" ")}] has no offset field`);
    const size = intOf(d.get("Size"), `PDF xref stream at ${at}: /Size`, LIMITS.maxObjects);
    const iv = d.get("Index") ?? [0, size];
    if (!Array.isArray(iv) || iv.length % 2)
      throw new PdfError(`PDF xref stream at ${at}: /Index is not pairs of integers`);
    const index = iv.map((x, i) => intOf(x, `PDF xref stream at ${at}: /Index[${i}]`, LIMITS.maxObjects));
    let total = 0;
    for (let k = 1; k < index.length; k += 2) total += index[k]!;
    this.count(total);
    const data = this.decode(value, `xref stream at ${at}`);
    if (data.length < total * rec)
      throw new PdfError(
        `PDF xref stream at ${at}: /W [${w.join(" ")}] × ${total} entries needs ${total * rec} bytes, the stream has ${data.length}`,
      );
    const field = (p: number, n: number) => {
      let v = 0;
      for (let i = 0; i < n; i++) v = v * 256 + data[p + i]!;
      return v;
    };
    const entries = new Map<number, Entry>();
    let p = 0;
    for (let k = 0; k < index.length; k += 2) {
      for (let i = 0; i < index[k + 1]!; i++, p += rec) {
        const num = index[k]! + i;
        const type = w[0] ? field(p, w[0]) : 1;
        const f2 = field(p + w[0]!, w[1]!);
        const f3 = field(p + w[0]! + w[1]!, w[2]!);
        if (entries.has(num)) continue;
        if (type === 1) entries.set(num, { type: 1, offset: f2, gen: f3 });
        else if (type === 2) entries.set(num, { type: 2, stm: f2, idx: f3 });
        else if (type === 0) entries.set(num, { type: 0 });
        // other types: reserved, treated as null references (ISO 32000-1 §7.5.8.3)
      }
    }
    return { offset: at, kind: "stream", trailer: d, trailerAt: dictAt, entries };
  }

  /** The entry for `num` as of revision section `rev` (0 = newest) and the section it came from. */
  entry(num: number, rev = 0): { e: Entry; section: number } | undefined {
    for (let i = rev; i < this.sections.length; i++) {
      const e = this.sections[i]!.entries.get(num);
      if (e) return { e, section: i };
    }
    return undefined;
  }

  /** Object `num` as of revision `rev`; undefined for free or missing objects (a null reference). */
  object(num: number, rev = 0, depth = 0): PdfValue | undefined {
    if (depth > LIMITS.maxResolveDepth)
      throw new PdfError(`PDF references chain deeper than ${LIMITS.maxResolveDepth} (a loop?)`);
    const found = this.entry(num, rev);
    if (!found || found.e.type === 0) return undefined;
    const e = found.e;
    const key = e.type === 1 ? `o${e.offset}` : `s${e.stm}:${e.idx}:${found.section}`;
    if (this.objCache.has(key)) return this.objCache.get(key);
    this.objCache.set(key, null); // a reference back to an object being read resolves to null
    let v: PdfValue;
    if (e.type === 1) {
      const r = this.parseIndirect(e.offset, rev, depth);
      if (r.num !== num)
        throw new PdfError(`PDF xref says object ${num} is at offset ${e.offset}, found object ${r.num} there`);
      v = r.value;
    } else v = this.fromObjectStream(num, e.stm, e.idx, found.section, depth);
    this.objCache.set(key, v);
    return v;
  }

  /** Follow a reference (as of revision `rev`); direct values are returned as they are. */
  resolve(v: PdfValue | undefined, rev = 0, depth = 0): PdfValue | undefined {
    return v instanceof PdfRef ? this.object(v.num, rev, depth + 1) : v;
  }

  /** "num gen obj value [stream…] endobj" at `at` in the file. */
  parseIndirect(
    at: number,
    rev: number | undefined,
    depth = 0,
  ): { num: number; value: PdfValue; dictAt: number; end: number } {
    const lx = new Lexer(this.bytes, at);
    const num = lx.word();
    const gen = lx.word();
    if (!/^\d+$/.test(num) || !/^\d+$/.test(gen)) throw new PdfError(`PDF: no object at offset ${at}`);
    lx.expectWord("obj", `PDF object ${num} at ${at}`);
    lx.skipWs();
    const dictAt = lx.pos;
    const value = lx.value();
    const save = lx.pos;
    if (value instanceof PdfDict && lx.word() === "stream") {
      // the keyword is followed by CRLF or LF (a lone CR is tolerated)
      let s = lx.pos;
      if (this.bytes[s] === 13) s++;
      if (this.bytes[s] === 10) s++;
      const lv = value.get("Length");
      let len: number;
      if (lv instanceof PdfRef) {
        if (rev === undefined) throw new PdfError(`PDF xref stream at ${at} has an indirect /Length`);
        len = intOf(this.object(lv.num, rev, depth + 1), `PDF object ${num}: /Length`, this.bytes.length);
      } else len = intOf(lv, `PDF object ${num}: /Length`, this.bytes.length);
      if (s + len > this.bytes.length)
        throw new PdfError(`PDF object ${num}: stream /Length ${len} runs past the end of the file`);
      const after = new Lexer(this.bytes, s + len);
      if (after.word() !== "endstream")
        throw new PdfError(`PDF object ${num}: no endstream after /Length ${len} bytes`);
      return { num: Number(num), value: new PdfStream(value, s, len), dictAt, end: after.pos };
    }
    lx.pos = save;
    return { num: Number(num), value, dictAt, end: save };
  }

  private fromObjectStream(num: number, stmNum: number, idx: number, section: number, depth: number): PdfValue {
    const lx = this.inObjectStream(num, stmNum, idx, section, depth);
    try {
      return lx.value();
    } catch (e) {
      if (e instanceof PdfError) throw new PdfError(`PDF object ${num} in object stream ${stmNum}: ${e.message}`);
      throw e;
    }
  }

  /** A lexer over object stream `stmNum`'s decoded data, at the start of its entry `idx` (object `num`). */
  private inObjectStream(num: number, stmNum: number, idx: number, section: number, depth: number): Lexer {
    const stm = this.object(stmNum, section, depth + 1);
    if (!(stm instanceof PdfStream) || nameOf(stm.dict.get("Type")) !== "ObjStm")
      throw new PdfError(`PDF object ${num}: its object stream ${stmNum} is not an /ObjStm`);
    const found = this.entry(stmNum, section)!;
    const ck = found.e.type === 1 ? found.e.offset : -1;
    let s = this.stmCache.get(ck);
    if (!s) {
      const data = this.decode(stm, `object stream ${stmNum}`);
      const n = intOf(stm.dict.get("N"), `PDF object stream ${stmNum}: /N`, LIMITS.maxObjects);
      const first = intOf(stm.dict.get("First"), `PDF object stream ${stmNum}: /First`, data.length);
      const head = latin1(data.subarray(0, first)).trim();
      const nums = head ? head.split(/\s+/) : [];
      if (nums.length < 2 * n || !nums.every((x) => /^\d+$/.test(x)))
        throw new PdfError(
          `PDF object stream ${stmNum}: the header before /First ${first} does not hold ${n} number pairs`,
        );
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        const o = Number(nums[2 * i + 1]);
        if (first + o > data.length)
          throw new PdfError(`PDF object stream ${stmNum}: object offset ${o} past its data`);
        offsets.push(Number(nums[2 * i]), o);
      }
      s = { data, offsets, first, n };
      this.stmCache.set(ck, s);
    }
    if (idx >= s.n || s.offsets[2 * idx] !== num)
      throw new PdfError(`PDF object ${num} is not entry ${idx} of object stream ${stmNum}`);
    return new Lexer(s.data, s.first + s.offsets[2 * idx + 1]!, false);
  }

  // ---- for writers of incremental updates (harness/sign): what an update must carry over ----

  /** The raw (latin1) text of object `num` as of revision `rev`, between "obj" and "endobj" (a stream with its
   *  data). A writer that replaces the object edits this text, so entries it does not know survive verbatim. */
  objectText(num: number, rev = 0): string {
    const found = this.entry(num, rev);
    if (!found || found.e.type === 0) throw new PdfError(`PDF object ${num} not found`);
    const e = found.e;
    if (e.type === 1) {
      const r = this.parseIndirect(e.offset, rev);
      if (r.num !== num)
        throw new PdfError(`PDF xref says object ${num} is at offset ${e.offset}, found object ${r.num} there`);
      return latin1(this.bytes.subarray(r.dictAt, r.end));
    }
    const lx = this.inObjectStream(num, e.stm, e.idx, found.section, 0);
    lx.skipWs();
    const start = lx.pos;
    try {
      lx.value();
    } catch (err) {
      if (err instanceof PdfError) throw new PdfError(`PDF object ${num} in object stream ${e.stm}: ${err.message}`);
      throw err;
    }
    return latin1(lx.buf.subarray(start, lx.pos));
  }

  /** The newest revision's trailer facts an incremental update repeats or points back to. */
  updateBase(): UpdateBase {
    const sizeV = this.trailerValue("Size");
    if (sizeV === undefined) throw new PdfError("PDF trailer lacks /Size");
    const size = intOf(sizeV, "PDF trailer /Size", LIMITS.maxObjects);
    const root = this.trailerValue("Root");
    if (!(root instanceof PdfRef)) throw new PdfError("PDF trailer lacks /Root (a reference to the catalog)");
    if (root.gen !== 0)
      throw new PdfError(
        `PDF trailer /Root ${root.num} ${root.gen} R: a catalog of generation other than 0 is not supported`,
      );
    const info = this.trailerValue("Info");
    // /ID goes over byte for byte, from the newest trailer that has one
    let idEntry: string | undefined;
    const withId = this.sections.find((s) => s.trailer.get("ID") !== undefined);
    if (withId) {
      const span = new Lexer(this.bytes, withId.trailerAt).entrySpan("ID");
      if (span) idEntry = latin1(this.bytes.subarray(span[0], span[1]));
    }
    const newest = this.sections[0]!;
    return {
      size,
      rootRef: root.num,
      infoRef: info instanceof PdfRef ? info.num : undefined,
      idEntry,
      lastXref: newest.offset,
      xrefStream: newest.kind === "stream",
    };
  }

  /** Decoded data of a stream: FlateDecode (with PNG predictors 10–15) or none; capped sizes. */
  decode(s: PdfStream, what: string): Uint8Array {
    let data = this.bytes.subarray(s.dataStart, s.dataStart + s.dataLength);
    const fv = s.dict.get("Filter");
    const filters = fv === undefined ? [] : Array.isArray(fv) ? fv : [fv];
    const pv = s.dict.get("DecodeParms");
    const parms = Array.isArray(pv) ? pv : [pv];
    filters.forEach((f, i) => {
      const name = nameOf(f);
      if (name !== "FlateDecode" && name !== "Fl")
        throw new PdfError(`PDF ${what}: filter ${name ?? "?"} is not supported`);
      const budget = Math.min(LIMITS.maxStream, LIMITS.maxTotalDecoded - this.decoded);
      try {
        data = new Uint8Array(
          inflateSync(data, { maxOutputLength: Math.max(budget, 1), finishFlush: constants.Z_SYNC_FLUSH }),
        );
      } catch (e) {
        const m = (e as Error).message;
        if (
          /larger than|maxOutputLength|buffer/i.test(m) ||
          (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE"
        )
          throw new PdfError(`PDF ${what}: inflates past the ${budget}-byte limit (a compression bomb?)`);
        throw new PdfError(`PDF ${what}: FlateDecode fails: ${m}`);
      }
      this.decoded += data.length;
      const p = parms[i];
      if (p instanceof PdfDict) {
        const pred = p.get("Predictor") ?? 1;
        if (pred !== 1) {
          if (typeof pred !== "number" || pred < 10 || pred > 15)
            throw new PdfError(`PDF ${what}: /Predictor ${String(pred)} is not supported`);
          const colors = intOf(p.get("Colors") ?? 1, `PDF ${what}: /Colors`, 32);
          const bpc = intOf(p.get("BitsPerComponent") ?? 8, `PDF ${what}: /BitsPerComponent`, 16);
          const columns = intOf(p.get("Columns") ?? 1, `PDF ${what}: /Columns`, 1 << 20);
          data = unpredictPng(
            data,
            Math.ceil((colors * bpc * columns) / 8),
            Math.max(1, Math.ceil((colors * bpc) / 8)),
            what,
          );
        }
      }
    });
    return data;
  }
}

/** Undo PNG row filters (ISO 32000-1 §7.4.4.4): each row = 1 filter-type byte + `rowLen` bytes. */
function unpredictPng(data: Uint8Array, rowLen: number, bpp: number, what: string): Uint8Array {
  if (rowLen < 1) throw new PdfError(`PDF ${what}: predictor row length is 0`);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    if (type > 4) throw new PdfError(`PDF ${what}: PNG filter type ${type} in row ${r}`);
    const o = r * rowLen;
    for (let c = 0; c < rowLen; c++) {
      const x = data[r * (rowLen + 1) + 1 + c]!;
      const a = c >= bpp ? out[o + c - bpp]! : 0;
      const b = r > 0 ? out[o - rowLen + c]! : 0;
      const cc = r > 0 && c >= bpp ? out[o - rowLen + c - bpp]! : 0;
      let v = x;
      if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - cc;
        const pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - cc);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : cc);
      }
      out[o + c] = v & 0xff;
    }
  }
  return out;
}

/** The startxref offset of the revision that ends at `end` (its "%%EOF" plus an optional EOL), if any. */
export function startxrefOf(bytes: Uint8Array, end: number, lenient = false): number | undefined {
  const tail = latin1(bytes.subarray(Math.max(0, end - 1100), end));
  if (lenient) {
    // the whole file: the last startxref, whatever junk some writers leave after %%EOF
    const all = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
    return all.length ? Number(all[all.length - 1]![1]) : undefined;
  }
  const m = /startxref\s+(\d+)\s+%%EOF[ \t\0]*(\r\n|\r|\n)?[\s\0]*$/.exec(tail);
  return m ? Number(m[1]) : undefined;
}

export { PdfError };
