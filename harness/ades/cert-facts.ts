// What a verifier should tell its user about a signer's certificate (CWA 14171, control list 13.1.3): the subject
// and its serialNumber (T.C. kimlik no), a pseudonym, the issuer, validity, serial number, whether it is a
// qualified (NES) certificate, and its monetary limit or usage restriction. Read from the certificate alone.
import { children, readInt, readString, TAG } from "../asn1/der-read.ts";
import { QC } from "../asn1/oids.ts";
import type { SignatureReport } from "./report.ts";
import type { Cert } from "./x509.ts";

/** The signer's certificate of a signature report, kept aside (a report stays plain JSON). */
export const signerCerts = new WeakMap<SignatureReport, Cert>();
export const signerCertOf = (r: SignatureReport): Cert | undefined => signerCerts.get(r);

export interface CertFacts {
  subject: string;
  commonName?: string;
  /** the subject's serialNumber attribute (2.5.4.5): the T.C. kimlik no of a Turkish NES */
  serialNumber?: string;
  /** the subject's pseudonym attribute (2.5.4.65) */
  pseudonym?: string;
  issuer: string;
  issuerCommonName?: string;
  serialHex: string;
  notBefore: string;
  notAfter: string;
  /** ETSI QcCompliance and a BTK NES statement */
  qualified: boolean;
  /** QcLimitValue: currency (ISO 4217 alpha or numeric), amount × 10^exponent */
  limit?: { currency: string; amount: number; exponent: number };
  /** BTK usage-restriction statement */
  usageRestriction: boolean;
}

const attr = (c: Cert["subject"], oid: string) => c.rdns.flat().find((a) => a.type === oid)?.value;

/** MonetaryValue ::= SEQUENCE { currency (PrintableString | INTEGER), amount INTEGER, exponent INTEGER } */
function monetaryValue(c: Cert): CertFacts["limit"] {
  const info = c.qcStatements?.find((q) => q.oid === QC.etsiLimit)?.info;
  if (!info) return undefined;
  try {
    const [cur, amount, exponent] = children(info);
    const currency = cur?.tag === TAG.INTEGER ? String(readInt(cur)) : readString(cur);
    return { currency, amount: Number(readInt(amount)), exponent: Number(readInt(exponent)) };
  } catch {
    return undefined;
  }
}

export function certFacts(c: Cert): CertFacts {
  const qs = new Set((c.qcStatements ?? []).map((q) => q.oid));
  const limit = monetaryValue(c);
  return {
    subject: c.subject.text,
    ...(attr(c.subject, "2.5.4.3") !== undefined ? { commonName: attr(c.subject, "2.5.4.3")! } : {}),
    ...(attr(c.subject, "2.5.4.5") !== undefined ? { serialNumber: attr(c.subject, "2.5.4.5")! } : {}),
    ...(attr(c.subject, "2.5.4.65") !== undefined ? { pseudonym: attr(c.subject, "2.5.4.65")! } : {}),
    issuer: c.issuer.text,
    ...(attr(c.issuer, "2.5.4.3") !== undefined ? { issuerCommonName: attr(c.issuer, "2.5.4.3")! } : {}),
    serialHex: c.serialHex,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    qualified: qs.has(QC.etsiCompliance) && (qs.has(QC.btkNes) || qs.has(QC.btkNes2)),
    ...(limit ? { limit } : {}),
    usageRestriction: qs.has(QC.btkUsageRestriction) || qs.has(QC.btkUsageRestriction2),
  };
}
