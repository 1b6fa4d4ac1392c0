// DER writer. Structures are built as TLV bytes so every byte stays under our control: vectors and faults
// flip exact bytes, archive time-stamps hash exact encodings, and a schema library would re-encode on its
// own terms. Each helper returns one complete TLV; `seq`/`set` skip `undefined`/`false` so optional fields
// read as `cond && field(...)`.

export type Der = Uint8Array;
/** An element of a SEQUENCE/SET; `undefined` and `false` are left out (optional fields). */
export type Part = Der | undefined | false;

export function concat(parts: readonly Uint8Array[]): Uint8Array {
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

/** Unsigned lexicographic order, shorter first on a common prefix (X.690 11.6 order for SET OF). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV with a single identifier octet (class | constructed | number < 31). */
export function tlv(tag: number, content: Uint8Array): Der {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f)
    throw new Error(`DER writer: tag 0x${tag.toString(16)} is not a single identifier octet`);
  const len = lengthOctets(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

const present = (x: Part): x is Der => x instanceof Uint8Array;

export const seq = (...items: Part[]): Der => tlv(0x30, concat(items.filter(present)));
/** SET OF in DER order: elements sorted by their encodings. */
export const set = (...items: Part[]): Der => tlv(0x31, concat(items.filter(present).sort(compareBytes)));
/** A SET with the given order kept (CAdES unsigned attributes: order carries meaning for archive stamps). */
export const setKeepOrder = (...items: Part[]): Der => tlv(0x31, concat(items.filter(present)));

export const bool = (v: boolean): Der => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);
export const nul = (): Der => Uint8Array.of(0x05, 0x00);

/** Minimal two's-complement content octets of an integer. */
function intContent(v: bigint): Uint8Array {
  const bytes: number[] = [];
  let x = v;
  // Emit low bytes until the remaining value is just the sign extension of the top byte.
  for (;;) {
    const b = Number(x & 0xffn);
    bytes.unshift(b);
    x >>= 8n; // arithmetic shift: -1 stays -1
    if ((x === 0n && !(b & 0x80)) || (x === -1n && b & 0x80)) break;
  }
  return Uint8Array.from(bytes);
}

/**
 * INTEGER from a number or bigint (negative allowed), or from a string of hex digits read as an unsigned
 * big-endian magnitude (certificate serials are kept as hex).
 */
export function int(v: number | bigint | string): Der {
  if (typeof v === "string") {
    if (!/^[0-9a-fA-F]+$/.test(v)) throw new Error(`DER writer: INTEGER hex "${v}" is not hex digits`);
    return tlv(0x02, intContent(BigInt(`0x${v}`)));
  }
  if (typeof v === "number" && !Number.isSafeInteger(v))
    throw new Error(`DER writer: INTEGER ${v} is not a safe integer (pass a bigint)`);
  return tlv(0x02, intContent(BigInt(v)));
}
/** INTEGER from its content octets as found elsewhere (serials copied byte-exact). */
export const intRaw = (content: Uint8Array): Der => tlv(0x02, content);
export const enumerated = (v: number | bigint): Der => retag(int(v), 0x0a);

export function oid(dotted: string): Der {
  if (!/^\d+(\.\d+)+$/.test(dotted)) throw new Error(`DER writer: bad OID "${dotted}"`);
  const arcs = dotted.split(".").map((s) => BigInt(s));
  const [a0, a1] = [arcs[0]!, arcs[1]!];
  if (a0 > 2n || (a0 < 2n && a1 >= 40n)) throw new Error(`DER writer: bad OID "${dotted}" (first arcs ${a0}.${a1})`);
  const out: number[] = [];
  for (const arc of [a0 * 40n + a1, ...arcs.slice(2)]) {
    const chunk = [Number(arc & 0x7fn)];
    for (let a = arc >> 7n; a > 0n; a >>= 7n) chunk.unshift(Number(a & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export const octets = (b: Uint8Array): Der => tlv(0x04, b);
/** BIT STRING of whole octets (unused bits 0): keys, signatures. */
export const bits = (b: Uint8Array): Der => tlv(0x03, concat([Uint8Array.of(0), b]));
/** Named-bit BIT STRING (keyUsage, PKIFailureInfo): bit 0 is the top bit; DER drops trailing zero bits. */
export function namedBits(positions: readonly number[]): Der {
  if (positions.length === 0) return tlv(0x03, Uint8Array.of(0));
  const max = Math.max(...positions);
  const out = new Uint8Array(Math.floor(max / 8) + 1);
  for (const p of positions) {
    if (!Number.isInteger(p) || p < 0) throw new Error(`DER writer: bad bit position ${p}`);
    out[Math.floor(p / 8)]! |= 0x80 >> (p % 8);
  }
  return tlv(0x03, concat([Uint8Array.of(7 - (max % 8)), out]));
}

const utf8Enc = new TextEncoder();
export const utf8 = (s: string): Der => tlv(0x0c, utf8Enc.encode(s));
export function printable(s: string): Der {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s))
    throw new Error(`DER writer: "${s}" has characters a PrintableString cannot hold`);
  return tlv(0x13, Buffer.from(s, "latin1"));
}
export function ia5(s: string): Der {
  if (!/^[\x00-\x7f]*$/.test(s)) throw new Error(`DER writer: "${s}" has characters an IA5String cannot hold`);
  return tlv(0x16, Buffer.from(s, "latin1"));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const hms = (d: Date): string =>
  `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
function checkDate(d: Date): void {
  if (Number.isNaN(d.getTime())) throw new Error("DER writer: invalid Date");
}
/** UTCTime YYMMDDHHMMSSZ (whole seconds); only years 1950-2049 fit. */
export function utcTime(d: Date): Der {
  checkDate(d);
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new Error(`DER writer: UTCTime cannot hold year ${y}`);
  return tlv(0x17, Buffer.from(pad(y % 100) + hms(d), "latin1"));
}
/** GeneralizedTime YYYYMMDDHHMMSSZ (whole seconds: milliseconds are dropped, as X.509/OCSP profiles want). */
export function generalizedTime(d: Date): Der {
  checkDate(d);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new Error(`DER writer: GeneralizedTime cannot hold year ${y}`);
  return tlv(0x18, Buffer.from(pad(y, 4) + hms(d), "latin1"));
}
/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950). */
export const x509Time = (d: Date): Der => {
  const y = d.getUTCFullYear();
  return y >= 1950 && y <= 2049 ? utcTime(d) : generalizedTime(d);
};

function ctx(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new Error(`DER writer: context tag [${n}] out of range 0..30`);
  return n;
}
/** [n] EXPLICIT: wraps the whole inner TLV. */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | ctx(n), inner);
/** [n] IMPLICIT over a constructed value (SEQUENCE, SET): same content, tag replaced. */
export const implicitConstructed = (n: number, inner: Der): Der => retag(inner, 0xa0 | ctx(n));
/** [n] IMPLICIT over a primitive value (NULL, OCTET STRING, ...). */
export const implicitPrimitive = (n: number, inner: Der): Der => retag(inner, 0x80 | ctx(n));
/** A copy of a TLV with its identifier octet replaced (single-octet tags only). */
export function retag(inner: Der, tag: number): Der {
  if ((inner[0]! & 0x1f) === 0x1f || (tag & 0x1f) === 0x1f)
    throw new Error("DER writer: retag works on single-octet tags only");
  const out = Uint8Array.from(inner);
  out[0] = tag;
  return out;
}
