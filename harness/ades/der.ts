// A small, strict ASN.1 BER/DER reader. Why our own: hostile input (truncated, nested 10,000 deep,
// indefinite lengths without an end, lengths past the buffer) must give one clear error in bounded time,
// and signature checks need the exact bytes of each element (tbsCertificate, signed attributes) cheaply.

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DerError";
  }
}

/** Nesting deeper than this is refused (real certificates and CMS stay well under 30). */
export const MAX_DEPTH = 64;

export interface Node {
  cls: number; // 0 universal, 1 application, 2 context, 3 private
  constructed: boolean;
  tag: number;
  /** The whole input this node lives in. */
  buf: Uint8Array;
  start: number; // first byte of the tag
  contentStart: number;
  contentEnd: number; // exclusive; for indefinite lengths, before the end-of-contents octets
  end: number; // exclusive, after the end-of-contents octets if any
  indefinite: boolean;
  depth: number;
}

export function readNode(buf: Uint8Array, offset = 0, limit = buf.length, depth = 0): Node {
  if (depth > MAX_DEPTH) throw new DerError(`ASN.1 nesting deeper than ${MAX_DEPTH}`);
  let p = offset;
  if (p >= limit) throw new DerError(`truncated ASN.1: no tag at offset ${p}`);
  const first = buf[p++];
  const cls = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (p >= limit || i > 4) throw new DerError(`bad high tag number at offset ${offset}`);
      const b = buf[p++];
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= limit) throw new DerError(`truncated ASN.1: no length at offset ${p}`);
  const lb = buf[p++];
  let len: number;
  let indefinite = false;
  if (lb < 0x80) len = lb;
  else if (lb === 0x80) {
    if (!constructed) throw new DerError(`indefinite length on a primitive element at offset ${offset}`);
    indefinite = true;
    len = -1;
  } else {
    const n = lb & 0x7f;
    if (n > 4) throw new DerError(`length of ${n} octets at offset ${offset} is too large`);
    len = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw new DerError(`truncated ASN.1 length at offset ${offset}`);
      len = len * 256 + buf[p++];
    }
  }
  const contentStart = p;
  if (!indefinite) {
    const contentEnd = contentStart + len;
    if (contentEnd > limit) throw new DerError(`ASN.1 element at offset ${offset} runs past the end of its container (truncated)`);
    return { cls, constructed, tag, buf, start: offset, contentStart, contentEnd, end: contentEnd, indefinite, depth };
  }
  // Indefinite: walk the children until the end-of-contents octets (00 00).
  let q = contentStart;
  for (;;) {
    if (q + 2 > limit) throw new DerError(`indefinite-length element at offset ${offset} has no end-of-contents`);
    if (buf[q] === 0 && buf[q + 1] === 0) {
      return { cls, constructed, tag, buf, start: offset, contentStart, contentEnd: q, end: q + 2, indefinite, depth };
    }
    q = readNode(buf, q, limit, depth + 1).end;
  }
}

/** Parse a whole buffer as one element; trailing bytes are an error. */
export function parseDer(buf: Uint8Array, what = "input"): Node {
  const n = readNode(buf, 0, buf.length, 0);
  if (n.end !== buf.length) throw new DerError(`${what}: ${buf.length - n.end} trailing bytes after the ASN.1 element`);
  return n;
}

export function children(n: Node): Node[] {
  if (!n.constructed) throw new DerError(`expected a constructed element at offset ${n.start}`);
  const out: Node[] = [];
  let p = n.contentStart;
  while (p < n.contentEnd) {
    const c = readNode(n.buf, p, n.contentEnd, n.depth + 1);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function bytes(n: Node): Uint8Array {
  return n.buf.subarray(n.start, n.end);
}
export function content(n: Node): Uint8Array {
  return n.buf.subarray(n.contentStart, n.contentEnd);
}

export function is(n: Node | undefined, cls: number, tag: number): boolean {
  return !!n && n.cls === cls && n.tag === tag;
}
export const U = 0;
export const CTX = 2;
export const T = { BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, ENUMERATED: 10, UTF8: 12, SEQUENCE: 16, SET: 17, PRINTABLE: 19, T61: 20, IA5: 22, UTCTIME: 23, GENTIME: 24, VISIBLE: 26, BMP: 30, UNIVERSAL: 28 } as const;

export function expect(n: Node | undefined, tag: number, what: string, cls = U): Node {
  if (!n) throw new DerError(`${what}: missing`);
  if (n.cls !== cls || n.tag !== tag) throw new DerError(`${what}: expected tag [${cls}:${tag}], found [${n.cls}:${n.tag}] at offset ${n.start}`);
  // The constructed bit must fit the type: a constructed INTEGER / BIT STRING / OID would otherwise be read
  // as if primitive, giving one value several encodings.
  if (cls === U && PRIMITIVE_ONLY.has(tag) && n.constructed) throw new DerError(`${what}: must be primitive (offset ${n.start})`);
  if (cls === U && (tag === T.SEQUENCE || tag === T.SET) && !n.constructed) throw new DerError(`${what}: must be constructed (offset ${n.start})`);
  return n;
}

const PRIMITIVE_ONLY = new Set<number>([T.BOOLEAN, T.INTEGER, T.BIT_STRING, T.NULL, T.OID, T.ENUMERATED, T.UTCTIME, T.GENTIME]);

export function seq(n: Node | undefined, what: string): Node[] {
  return children(expect(n, T.SEQUENCE, what));
}

export function oid(n: Node | undefined, what = "OID"): string {
  const c = content(expect(n, T.OID, what));
  if (c.length === 0) throw new DerError(`${what}: empty OID`);
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < c.length; i++) {
    v = v * 128 + (c[i] & 0x7f);
    if ((c[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const a = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(a, v - a * 40);
      } else parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

export function intHex(n: Node | undefined, what = "INTEGER"): string {
  return hex(content(expect(n, T.INTEGER, what)));
}
export function intNum(n: Node | undefined, what = "INTEGER"): number {
  const c = content(expect(n, n?.tag === T.ENUMERATED ? T.ENUMERATED : T.INTEGER, what));
  if (c.length > 6) throw new DerError(`${what}: integer too large`);
  let v = 0;
  for (const b of c) v = v * 256 + b;
  if (c.length && c[0] & 0x80) v -= 2 ** (8 * c.length);
  return v;
}

export function bool(n: Node): boolean {
  const c = content(expect(n, T.BOOLEAN, "BOOLEAN"));
  return c.length > 0 && c[0] !== 0;
}

/** BIT STRING as bytes (the unused-bits octet dropped) and the bit count. */
export function bitString(n: Node, what = "BIT STRING"): { bytes: Uint8Array; bits: number } {
  const c = content(expect(n, T.BIT_STRING, what));
  if (c.length === 0) throw new DerError(`${what}: empty`);
  return { bytes: c.subarray(1), bits: (c.length - 1) * 8 - c[0] };
}
/**
 * A signature value BIT STRING: whole octets only. With a non-zero unused-bits count it cannot be a valid
 * signature (and would let one signature have several encodings), so it comes back empty and fails to verify.
 */
export function octetBits(n: Node, what = "BIT STRING"): Uint8Array {
  const b = bitString(n, what);
  if (content(n)[0] !== 0) return new Uint8Array();
  return b.bytes;
}
export function bitSet(b: { bytes: Uint8Array; bits: number }, i: number): boolean {
  return i < b.bits && (b.bytes[i >> 3] & (0x80 >> (i & 7))) !== 0;
}

export function time(n: Node | undefined, what = "Time"): Date {
  if (!n) throw new DerError(`${what}: missing`);
  const s = Buffer.from(content(n)).toString("latin1");
  let m: RegExpMatchArray | null;
  if (n.tag === T.UTCTIME) {
    m = s.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?Z$/);
    if (!m) throw new DerError(`${what}: bad UTCTime "${s}"`);
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy >= 50 ? 1900 + yy : 2000 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (n.tag === T.GENTIME) {
    m = s.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)?(\d\d)?(?:[.,](\d+))?(Z|[+-]\d{4})?$/);
    if (!m) throw new DerError(`${what}: bad GeneralizedTime "${s}"`);
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
    if (m[8] && m[8] !== "Z") {
      const sign = m[8][0] === "+" ? 1 : -1;
      t -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3, 5))) * 60_000;
    }
    return new Date(t);
  }
  throw new DerError(`${what}: expected UTCTime or GeneralizedTime at offset ${n.start}`);
}

/** Decode a string-typed element to text (UTF8, Printable, IA5, T61 as latin1, BMP, Universal). */
export function str(n: Node): string {
  const c = content(n);
  switch (n.tag) {
    case T.BMP: {
      let s = "";
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode((c[i] << 8) | c[i + 1]);
      return s;
    }
    case T.UNIVERSAL: {
      let s = "";
      for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0);
      return s;
    }
    case T.T61:
      return Buffer.from(c).toString("latin1");
    default:
      return Buffer.from(c).toString("utf8");
  }
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

// --- encoding (for small structures we must rebuild, e.g. signed attributes as a SET) ---
export function encLen(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const out: number[] = [];
  while (len > 0) {
    out.unshift(len & 0xff);
    len = Math.floor(len / 256);
  }
  return Uint8Array.of(0x80 | out.length, ...out);
}
export function tlv(tagByte: number, body: Uint8Array): Uint8Array {
  const l = encLen(body.length);
  const out = new Uint8Array(1 + l.length + body.length);
  out[0] = tagByte;
  out.set(l, 1);
  out.set(body, 1 + l.length);
  return out;
}
