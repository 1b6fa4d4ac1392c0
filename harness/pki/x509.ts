// Certificate and extension encoding for the test PKI.
import {
  bits,
  bool,
  explicit,
  ia5,
  int,
  namedBits,
  octets,
  oid,
  printable,
  seq,
  set,
  tlv,
  utf8,
  x509Time,
  type Der,
} from "../asn1/der.ts";
import { signatureAlgorithm, signWithKey, type KeyMaterial } from "./keys.ts";
import { OID, digest } from "../asn1/oids.ts";
import type { ExtensionSettings, KeyUsageName, QcStatementConfig } from "./types.ts";

const NAME_OID: Record<string, string> = {
  C: OID.C,
  O: OID.O,
  OU: OID.OU,
  L: OID.L,
  ST: OID.ST,
  CN: OID.CN,
  serialNumber: OID.serialNumber,
  givenName: OID.givenName,
  surname: OID.surname,
};
/** X.500 Name in the YAML's order; C and serialNumber are PrintableString (RFC 5280), the rest UTF8String. */
export function encodeName(subject: Record<string, string>): Der {
  return seq(
    ...Object.entries(subject).map(([k, v]) => {
      const o = NAME_OID[k];
      if (!o) throw new Error(`unknown name attribute ${k}`);
      return set(seq(oid(o), k === "C" || k === "serialNumber" ? printable(v) : utf8(v)));
    }),
  );
}
export function nameToString(subject: Record<string, string>): string {
  return Object.entries(subject)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

export const ext = (id: string, critical: boolean, value: Der): Der =>
  seq(oid(id), critical && bool(true), octets(value));

const KU_BIT: Record<KeyUsageName, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};
const QC_NAME: Record<string, string> = {
  "etsi-compliance": OID.etsiCompliance,
  "etsi-sscd": OID.etsiSSCD,
  "etsi-limit": OID.etsiLimit,
  "btk-nes": OID.btkNes,
  "btk-usage-restriction": OID.btkUsageRestriction,
};
export const qcOid = (id: string): string => QC_NAME[id] ?? id;

function qcStatement(q: QcStatementConfig): Der {
  const id = qcOid(q.id);
  let info: Der | undefined;
  if (q.limit) info = seq(printable(q.limit.currency), int(q.limit.amount), int(q.limit.exponent));
  else if (q.text) info = utf8(q.text);
  return seq(oid(id), info);
}

export const uriName = (url: string): Der => tlv(0x86, new TextEncoder().encode(url));
export const keyIdentifier = (key: KeyMaterial): Uint8Array => digest("SHA-1", key.publicKeyBits);

export interface ResolvedUrls {
  crlUrl?: string;
  ocspUrl?: string;
  caIssuersUrl?: string;
}

export function encodeExtensions(
  s: ExtensionSettings,
  subjectKey: KeyMaterial,
  issuerKey: KeyMaterial | undefined,
  urls: ResolvedUrls,
): Der[] {
  const out: Der[] = [];
  if (s.basicConstraints) {
    const bc = s.basicConstraints;
    out.push(
      ext(OID.basicConstraints, true, seq(bc.ca && bool(true), bc.ca && bc.pathLen !== undefined && int(bc.pathLen))),
    );
  }
  if (s.keyUsage && s.keyUsage.length)
    out.push(ext(OID.keyUsage, s.keyUsageCritical ?? true, namedBits(s.keyUsage.map((k) => KU_BIT[k]))));
  if (s.extKeyUsage && s.extKeyUsage.length)
    out.push(ext(OID.extKeyUsage, s.extKeyUsageCritical ?? false, seq(...s.extKeyUsage.map(oid))));
  out.push(ext(OID.subjectKeyIdentifier, false, octets(keyIdentifier(subjectKey))));
  if (issuerKey) out.push(ext(OID.authorityKeyIdentifier, false, seq(tlv(0x80, keyIdentifier(issuerKey)))));
  if (s.policies && s.policies.length) {
    out.push(
      ext(
        OID.certificatePolicies,
        false,
        seq(
          ...s.policies.map((p) => {
            const qualifiers: Der[] = [];
            if (p.cps) qualifiers.push(seq(oid(OID.cps), ia5(p.cps)));
            if (p.userNotice) qualifiers.push(seq(oid(OID.unotice), seq(utf8(p.userNotice))));
            return seq(oid(p.oid), qualifiers.length > 0 && seq(...qualifiers));
          }),
        ),
      ),
    );
  }
  if (s.qcStatements && s.qcStatements.length)
    out.push(ext(OID.qcStatements, false, seq(...s.qcStatements.map(qcStatement))));
  if (urls.crlUrl)
    out.push(ext(OID.crlDistributionPoints, false, seq(seq(tlv(0xa0, tlv(0xa0, uriName(urls.crlUrl)))))));
  const aia: Der[] = [];
  if (urls.ocspUrl) aia.push(seq(oid(OID.ocsp), uriName(urls.ocspUrl)));
  if (urls.caIssuersUrl) aia.push(seq(oid(OID.caIssuers), uriName(urls.caIssuersUrl)));
  if (aia.length) out.push(ext(OID.authorityInfoAccess, false, seq(...aia)));
  if (s.ocspNoCheck) out.push(ext(OID.ocspNoCheck, false, Uint8Array.of(0x05, 0x00)));
  return out;
}

/** Flip the last signature byte: the DER stays well-formed (for ECDSA it lands inside s), the signature is wrong. */
export function forge(signature: Uint8Array): Uint8Array {
  const out = Uint8Array.from(signature);
  out[out.length - 1] ^= 0xff;
  return out;
}

/** Sign a TBS structure and wrap it as { tbs, algorithm, BIT STRING signature } (Certificate, CertificateList). */
export function signTbs(tbs: Der, signer: KeyMaterial, forged = false): Der {
  let sig = signWithKey(signer, tbs, "SHA-256");
  if (forged) sig = forge(sig);
  return seq(tbs, signatureAlgorithm(signer.algorithm, "SHA-256"), bits(sig));
}

export interface CertInput {
  serialHex: string;
  issuerName: Der;
  subjectName: Der;
  notBefore: Date;
  notAfter: Date;
  subjectKey: KeyMaterial;
  signer: KeyMaterial;
  extensions: Der[];
  forged?: boolean;
}
export function encodeCertificate(c: CertInput): Der {
  const tbs = seq(
    explicit(0, int(2)),
    int(c.serialHex),
    signatureAlgorithm(c.signer.algorithm, "SHA-256"),
    c.issuerName,
    seq(x509Time(c.notBefore), x509Time(c.notAfter)),
    c.subjectName,
    c.subjectKey.spkiDer,
    c.extensions.length > 0 && explicit(3, seq(...c.extensions)),
  );
  return signTbs(tbs, c.signer, c.forged);
}

export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
export function fromPem(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, "").replace(/\s+/g, "");
  return Uint8Array.from(Buffer.from(body, "base64"));
}
