// The format-neutral picture of one signature that the validator judges. CAdES, XAdES and PAdES readers each
// fill it in; `evaluate` (validate.ts) never looks at the format's bytes again.
import { ALG, TR_POLICY_OID } from "../asn1/oids.ts";
import type { SignatureFormat, SignatureLevel, SignatureProfile } from "../core/signature-forms.ts";
import type { DigestName } from "./algs.ts";
import type { Crl } from "./crl.ts";
import type { BasicOcsp } from "./ocsp.ts";
import type { Timestamp } from "./signer.ts";
import type { Cert } from "./x509.ts";

export type Format = SignatureFormat;
/** The standards' levels, and "PKCS7": a PDF signature under adbe.pkcs7.* (ISO 32000-1), which is not PAdES. */
export type Level = SignatureLevel | "PKCS7";
export type Profile = SignatureProfile;

/** The note for a signature that embeds certificate values without revocation values (not an X-L). */
export const CERT_VALUES_ALONE =
  "certificate values embedded without revocation values: the signature carries its chain; not an X-L signature";

/** Levels that reference validation data (C, X): with certificate values they are an X-L, complete or not. */
export const EXTENDED: ReadonlySet<Level> = new Set<Level>(["C", "X-Type1", "X-Type2"]);

export interface TimestampUse {
  kind: "signature" | "content" | "esc" | "archive" | "document";
  ts?: Timestamp;
  problem?: string;
  imprintOk: boolean;
  /** Why the imprint could not be computed (e.g. a detached document not given): INDETERMINATE, not a failure. */
  imprintUnknown?: string;
  /** What is wrong with the data the time-stamp covers beyond its imprint (an ats-hash-index entry lost). */
  coverageProblem?: string;
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
  /** The signed data could not be assessed because uyum does not support a construct (digestProblem says which). */
  digestNotAssessed?: boolean;
  /** undefined: no signing-certificate attribute; false: present but does not match. */
  essOk?: boolean;
  essProblem?: string;
  essVersion?: 1 | 2;
  essHash?: DigestName;
  /** Hash of the data-to-be-signed digest (messageDigest / reference digests) and of the signature algorithm. */
  digestHash?: DigestName;
  sigHash?: DigestName;
  /** The signature algorithm by name ("RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)"); undefined: unnamed. */
  sigAlgName?: string;
  /** Why uyum cannot verify this signature algorithm (unsupported, not invalid). */
  sigAlgUnsupported?: string;
  /** PDF signatures: the signature dictionary's /SubFilter (PAdES only with ETSI.CAdES.detached). */
  pdfSubFilter?: string;
  /** Why the signature value is invalid, when there is more to say than "does not verify". */
  signatureProblem?: string;
  signingTime?: Date;
  policy?: PolicyUse;
  contentHints?: string;
  /** The roles the signer claims (signer-attributes claimedAttributes), as text. */
  claimedRoles?: string[];
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

/** Profile by signature-policy OID. */
export const TR_POLICIES: Record<string, Profile> = Object.fromEntries(
  Object.entries(TR_POLICY_OID).map(([profile, oid]) => [oid, profile as Profile]),
);
/** Hashes of "Elektronik İmza Kullanım Profilleri Rehberi" (notes.md §3); all three OIDs name this document. */
export const TR_POLICY_HASH: Record<string, string> = {
  [ALG.sha256]: "ff39bd29463383f69b2052ac47439e06ce7c3b8646e888b6e5ae3e46ba08117a",
  [ALG.sha1]: "7e3b50d9020c676bbbf07a998e75e63734909cd8",
};
