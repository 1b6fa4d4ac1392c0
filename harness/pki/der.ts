// A tiny DER encoder. Why hand-rolled: every byte of the test PKI must be reproducible and under our control
// (faults flip exact bytes), and DER is small enough that a builder is clearer than a schema library.
export type Der = Uint8Array;

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, content: Uint8Array): Der {
  const len = lengthBytes(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const seq = (...items: (Der | undefined | false)[]): Der => tlv(0x30, concat(items.filter(isDer)));
/** SET OF: DER wants the elements sorted by their encodings. */
export const set = (...items: (Der | undefined | false)[]): Der => tlv(0x31, concat(items.filter(isDer).sort(compareBytes)));
function isDer(x: Der | undefined | false): x is Der {
  return x instanceof Uint8Array;
}
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const bool = (v: boolean): Der => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
export const nul = (): Der => Uint8Array.of(0x05, 0x00);

/** INTEGER from a number, bigint or unsigned big-endian hex (serials are kept as hex). */
export function int(v: number | bigint | string): Der {
  let hex: string;
  if (typeof v === "string") hex = v.replace(/^0+(?=.)/, "").toLowerCase();
  else {
    const b = BigInt(v);
    if (b < 0n) throw new Error("negative INTEGER not supported");
    hex = b.toString(16);
  }
  if (hex.length % 2) hex = "0" + hex;
  let bytes = Buffer.from(hex, "hex");
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}
export const enumerated = (v: number): Der => {
  const i = int(v);
  i[0] = 0x0a;
  return i;
};

export function oid(dotted: string): Der {
  const parts = dotted.split(".").map((p) => BigInt(p));
  if (parts.length < 2) throw new Error(`bad OID ${dotted}`);
  const bytes: number[] = [];
  const arcs = [parts[0]! * 40n + parts[1]!, ...parts.slice(2)];
  for (const arc of arcs) {
    const chunk: number[] = [];
    let a = arc;
    do {
      chunk.unshift(Number(a & 0x7fn));
      a >>= 7n;
    } while (a > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

export const octets = (b: Uint8Array): Der => tlv(0x04, b);
/** BIT STRING with whole bytes (unused bits 0). */
export const bits = (b: Uint8Array): Der => tlv(0x03, concat([Uint8Array.of(0), b]));
/** Named-bit BIT STRING (keyUsage, failInfo): DER drops trailing zero bits. */
export function namedBits(positions: readonly number[]): Der {
  if (positions.length === 0) return tlv(0x03, Uint8Array.of(0));
  const max = Math.max(...positions);
  const nbytes = Math.floor(max / 8) + 1;
  const out = new Uint8Array(nbytes);
  for (const p of positions) out[Math.floor(p / 8)]! |= 0x80 >> p % 8;
  const unused = 7 - (max % 8);
  return tlv(0x03, concat([Uint8Array.of(unused), out]));
}

const enc = new TextEncoder();
export const utf8 = (s: string): Der => tlv(0x0c, enc.encode(s));
export const printable = (s: string): Der => tlv(0x13, enc.encode(s));
export const ia5 = (s: string): Der => tlv(0x16, enc.encode(s));

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}
export function utcTime(d: Date): Der {
  const s = `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x17, enc.encode(s));
}
export function generalizedTime(d: Date): Der {
  const s = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x18, enc.encode(s));
}
/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime after. */
export const x509Time = (d: Date): Der => (d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d));

/** [n] EXPLICIT */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** [n] IMPLICIT over a constructed value: keep the content, replace the tag. */
export const implicitConstructed = (n: number, inner: Der): Der => retag(inner, 0xa0 | n);
/** [n] IMPLICIT over a primitive value. */
export const implicitPrimitive = (n: number, inner: Der): Der => retag(inner, 0x80 | n);
function retag(inner: Der, tag: number): Der {
  const out = Uint8Array.from(inner);
  out[0] = tag;
  return out;
}

// ---- a minimal reader, enough to walk requests and certificates we built ----
export interface Node {
  tag: number;
  /** offset of the tag byte in the source */
  start: number;
  /** offset of the content */
  contentStart: number;
  end: number;
  src: Uint8Array;
}
export function read(src: Uint8Array, at = 0): Node {
  if (at + 2 > src.length) throw new Error("truncated DER");
  const tag = src[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error("multi-byte tags not supported");
  let len = src[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error("unsupported DER length");
    if (p + n > src.length) throw new Error("truncated DER");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + src[p + i]!;
    p += n;
  }
  if (p + len > src.length) throw new Error("truncated DER");
  return { tag, start: at, contentStart: p, end: p + len, src };
}
export function children(node: Node): Node[] {
  const out: Node[] = [];
  let p = node.contentStart;
  while (p < node.end) {
    const c = read(node.src, p);
    if (c.end > node.end) throw new Error("truncated DER");
    out.push(c);
    p = c.end;
  }
  return out;
}
export const content = (n: Node): Uint8Array => n.src.subarray(n.contentStart, n.end);
export const whole = (n: Node): Uint8Array => n.src.subarray(n.start, n.end);
export function readOid(n: Node): string {
  if (n.tag !== 0x06) throw new Error("expected OBJECT IDENTIFIER");
  const b = content(n);
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of b) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0) throw new Error("empty OBJECT IDENTIFIER");
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join(".");
}
export const readIntHex = (n: Node): string => {
  if (n.tag !== 0x02) throw new Error("expected INTEGER");
  return Buffer.from(content(n)).toString("hex").replace(/^0+(?=.)/, "");
};
