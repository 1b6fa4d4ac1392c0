// X.509 certificates, names and extensions, decoded once into plain data (cached by the DER's hash), so
// path validation and the signature validator read fields instead of re-parsing ASN.1.
import { OID } from "../asn1/oids.ts";
import { createPublicKey, type KeyObject } from "node:crypto";
import { algId, publicKey, type AlgId } from "./algs.ts";
import {
  children,
  concat,
  content,
  DerError,
  expect,
  hasBit,
  isCtx,
  parseDer,
  readBits,
  readBool,
  readInt,
  readOid,
  readString,
  readTime,
  seqOf,
  TAG,
  tlv,
  toHex,
  whole,
  type Node,
} from "../asn1/der.ts";
import { ALG } from "../asn1/oids.ts";
import { memoByDigest } from "./memo.ts";

export interface Name {
  der: Uint8Array;
  /** RDNs in order; each a list of (type, value). */
  rdns: { type: string; value: string; norm: string }[][];
  /** Comparison key per RFC 5280 §7.1 (case and whitespace folded for directory strings). */
  key: string;
  text: string;
}

export type GeneralName =
  | { type: "rfc822" | "dns" | "uri"; value: string }
  | { type: "dn"; name: Name }
  | { type: "ip"; bytes: Uint8Array }
  | { type: "other"; tag: number; der: string };

export interface DistributionPoint {
  fullName?: GeneralName[];
  relativeName?: Node; // nameRelativeToCRLIssuer (an RDN)
  reasons?: number; // bit mask, bit i = reason i
  crlIssuer?: GeneralName[];
}

export interface PolicyInfo {
  oid: string;
  userNotices: string[];
  cps: string[];
}

export interface QcStatement {
  oid: string;
  info?: Node;
}

export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export const KU = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

// The OIDs path validation reads are asn1/oids.ts's, the one table.
export { OID };

export interface Cert {
  der: Uint8Array;
  /** SHA-256 of the DER, hex: the cache and identity key. */
  id: string;
  tbs: Uint8Array;
  sigAlg: AlgId;
  sigValue: Uint8Array;
  version: number;
  serialHex: string;
  issuer: Name;
  subject: Name;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  spkiAlg: string;
  spkiHasParams: boolean;
  extensions: Extension[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: { bytes: Uint8Array; bits: number };
  extKeyUsage?: string[];
  ski?: string;
  akiKeyId?: string;
  policies?: PolicyInfo[];
  policyMappings?: { issuer: string; subject: string }[];
  policyConstraints?: { requireExplicit?: number; inhibitMapping?: number };
  inhibitAnyPolicy?: number;
  nameConstraints?: { permitted?: GeneralName[]; excluded?: GeneralName[] };
  subjectAltName?: GeneralName[];
  crlDistributionPoints?: DistributionPoint[];
  freshestCrl?: DistributionPoint[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  qcStatements?: QcStatement[];
  ocspNoCheck: boolean;
  /** Extensions present more than once (RFC 5280 §4.2 forbids it; path validation rejects such a certificate). */
  duplicateExtensions?: string[];
  /** Critical extensions we do not process: such a certificate must be rejected (RFC 5280 §4.2). */
  unknownCritical: string[];
}

const KNOWN_EXT = new Set<string>([
  OID.subjectKeyIdentifier,
  OID.keyUsage,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.basicConstraints,
  OID.nameConstraints,
  OID.crlDistributionPoints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.authorityKeyIdentifier,
  OID.policyConstraints,
  OID.extKeyUsage,
  OID.freshestCrl,
  OID.inhibitAnyPolicy,
  OID.authorityInfoAccess,
  OID.qcStatements,
  OID.ocspNoCheck,
]);

const DIRECTORY_STRING_TAGS = new Set<number>([
  TAG.UTF8,
  TAG.PRINTABLE,
  TAG.T61,
  TAG.BMP,
  TAG.UNIVERSAL,
  TAG.IA5,
  TAG.VISIBLE,
]);
const SHORT: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.5": "serialNumber",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.2.840.113549.1.9.1": "emailAddress",
};

function foldString(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const nameCache = new Map<string, Name>();
/** Names repeat (every signature names its issuer twice): decoded once per distinct DER. */
export function parseName(n: Node): Name {
  const der = whole(n);
  const k = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("latin1");
  let hit = nameCache.get(k);
  if (!hit) {
    hit = decodeName(n);
    if (nameCache.size > 20_000) nameCache.clear();
    nameCache.set(k, hit);
  }
  return hit;
}

function decodeName(n: Node): Name {
  const rdns: Name["rdns"] = [];
  for (const set of seqOf(n, "Name")) {
    const atts = children(expect(set, TAG.SET, "RelativeDistinguishedName")).map((atv) => {
      const [t, v] = seqOf(atv, "AttributeTypeAndValue");
      const type = readOid(t, "attribute type");
      if (!v) throw new DerError("AttributeTypeAndValue without a value");
      const isStr = DIRECTORY_STRING_TAGS.has(v.tag);
      const value = isStr ? readString(v) : "#" + toHex(whole(v));
      return { type, value, norm: isStr ? foldString(value) : value };
    });
    rdns.push(atts);
  }
  const key = rdns
    .map((r) =>
      r
        .map((a) => `${a.type}=${a.norm}`)
        .sort()
        .join("+"),
    )
    .join(",");
  const text = rdns
    .map((r) => r.map((a) => `${SHORT[a.type] ?? a.type}=${a.value}`).join("+"))
    .reverse()
    .join(", ");
  return { der: whole(n), rdns, key, text };
}

export function parseGeneralName(n: Node): GeneralName {
  if (n.cls !== 2) throw new DerError("GeneralName: expected a context tag");
  switch (n.tagNumber) {
    case 1:
      return { type: "rfc822", value: Buffer.from(content(n)).toString("latin1") };
    case 2:
      return { type: "dns", value: Buffer.from(content(n)).toString("latin1") };
    case 6:
      return { type: "uri", value: Buffer.from(content(n)).toString("latin1") };
    case 4:
      return { type: "dn", name: parseName(children(n)[0]) };
    case 7:
      return { type: "ip", bytes: content(n) };
    default:
      return { type: "other", tag: n.tagNumber, der: toHex(whole(n)) };
  }
}
export function parseGeneralNames(n: Node): GeneralName[] {
  return children(n).map(parseGeneralName);
}

export function parseDistributionPoints(n: Node): DistributionPoint[] {
  return seqOf(n, "CRLDistributionPoints").map((dp) => {
    const out: DistributionPoint = {};
    for (const f of seqOf(dp, "DistributionPoint")) {
      if (f.cls !== 2) continue;
      if (f.tagNumber === 0) Object.assign(out, parseDpName(children(f)[0]));
      else if (f.tagNumber === 1) out.reasons = reasonMask(f);
      else if (f.tagNumber === 2) out.crlIssuer = parseGeneralNames(f);
    }
    return out;
  });
}

export function parseDpName(n: Node): { fullName?: GeneralName[]; relativeName?: Node } {
  if (n.tagNumber === 0) return { fullName: parseGeneralNames(n) };
  return { relativeName: n };
}

/** A ReasonFlags bit string (implicitly tagged) as a mask; bit 0 (unused) ignored. */
export function reasonMask(n: Node): number {
  const c = content(n);
  const b = { bytes: c.subarray(1), bits: (c.length - 1) * 8 - (c[0] ?? 0) };
  let m = 0;
  for (let i = 1; i <= 8; i++) if (hasBit(b, i)) m |= 1 << i;
  return m;
}
export const ALL_REASONS = 0b1_1111_1110; // bits 1..8

/** Parse a certificate (DER); parsed objects are cached by SHA-256 of the bytes. */
export const parseCert: (der: Uint8Array) => Cert = memoByDigest(20_000, (der, id) => decodeCert(der, id));

function decodeCert(der: Uint8Array, id: string): Cert {
  const root = parseDer(der, "certificate");
  const [tbsN, sigAlgN, sigN] = seqOf(root, "Certificate");
  const tbsF = seqOf(tbsN, "tbsCertificate");
  let i = 0;
  let version = 1;
  if (isCtx(tbsF[0], 0)) {
    version = Number(readInt(children(tbsF[0])[0], "version")) + 1;
    i++;
  }
  const serialHex = toHex(content(expect(tbsF[i++], TAG.INTEGER, "serialNumber")));
  // RFC 5280 §4.1.1.2: the outer signatureAlgorithm must equal tbsCertificate.signature (the outer one is
  // not covered by the signature, so a difference is tampering).
  const inner = tbsF[i++];
  if (!inner || Buffer.compare(Buffer.from(whole(inner)), Buffer.from(whole(sigAlgN))) !== 0) {
    throw new DerError("certificate signatureAlgorithm differs from tbsCertificate.signature");
  }
  const issuer = parseName(tbsF[i++]);
  const [nb, na] = seqOf(tbsF[i++], "validity");
  const subject = parseName(tbsF[i++]);
  const spkiN = expect(tbsF[i++], TAG.SEQUENCE, "subjectPublicKeyInfo");
  const spkiAlgC = seqOf(children(spkiN)[0], "SPKI algorithm");
  const cert: Cert = {
    der,
    id,
    tbs: whole(tbsN),
    sigAlg: algId(sigAlgN, "signatureAlgorithm"),
    sigValue: signatureOctets(sigN, "signatureValue"),
    version,
    serialHex,
    issuer,
    subject,
    notBefore: readTime(nb, "notBefore"),
    notAfter: readTime(na, "notAfter"),
    spki: whole(spkiN),
    spkiAlg: readOid(spkiAlgC[0]),
    spkiHasParams: !!spkiAlgC[1] && spkiAlgC[1].tag !== TAG.NULL,
    extensions: [],
    ocspUrls: [],
    caIssuerUrls: [],
    ocspNoCheck: false,
    unknownCritical: [],
  };
  for (; i < tbsF.length; i++) {
    const f = tbsF[i];
    if (isCtx(f, 3)) {
      for (const e of seqOf(children(f)[0], "extensions")) {
        const ec = seqOf(e, "Extension");
        const eoid = readOid(ec[0]);
        const critical = ec.length === 3 ? readBool(ec[1]) : false;
        const value = content(expect(ec[ec.length - 1], TAG.OCTET_STRING, `extension ${eoid}`));
        if (cert.extensions.some((x) => x.oid === eoid)) {
          (cert.duplicateExtensions ??= []).push(eoid);
          continue; // the first instance is the one decoded; the certificate fails path validation anyway
        }
        cert.extensions.push({ oid: eoid, critical, value });
        decodeExtension(cert, eoid, value);
        if (critical && !KNOWN_EXT.has(eoid)) cert.unknownCritical.push(eoid);
      }
    }
  }
  return cert;
}

function decodeExtension(c: Cert, eoid: string, value: Uint8Array): void {
  const n = parseDer(value, `extension ${eoid}`);
  switch (eoid) {
    case OID.basicConstraints: {
      const f = seqOf(n, "basicConstraints");
      let ca = false;
      let pathLen: number | undefined;
      for (const x of f) {
        if (x.tag === TAG.BOOLEAN) ca = readBool(x);
        else if (x.tag === TAG.INTEGER) pathLen = Number(readInt(x, "pathLenConstraint"));
      }
      c.basicConstraints = { ca, pathLen };
      break;
    }
    case OID.keyUsage:
      c.keyUsage = readBits(n, "keyUsage");
      break;
    case OID.extKeyUsage:
      c.extKeyUsage = seqOf(n, "extKeyUsage").map((x) => readOid(x));
      break;
    case OID.subjectKeyIdentifier:
      c.ski = toHex(content(n));
      break;
    case OID.authorityKeyIdentifier:
      for (const x of seqOf(n, "authorityKeyIdentifier")) if (isCtx(x, 0)) c.akiKeyId = toHex(content(x));
      break;
    case OID.certificatePolicies:
      c.policies = seqOf(n, "certificatePolicies").map((pi) => {
        const [po, quals] = seqOf(pi, "PolicyInformation");
        const info: PolicyInfo = { oid: readOid(po), userNotices: [], cps: [] };
        if (quals) {
          for (const q of seqOf(quals, "policyQualifiers")) {
            const [qo, qv] = seqOf(q, "PolicyQualifierInfo");
            const qid = readOid(qo);
            if (qid === "1.3.6.1.5.5.7.2.2" && qv) {
              for (const part of seqOf(qv, "UserNotice"))
                if (part.tag !== TAG.SEQUENCE) info.userNotices.push(readString(part));
              if (seqOf(qv, "UserNotice").length === 0) info.userNotices.push("");
            } else if (qid === "1.3.6.1.5.5.7.2.1" && qv) info.cps.push(readString(qv));
          }
        }
        return info;
      });
      break;
    case OID.policyMappings:
      c.policyMappings = seqOf(n, "policyMappings").map((m) => {
        const [a, b] = seqOf(m, "PolicyMapping");
        return { issuer: readOid(a), subject: readOid(b) };
      });
      break;
    case OID.policyConstraints: {
      const pc: { requireExplicit?: number; inhibitMapping?: number } = {};
      for (const x of seqOf(n, "policyConstraints")) {
        const v = Number(BigInt("0x" + (toHex(content(x)) || "0")));
        if (x.tagNumber === 0) pc.requireExplicit = v;
        if (x.tagNumber === 1) pc.inhibitMapping = v;
      }
      c.policyConstraints = pc;
      break;
    }
    case OID.inhibitAnyPolicy:
      c.inhibitAnyPolicy = Number(readInt(n, "inhibitAnyPolicy"));
      break;
    case OID.nameConstraints: {
      const nc: { permitted?: GeneralName[]; excluded?: GeneralName[] } = {};
      for (const x of seqOf(n, "nameConstraints")) {
        const list = children(x).map((st) => parseGeneralName(children(st)[0]));
        if (x.tagNumber === 0) nc.permitted = list;
        if (x.tagNumber === 1) nc.excluded = list;
      }
      c.nameConstraints = nc;
      break;
    }
    case OID.subjectAltName:
      c.subjectAltName = seqOf(n, "subjectAltName").map(parseGeneralName);
      break;
    case OID.crlDistributionPoints:
      c.crlDistributionPoints = parseDistributionPoints(n);
      break;
    case OID.freshestCrl:
      c.freshestCrl = parseDistributionPoints(n);
      break;
    case OID.authorityInfoAccess:
      for (const ad of seqOf(n, "authorityInfoAccess")) {
        const [m, loc] = seqOf(ad, "AccessDescription");
        const gn = parseGeneralName(loc);
        if (gn.type !== "uri") continue;
        if (readOid(m) === "1.3.6.1.5.5.7.48.1") c.ocspUrls.push(gn.value);
        if (readOid(m) === "1.3.6.1.5.5.7.48.2") c.caIssuerUrls.push(gn.value);
      }
      break;
    case OID.qcStatements:
      c.qcStatements = seqOf(n, "qcStatements").map((s) => {
        const [so, info] = seqOf(s, "QCStatement");
        return { oid: readOid(so), info };
      });
      break;
    case OID.ocspNoCheck:
      c.ocspNoCheck = true;
      break;
  }
}

export function hasKu(c: Cert, bit: number): boolean {
  return !c.keyUsage || hasBit(c.keyUsage, bit);
}

export function isSelfIssued(c: Cert): boolean {
  return c.issuer.key === c.subject.key;
}

/** The certificate's public key; a DSA key without parameters takes them from `inheritFrom` (RFC 5280 §6.1.4). */
export function certKey(c: Cert, inheritFrom?: KeyObject): KeyObject {
  if (c.spkiAlg === ALG.dsa && !c.spkiHasParams && inheritFrom?.asymmetricKeyType === "dsa") {
    const jwkless = inheritFrom.export({ format: "der", type: "spki" });
    const parent = parseDer(new Uint8Array(jwkless));
    const [palg] = children(parent);
    const params = children(palg)[1];
    const own = parseDer(c.spki);
    const [, pub] = children(own);
    const algSeq = tlv(0x30, concat([whole(children(palg)[0]), whole(params)]));
    return createPublicKey({ key: Buffer.from(tlv(0x30, concat([algSeq, whole(pub)]))), format: "der", type: "spki" });
  }
  return (keyOf.get(c) ?? keyOf.set(c, publicKey(c.spki)).get(c))!;
}
const keyOf = new WeakMap<Cert, KeyObject>();

/**
 * A signature value BIT STRING as octets. A bit count that is not a whole number of octets cannot be a valid
 * signature, so it comes back empty and fails to verify; non-zero padding bits are a DerError (not DER).
 */
export function signatureOctets(n: Node | undefined, what = "signature value"): Uint8Array {
  const b = readBits(n, what);
  return b.bits % 8 ? new Uint8Array() : b.bytes;
}

/** Read a certificate or CRL file: DER, or PEM with any label. */
export function pemOrDer(buf: Uint8Array): Uint8Array[] {
  const text = Buffer.from(buf.subarray(0, Math.min(buf.length, 64))).toString("latin1");
  if (!text.includes("-----BEGIN")) return [buf];
  const all = Buffer.from(buf).toString("latin1");
  const out: Uint8Array[] = [];
  const re = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/g;
  for (let m; (m = re.exec(all));) out.push(new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64")));
  return out;
}
