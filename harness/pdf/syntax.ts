// PDF object syntax (ISO 32000-1 §7.2–7.3): a bounded tokenizer/parser over the file's bytes. Values keep the
// file offsets of strings so the PAdES reader can check that a /ByteRange gap is exactly the /Contents value.
// Every malformation throws PdfError naming it; the validator turns that into a FORMAT_FAILURE.

export class PdfError extends Error {
  override name = "PdfError";
}

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfString {
  /** `start`/`end`: file offsets of the whole token ("<" … ">" or "(" … ")"); -1 inside an object stream. */
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    readonly start: number,
    readonly end: number,
  ) {}
}
export class PdfDict {
  constructor(readonly map: Map<string, PdfValue>) {}
  get(k: string): PdfValue | undefined {
    return this.map.get(k);
  }
}
export class PdfStream {
  /** `dataStart`/`dataLength`: the raw (still encoded) data in the buffer the object came from. */
  constructor(
    readonly dict: PdfDict,
    readonly dataStart: number,
    readonly dataLength: number,
  ) {}
}
export type PdfValue = null | boolean | number | PdfName | PdfRef | PdfString | PdfDict | PdfStream | PdfValue[];

/** Nesting of arrays/dictionaries allowed in one object (real files stay far below). */
export const MAX_DEPTH = 64;
/** Entries in one array or dictionary. */
const MAX_ITEMS = 1_000_000;

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of "()<>[]{}/%") DELIM[c.charCodeAt(0)] = 1;

export class Lexer {
  /** `base`: file offset of buf[0] (0 for the file; -1 marks "not in the file", e.g. object streams). */
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly inFile = true,
  ) {}

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** A bare word (keyword or number) at pos, without consuming it when `peek`. */
  word(peek = false): string {
    this.skipWs();
    const b = this.buf;
    let e = this.pos;
    while (e < b.length && !WS[b[e]!] && !DELIM[b[e]!]) e++;
    const w = latin1(b.subarray(this.pos, e));
    if (!peek) this.pos = e;
    return w;
  }

  expectWord(w: string, what: string): void {
    const at = this.pos;
    const got = this.word();
    if (got !== w) throw new PdfError(`${what}: expected "${w}" at offset ${at}, found "${got.slice(0, 20)}"`);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfError(`PDF object nested deeper than ${MAX_DEPTH} levels`);
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) throw new PdfError("PDF object truncated (end of data)");
    const c = b[this.pos]!;
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return this.dict(depth);
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x2f) return this.name();
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= b.length) throw new PdfError("PDF array not closed");
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        if (arr.length >= MAX_ITEMS) throw new PdfError("PDF array too large");
        arr.push(this.value(depth + 1));
      }
    }
    const start = this.pos;
    const w = this.word();
    if (w === "true") return true;
    if (w === "false") return false;
    if (w === "null") return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      const n = Number(w);
      // "num gen R" is a reference
      if (/^\d+$/.test(w)) {
        const save = this.pos;
        const g = this.word();
        if (/^\d+$/.test(g)) {
          const r = this.word();
          if (r === "R") return new PdfRef(n, Number(g));
        }
        this.pos = save;
      }
      return n;
    }
    throw new PdfError(
      `unexpected PDF token "${w.slice(0, 20) || latin1(b.subarray(start, start + 1))}" at offset ${start}`,
    );
  }

  /** File offsets [start of "/key", end of its value) of top-level entry `key` of the dictionary at pos,
   *  for writers that carry an entry over byte for byte (the signer copies the trailer's /ID). */
  entrySpan(key: string): [number, number] | undefined {
    this.skipWs();
    const b = this.buf;
    if (b[this.pos] !== 0x3c || b[this.pos + 1] !== 0x3c)
      throw new PdfError(`PDF: no dictionary at offset ${this.pos}`);
    this.pos += 2;
    for (let n = 0; ; n++) {
      this.skipWs();
      if (this.pos >= b.length) throw new PdfError("PDF dictionary not closed");
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) return undefined;
      if (b[this.pos] !== 0x2f) throw new PdfError(`PDF dictionary key is not a name at offset ${this.pos}`);
      if (n >= MAX_ITEMS) throw new PdfError("PDF dictionary too large");
      const start = this.pos;
      const k = this.name().name;
      this.value(1);
      if (k === key) return [start, this.pos];
    }
  }

  private dict(depth: number): PdfDict {
    const b = this.buf;
    this.pos += 2;
    const map = new Map<string, PdfValue>();
    for (;;) {
      this.skipWs();
      if (this.pos >= b.length) throw new PdfError("PDF dictionary not closed");
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(map);
      }
      if (b[this.pos] !== 0x2f) throw new PdfError(`PDF dictionary key is not a name at offset ${this.pos}`);
      const k = this.name().name;
      if (map.size >= MAX_ITEMS) throw new PdfError("PDF dictionary too large");
      map.set(k, this.value(depth + 1));
    }
  }

  private name(): PdfName {
    const b = this.buf;
    this.pos++;
    let e = this.pos;
    while (e < b.length && !WS[b[e]!] && !DELIM[b[e]!]) e++;
    const raw = latin1(b.subarray(this.pos, e));
    this.pos = e;
    return new PdfName(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }

  private hexString(): PdfString {
    const b = this.buf;
    const start = this.pos;
    const end = b.indexOf(0x3e, start + 1);
    if (end < 0) throw new PdfError(`PDF hex string at offset ${start} not closed`);
    const txt = latin1(b.subarray(start + 1, end)).replace(/[\0\t\n\f\r ]/g, "");
    if (!/^[0-9A-Fa-f]*$/.test(txt)) throw new PdfError(`PDF hex string at offset ${start} has a non-hex character`);
    this.pos = end + 1;
    const bytes = new Uint8Array(Buffer.from(txt.length % 2 ? txt + "0" : txt, "hex"));
    return new PdfString(bytes, true, this.inFile ? start : -1, this.inFile ? end + 1 : -1);
  }

  private literalString(): PdfString {
    const b = this.buf;
    const start = this.pos;
    const out: number[] = [];
    let depth = 0;
    let i = start;
    for (; i < b.length; i++) {
      const c = b[i]!;
      if (c === 0x5c) {
        const n = b[++i];
        if (n === undefined) break;
        const esc: Record<number, number> = {
          0x6e: 10,
          0x72: 13,
          0x74: 9,
          0x62: 8,
          0x66: 12,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (esc[n] !== undefined) out.push(esc[n]!);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && b[i + 1]! >= 0x30 && b[i + 1]! <= 0x37; k++) v = v * 8 + (b[++i]! - 0x30);
          out.push(v & 0xff);
        } else if (n === 13) {
          if (b[i + 1] === 10) i++;
        } else if (n !== 10) out.push(n);
        continue;
      }
      if (c === 0x28) {
        if (depth++ > 0) out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    if (i >= b.length) throw new PdfError(`PDF string at offset ${start} not closed`);
    this.pos = i + 1;
    return new PdfString(Uint8Array.from(out), false, this.inFile ? start : -1, this.inFile ? i + 1 : -1);
  }
}

export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
}

// ---- typed accessors: a wrong type is a named PdfError, not a TypeError somewhere later ----

export function nameOf(v: PdfValue | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined;
}
export function intOf(v: PdfValue | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max)
    throw new PdfError(`${what} is not an integer in 0..${max}`);
  return v;
}
