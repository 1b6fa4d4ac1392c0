// The format-neutral picture of one signature that the validator judges. CAdES, XAdES and PAdES readers each
// fill it in; `evaluate` (validate.ts) never looks at the format's bytes again.
import type { HashName } from "./algs.ts";
import type { Crl } from "./crl.ts";
import type { BasicOcsp } from "./ocsp.ts";
import type { Timestamp } from "./signer.ts";
import type { Cert } from "./x509.ts";

export type Format = "CAdES" | "XAdES" | "PAdES";
export type Level = "BES" | "EPES" | "T" | "C" | "X-Type1" | "X-Type2" | "X-L" | "A" | "B-B" | "B-T" | "B-LT" | "B-LTA" | "none";
export type Profile = "P1" | "P2" | "P3" | "P4" | "none";

export interface TimestampUse {
  kind: "signature" | "content" | "esc" | "archive" | "document";
  ts?: Timestamp;
  problem?: string;
  imprintOk: boolean;
}

export interface PolicyUse {
  oid: string;
  hashOid?: string;
  hashHex?: string;
  implied?: boolean;
  userNotice?: string;
}

export interface SigModel {
  id: string;
  format: Format;
  level: Level;
  profile: Profile;
  /** Problems that make the signature unreadable as its format (FORMAT_FAILURE). */
  formatProblems: string[];
  signerCert?: Cert;
  signerCertProblem?: string;
  signatureOk: boolean;
  digestOk: boolean;
  digestProblem?: string;
  /** undefined: no signing-certificate attribute; false: present but does not match. */
  essOk?: boolean;
  essProblem?: string;
  essVersion?: 1 | 2;
  essHash?: HashName;
  /** Hash of the data-to-be-signed digest (messageDigest / reference digests) and of the signature algorithm. */
  digestHash?: HashName;
  sigHash?: HashName;
  signingTime?: Date;
  policy?: PolicyUse;
  contentHints?: string;
  /** The document the signature covers (attached, detached or the PDF ranges), for document-type checks. */
  signedContent?: Uint8Array;
  timestamps: TimestampUse[];
  /** Everything the signature carries or we were given: certificates, CRLs, OCSP. */
  certPool: Cert[];
  crls: Crl[];
  ocsps: BasicOcsp[];
  /** Certificates / revocation values embedded as X-L values (certificate-values, revocation-values, DSS). */
  certValues?: Cert[];
  revocationValueCount?: number;
  embeddedCrls: Crl[];
  embeddedOcsps: BasicOcsp[];
  certRefs?: { hashOid: string; hashHex: string }[];
  revRefs?: { crlHashes: { hashOid: string; hashHex: string }[]; ocspHashes: { hashOid: string; hashHex: string }[] }[];
  counterSignatures: SigModel[];
  notes: string[];
  /** Names of the signed and unsigned attributes / properties, in document order (inspection). */
  attributes?: { signed: string[]; unsigned: string[] };
}

export function emptyModel(id: string, format: Format): SigModel {
  return {
    id,
    format,
    level: "none",
    profile: "none",
    formatProblems: [],
    signatureOk: false,
    digestOk: false,
    timestamps: [],
    certPool: [],
    crls: [],
    ocsps: [],
    embeddedCrls: [],
    embeddedOcsps: [],
    counterSignatures: [],
    notes: [],
  };
}

export const TR_POLICIES: Record<string, Profile> = {
  "2.16.792.1.61.0.1.5070.3.1.1": "P2",
  "2.16.792.1.61.0.1.5070.3.2.1": "P3",
  "2.16.792.1.61.0.1.5070.3.3.1": "P4",
};
/** Hashes of "Elektronik İmza Kullanım Profilleri Rehberi" (notes.md §3); all three OIDs name this document. */
export const TR_POLICY_HASH: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "ff39bd29463383f69b2052ac47439e06ce7c3b8646e888b6e5ae3e46ba08117a",
  "1.3.14.3.2.26": "7e3b50d9020c676bbbf07a998e75e63734909cd8",
};
