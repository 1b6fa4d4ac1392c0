// A tiny DER writer and reader. Signature creation needs byte-level control (vectors corrupt single fields,
// archive time-stamps hash exact encodings), so structures are built from TLVs here rather than through an
// object model that re-encodes on its own terms.

export type Bytes = Uint8Array;

export function concat(...parts: Bytes[]): Bytes {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function lengthBytes(n: number): Bytes {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, content: Bytes): Bytes {
  return concat(Uint8Array.of(tag), lengthBytes(content.length), content);
}

export const seq = (...items: Bytes[]): Bytes => tlv(0x30, concat(...items));

/** DER SET OF: elements sorted by their encodings (X.690 11.6). */
export function set(...items: Bytes[]): Bytes {
  return tlv(0x31, concat(...[...items].sort(compareBytes)));
}
/** A SET whose element order is kept as given (unsigned attributes: order carries meaning for archive stamps). */
export const setKeepOrder = (...items: Bytes[]): Bytes => tlv(0x31, concat(...items));

export function compareBytes(a: Bytes, b: Bytes): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function oid(dotted: string): Bytes {
  const arcs = dotted.split(".").map((s) => BigInt(s));
  if (arcs.length < 2) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (v: bigint) => {
    const tmp: number[] = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) {
      tmp.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...tmp);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Uint8Array.from(out));
}

export function int(v: number | bigint): Bytes {
  let n = BigInt(v);
  const bytes: number[] = [];
  if (n === 0n) bytes.push(0);
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}
/** INTEGER from its content octets as found in a certificate (serial numbers are kept byte-exact). */
export const intRaw = (content: Bytes): Bytes => tlv(0x02, content);

export const octets = (b: Bytes): Bytes => tlv(0x04, b);
export const nul = (): Bytes => Uint8Array.of(0x05, 0x00);
export const bool = (b: boolean): Bytes => Uint8Array.of(0x01, 0x01, b ? 0xff : 0x00);
export const utf8 = (s: string): Bytes => tlv(0x0c, new TextEncoder().encode(s));
export const ia5 = (s: string): Bytes => tlv(0x16, new TextEncoder().encode(s));
export const enumerated = (n: number): Bytes => tlv(0x0a, Uint8Array.of(n));
/** [n] EXPLICIT */
export const explicit = (n: number, inner: Bytes): Bytes => tlv(0xa0 | n, inner);
/** [n] IMPLICIT constructed: re-tag a constructed value's content. */
export const implicitConstructed = (n: number, content: Bytes): Bytes => tlv(0xa0 | n, content);

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
export function utcTime(d: Date): Bytes {
  const y = d.getUTCFullYear();
  if (y < 1950 || y >= 2050) throw new Error(`UTCTime cannot hold year ${y}`);
  const s = `${pad(y % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x17, new TextEncoder().encode(s));
}
export function genTime(d: Date): Bytes {
  const s = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x18, new TextEncoder().encode(s));
}
/** RFC 5280 rule: UTCTime through 2049, GeneralizedTime after. */
export const x509Time = (d: Date): Bytes => (d.getUTCFullYear() < 2050 ? utcTime(d) : genTime(d));

// ---- reader ----

export interface Tlv {
  tag: number;
  /** offset of the tag byte in the buffer */
  start: number;
  /** offset of the first content byte */
  contentStart: number;
  /** offset one past the last content byte */
  end: number;
}

export function readTlv(buf: Bytes, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new Error("DER: truncated header");
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Error("DER: multi-byte tags are not supported");
  let p = offset + 1;
  let len = buf[p++]!;
  if (len === 0x80) throw new Error("DER: indefinite length is not DER");
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4) throw new Error("DER: length too long");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  const end = p + len;
  if (end > buf.length) throw new Error("DER: content runs past the end");
  return { tag, start: offset, contentStart: p, end };
}

/** The children of a constructed TLV. */
export function children(buf: Bytes, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = t.contentStart;
  while (p < t.end) {
    const c = readTlv(buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

export const bytesOf = (buf: Bytes, t: Tlv): Bytes => buf.subarray(t.start, t.end);
export const contentOf = (buf: Bytes, t: Tlv): Bytes => buf.subarray(t.contentStart, t.end);

export function decodeOid(content: Bytes): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of content) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs.shift()!;
  const a0 = first < 40n ? 0n : first < 80n ? 1n : 2n;
  return [a0, first - a0 * 40n, ...arcs].join(".");
}

export const toHex = (b: Bytes): string => Buffer.from(b).toString("hex");
