// Strict DER reader. Why our own: hostile input (truncated, nested 10,000 deep, indefinite or padded
// lengths, lengths past the buffer) must give one DerError naming the offset and the problem, in bounded
// time and stack; and callers need the exact bytes of each element (tbsCertificate, signed attributes).
// Nodes are read lazily (`readNode` reads one header); `parseDer` checks a whole value eagerly.
// BER is opt-in (`{ ber: true }`) for outer layers real signers stream (CMS with indefinite lengths,
// constructed OCTET STRING eContent); anything hashed or signed is re-checked as DER with `asDer`.

import { concat } from "./der-write.ts";

export class DerError extends Error {
  /** Offset in the source buffer where the problem was found (absent for errors about meaning, not bytes). */
  readonly offset: number | undefined;
  constructor(problem: string, offset?: number) {
    super(offset === undefined ? problem : `DER: ${problem} at offset ${offset}`);
    this.name = "DerError";
    this.offset = offset;
  }
}

/** Nesting deeper than this is refused (real certificates and CMS stay well under 30). */
export const MAX_DEPTH = 64;

export interface Node {
  /** The identifier octet (e.g. 0x30 SEQUENCE, 0xa0 [0] constructed); 0x1f|class bits for high tag numbers. */
  tag: number;
  /** 0 universal, 1 application, 2 context, 3 private. */
  cls: number;
  constructed: boolean;
  /** The tag number within its class (equals tag & 0x1f below 31). */
  tagNumber: number;
  /** First byte of the identifier. */
  start: number;
  /** First content byte. */
  contentStart: number;
  /** One past the last content byte. */
  end: number;
  /** The buffer this node lives in. */
  src: Uint8Array;
  /** Nesting depth (0 for a top-level node). */
  depth: number;
  /** BER only: the length was indefinite, so `end` is followed by the end-of-contents octets 00 00. */
  indefinite: boolean;
  /** Read with `{ ber: true }`: its children are read the same way. */
  ber: boolean;
}

export interface ReadOptions {
  /**
   * Accept BER where it differs from DER in ways streaming encoders use: indefinite lengths on constructed
   * elements (end-of-contents 00 00, which must come before the container ends) and constructed OCTET STRINGs
   * (read them with `readOctets`). Everything else stays strict. Default: strict DER.
   */
  ber?: boolean;
}

/** Identifier octets of the universal types callers test most. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTCTIME: 0x17,
  GENTIME: 0x18,
  VISIBLE: 0x1a,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

// Universal types DER allows in constructed form; every other universal type must be primitive (X.690 10.2).
const CONSTRUCTED_UNIVERSAL = new Set([8, 11, 16, 17]);

/** Read one element's header at `at`; its content must end within `limit`. Children are not looked at. */
export function readNode(src: Uint8Array, at = 0, limit = src.length, depth = 0, opts: ReadOptions = {}): Node {
  if (depth > MAX_DEPTH) throw new DerError(`nesting deeper than ${MAX_DEPTH}`, at);
  const ber = opts.ber === true;
  let p = at;
  if (p >= limit) throw new DerError("truncated: no tag", p);
  const tag = src[p++]!;
  const cls = tag >> 6;
  const constructed = (tag & 0x20) !== 0;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag number: base-128, no leading 0x80 octet, at most 4 octets, and only for numbers >= 31.
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (p >= limit) throw new DerError("truncated high tag number", at);
      if (i === 4) throw new DerError("high tag number longer than 4 octets", at);
      const b = src[p++]!;
      if (i === 0 && b === 0x80) throw new DerError("high tag number with a leading zero octet", at);
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    if (tagNumber < 31) throw new DerError(`tag number ${tagNumber} written in the high-tag form`, at);
  }
  if (tag === 0)
    throw new DerError(
      ber ? "end-of-contents outside an indefinite length" : "universal tag 0 (end-of-contents) is not a value",
      at,
    );
  if (cls === 0 && constructed !== CONSTRUCTED_UNIVERSAL.has(tagNumber) && !(ber && tagNumber === 4)) {
    throw new DerError(`universal type ${tagNumber} must be ${constructed ? "primitive" : "constructed"} in DER`, at);
  }
  if (p >= limit) throw new DerError("truncated: no length", p);
  const lb = src[p++]!;
  let len = lb;
  if (lb === 0x80) {
    if (!ber) throw new DerError("indefinite length is not DER", p - 1);
    if (!constructed) throw new DerError("indefinite length on a primitive element", p - 1);
    // Walk the children up to the end-of-contents octets; each child is depth-checked, so no deep recursion.
    for (let q = p; ;) {
      if (q + 2 > limit) throw new DerError("indefinite length without end-of-contents before its container ends", at);
      if (src[q] === 0 && src[q + 1] === 0)
        return {
          tag,
          cls,
          constructed,
          tagNumber,
          start: at,
          contentStart: p,
          end: q,
          src,
          depth,
          indefinite: true,
          ber,
        };
      q = after(readNode(src, q, limit, depth + 1, opts));
    }
  }
  if (lb > 0x80) {
    const n = lb & 0x7f;
    if (n > 4) throw new DerError(`length of ${n} octets is too large`, p - 1);
    if (p + n > limit) throw new DerError("truncated length", p - 1);
    if (src[p] === 0) throw new DerError("length with a leading zero octet is not minimal", p - 1);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + src[p++]!;
    if (len < 0x80) throw new DerError(`length ${len} in the long form is not minimal`, at + 1);
  }
  const end = p + len;
  if (end > limit) throw new DerError(`length ${len} runs past the end of its container (truncated)`, at);
  // Every node has the same fields in the same order, so V8 keeps property reads on nodes monomorphic.
  return { tag, cls, constructed, tagNumber, start: at, contentStart: p, end, src, depth, indefinite: false, ber };
}

/** One past the node's whole encoding (after the end-of-contents octets of an indefinite length). */
export const after = (n: Node): number => (n.indefinite ? n.end + 2 : n.end);

/** The elements inside a constructed node; they must fill its content exactly. */
export function children(n: Node): Node[] {
  if (!n.constructed) throw new DerError(`element 0x${n.tag.toString(16)} is primitive, it has no children`, n.start);
  const out: Node[] = [];
  const opts = n.ber ? { ber: true } : undefined;
  for (let p = n.contentStart; p < n.end;) {
    const c = readNode(n.src, p, n.end, n.depth + 1, opts);
    out.push(c);
    p = after(c);
  }
  return out;
}

export const content = (n: Node): Uint8Array => n.src.subarray(n.contentStart, n.end);
/** The node's whole encoding (identifier, length and content). */
export const whole = (n: Node): Uint8Array => n.src.subarray(n.start, after(n));

/** Walk every constructed node under `n` (depth-capped recursion, so no stack overflow). */
function checkTree(n: Node): void {
  if (n.constructed) for (const c of children(n)) checkTree(c);
}

/**
 * Parse a buffer that must hold exactly one DER value (BER with `{ ber: true }`); the whole tree is checked
 * and trailing bytes refused.
 */
export function parseDer(src: Uint8Array, what = "input", opts: ReadOptions = {}): Node {
  let n: Node;
  try {
    n = readNode(src, 0, src.length, 0, opts);
    if (after(n) !== src.length)
      throw new DerError(`${src.length - after(n)} trailing bytes after the value`, after(n));
    checkTree(n);
  } catch (e) {
    if (e instanceof DerError) e.message = `${what}: ${e.message}`;
    throw e;
  }
  return n;
}

/**
 * The same element re-read as strict DER (whole subtree checked), for parts of a BER input whose exact bytes
 * are hashed or signed (signed attributes, certificates): BER there would need re-encoding to verify.
 */
export function asDer(n: Node, what = "element"): Node {
  if (!n.ber) return n;
  let d: Node;
  try {
    if (n.indefinite) throw new DerError("indefinite length where DER is required", n.start + 1);
    d = readNode(n.src, n.start, n.end, n.depth);
    checkTree(d);
  } catch (e) {
    if (e instanceof DerError) e.message = `${what}: ${e.message}`;
    throw e;
  }
  return d;
}

/** OCTET STRING octets; a constructed one (BER only) is the concatenation of its OCTET STRING segments. */
export function readOctets(n: Node | undefined, what = "OCTET STRING"): Uint8Array {
  if (!n) throw new DerError(`${what}: missing`);
  if (n.tag === TAG.OCTET_STRING) return content(n);
  if (n.tag !== (TAG.OCTET_STRING | 0x20))
    throw new DerError(`${what}: expected tag 0x4, found 0x${n.tag.toString(16)}`, n.start);
  // Segments nest at most MAX_DEPTH deep (readNode checks), so this recursion is bounded.
  return concat(children(n).map((c) => readOctets(c, what)));
}

/** Whether `n` is context-specific [k] in either form (encoders differ on implicit tags over CHOICEs and strings). */
export const isCtx = (n: Node | undefined, k: number): n is Node => n !== undefined && n.cls === 2 && n.tagNumber === k;

export function is(n: Node | undefined, tag: number): boolean {
  return n !== undefined && n.tag === tag;
}
/** The node if it carries identifier octet `tag`, else a DerError naming `what`. */
export function expect(n: Node | undefined, tag: number, what: string): Node {
  if (!n) throw new DerError(`${what}: missing`);
  if (n.tag !== tag)
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${n.tag.toString(16)}`, n.start);
  return n;
}
/** The children of a node that must be a SEQUENCE. */
export const seqOf = (n: Node | undefined, what: string): Node[] => children(expect(n, TAG.SEQUENCE, what));

export function readOid(n: Node | undefined, what = "OBJECT IDENTIFIER"): string {
  const c = content(expect(n, TAG.OID, what));
  const at = n!.contentStart;
  if (c.length === 0) throw new DerError(`${what}: empty`, at);
  if (c[c.length - 1]! & 0x80) throw new DerError(`${what}: last arc is cut off`, at);
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < c.length; i++) {
    if (v === 0n && c[i] === 0x80) throw new DerError(`${what}: arc with a leading 0x80 octet is not minimal`, at + i);
    v = (v << 7n) | BigInt(c[i]! & 0x7f);
    if (!(c[i]! & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs.shift()!;
  const a0 = first < 40n ? 0n : first < 80n ? 1n : 2n;
  return [a0, first - a0 * 40n, ...arcs].join(".");
}

function intOctets(n: Node | undefined, what: string): Uint8Array {
  const tag = n?.tag === TAG.ENUMERATED ? TAG.ENUMERATED : TAG.INTEGER;
  const c = content(expect(n, tag, what));
  if (c.length === 0) throw new DerError(`${what}: empty`, n!.contentStart);
  if (c.length > 1 && ((c[0] === 0 && !(c[1]! & 0x80)) || (c[0] === 0xff && c[1]! & 0x80)))
    throw new DerError(`${what}: not minimally encoded`, n!.contentStart);
  return c;
}
/** INTEGER (or ENUMERATED) as a signed bigint. */
export function readInt(n: Node | undefined, what = "INTEGER"): bigint {
  const c = intOctets(n, what);
  let v = BigInt(`0x${Buffer.from(c).toString("hex")}`);
  if (c[0]! & 0x80) v -= 1n << BigInt(8 * c.length);
  return v;
}
/** INTEGER content read as an unsigned magnitude in lowercase hex without leading zeros ("0" for zero): how serials are kept. */
export function readIntHex(n: Node | undefined, what = "INTEGER"): string {
  return Buffer.from(intOctets(expect(n, TAG.INTEGER, what), what))
    .toString("hex")
    .replace(/^0+(?=.)/, "");
}

export function readBool(n: Node | undefined, what = "BOOLEAN"): boolean {
  const c = content(expect(n, TAG.BOOLEAN, what));
  if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff))
    throw new DerError(`${what}: DER BOOLEAN is one octet 00 or FF`, n!.contentStart);
  return c[0] === 0xff;
}

/** BIT STRING: the octets after the unused-bits count, and the number of bits; unused bits must be zero. */
export function readBits(n: Node | undefined, what = "BIT STRING"): { bytes: Uint8Array; bits: number } {
  const c = content(expect(n, TAG.BIT_STRING, what));
  const at = n!.contentStart;
  if (c.length === 0) throw new DerError(`${what}: no unused-bits octet`, at);
  const unused = c[0]!;
  if (unused > 7 || (c.length === 1 && unused !== 0))
    throw new DerError(`${what}: bad unused-bits count ${unused}`, at);
  if (unused && c[c.length - 1]! & ((1 << unused) - 1))
    throw new DerError(`${what}: unused bits are not zero`, at + c.length - 1);
  return { bytes: c.subarray(1), bits: (c.length - 1) * 8 - unused };
}
export const hasBit = (b: { bytes: Uint8Array; bits: number }, i: number): boolean =>
  i < b.bits && (b.bytes[i >> 3]! & (0x80 >> (i & 7))) !== 0;

export interface TimeOptions {
  /**
   * Also accept the X.680 forms DER forbids: UTCTime without seconds or with a +hhmm/-hhmm offset,
   * GeneralizedTime without minutes/seconds, with a ',' or trailing-zero fraction of a second, or an offset.
   * Local time (no zone) stays refused: its instant is unknown. For BER inputs only; RFC 5280, RFC 5652
   * signed attributes, RFC 3161 and RFC 6960 all require the DER forms.
   */
  lenient?: boolean;
  /**
   * Accept a GeneralizedTime fraction of a second with trailing zeros ("20190530080000.920Z"), which DER
   * forbids but real TSAs write and BouncyCastle and OpenSSL read; everything else stays strict.
   */
  fractionZeros?: boolean;
}

/** UTCTime or GeneralizedTime in the DER forms (seconds present, "Z", no trailing zeros in a fraction). */
export function readTime(n: Node | undefined, what = "Time", opts: TimeOptions = {}): Date {
  if (!n) throw new DerError(`${what}: missing`);
  const s = Buffer.from(content(n)).toString("latin1");
  const lenient = opts.lenient === true;
  let y: number;
  let m: RegExpMatchArray | null;
  let ms = 0;
  if (n.tag === TAG.UTCTIME) {
    m = lenient
      ? s.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?()(Z|[+-]\d{4})$/)
      : s.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)()(Z)$/);
    if (!m) throw new DerError(`${what}: bad UTCTime "${s}"`, n.contentStart);
    const yy = Number(m[1]);
    y = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (n.tag === TAG.GENTIME) {
    m = lenient
      ? s.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(?:(\d\d)(?:(\d\d)(?:[.,](\d+))?)?)?(Z|[+-]\d{4})$/)
      : opts.fractionZeros
        ? s.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d+))?(Z)$/)
        : s.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d*[1-9]))?(Z)$/);
    if (!m) throw new DerError(`${what}: bad GeneralizedTime "${s}"`, n.contentStart);
    y = Number(m[1]);
    if (m[7]) ms = Math.floor(Number(`0.${m[7]}`) * 1000);
  } else throw new DerError(`${what}: expected UTCTime or GeneralizedTime, found 0x${n.tag.toString(16)}`, n.start);
  const [mo, d, h, mi, sec] = [2, 3, 4, 5, 6].map((i) => Number(m![i] ?? 0));
  const t = new Date(0);
  t.setUTCFullYear(y, mo! - 1, d!); // not Date.UTC: it maps years 0-99 to 19xx
  t.setUTCHours(h!, mi!, sec!, ms);
  // Out-of-range fields (month 13, 31 February, 24:00) would silently roll over: refuse them.
  if (
    t.getUTCMonth() !== mo! - 1 ||
    t.getUTCDate() !== d ||
    t.getUTCHours() !== h ||
    t.getUTCMinutes() !== mi ||
    t.getUTCSeconds() !== sec
  ) {
    throw new DerError(`${what}: "${s}" is not a real date and time`, n.contentStart);
  }
  const zone = m[8]!;
  if (zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(3, 5));
    if (oh > 23 || om > 59) throw new DerError(`${what}: bad zone offset "${zone}"`, n.contentStart);
    // local = UTC + offset, so UTC = local - offset
    t.setTime(t.getTime() - (zone[0] === "+" ? 1 : -1) * (oh * 60 + om) * 60_000);
  }
  return t;
}

/** A string-typed element as text (UTF8, Printable, IA5, Visible; T61 as latin1; BMP; Universal). */
export function readString(n: Node | undefined, what = "string"): string {
  if (!n) throw new DerError(`${what}: missing`);
  const c = content(n);
  switch (n.tag) {
    case TAG.UTF8:
    case TAG.PRINTABLE:
    case TAG.IA5:
    case TAG.VISIBLE:
      return Buffer.from(c).toString("utf8");
    case TAG.T61:
      return Buffer.from(c).toString("latin1");
    case TAG.BMP: {
      if (c.length % 2) throw new DerError(`${what}: BMPString of odd length`, n.contentStart);
      let s = "";
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL: {
      if (c.length % 4) throw new DerError(`${what}: UniversalString length not a multiple of 4`, n.contentStart);
      let s = "";
      for (let i = 0; i < c.length; i += 4) {
        const cp = ((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0;
        if (cp > 0x10ffff)
          throw new DerError(`${what}: code point 0x${cp.toString(16)} out of range`, n.contentStart + i);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      throw new DerError(`${what}: expected a string type, found 0x${n.tag.toString(16)}`, n.start);
  }
}
