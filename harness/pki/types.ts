// The PKI's shapes: the YAML config (input) and the built PKI (output). See harness/pki/README.md.
import type { KeyAlgorithm } from "./keys.ts";
import type { HashName } from "../asn1/oids.ts";
export type { KeyAlgorithm, HashName };

export type Role = "root" | "subroot" | "nes" | "tsa" | "ocsp" | "other";
export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign";
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold";
export const REASON_CODE: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
};

export interface QcStatementConfig {
  /** OID, or one of the names: etsi-compliance, etsi-sscd, btk-nes, btk-usage-restriction, etsi-limit */
  id: string;
  /** QcLimitValue (0.4.0.1862.1.2): MonetaryValue { currency (ISO 4217 alpha), amount, exponent } */
  limit?: { currency: string; amount: number; exponent: number };
  /** a UTF8String statementInfo (used for the usage-restriction statement) */
  text?: string;
}
export interface PolicyConfig {
  oid: string;
  userNotice?: string;
  cps?: string;
}
/** Extension settings shared by profiles and certificates (a certificate's own values override its profile's). */
export interface ExtensionSettings {
  keyUsage?: KeyUsageName[] | null;
  keyUsageCritical?: boolean;
  extKeyUsage?: string[] | null;
  extKeyUsageCritical?: boolean;
  basicConstraints?: { ca: boolean; pathLen?: number } | null;
  policies?: PolicyConfig[] | null;
  qcStatements?: QcStatementConfig[] | null;
  ocspNoCheck?: boolean;
  /** CRL (label) put in the CRL distribution point; null for none; default: the issuer's CRL */
  crl?: string | null;
  /** OCSP responder (label) put in the AIA; null for none; default: the responder named like the issuer */
  ocsp?: string | null;
  /** AIA caIssuers URL to the issuer certificate (default true for non-root) */
  caIssuers?: boolean;
}
export interface CertificateConfig extends ExtensionSettings {
  role: Role;
  issuer?: string;
  key?: string;
  /** sign with this key instead of the issuer's (a forgery by another key) */
  signingKey?: string;
  profile?: string;
  subject: Record<string, string>;
  serial: string | number;
  notBefore: string;
  notAfter: string;
  /** forged-signature: the signature bytes are flipped after signing */
  fault?: "forged-signature";
  revoked?: { date: string; reason?: RevocationReason; via?: ("crl" | "ocsp")[] };
  scenario?: string;
  /** KAMU SM scenario numbers this entity reproduces (documentation, carried into pki.json) */
  kamusm?: string[];
  description?: string;
}
export type CrlFault = "expired" | "forged-signature" | "wrong-issuer";
export interface CrlConfig {
  issuer: string;
  fault?: CrlFault;
  /** nextUpdate - thisUpdate, hours (default 168) */
  validityHours?: number;
  scenario?: string;
  kamusm?: string[];
}
export type OcspFault = "expired" | "forged-signature" | "wrong-cert" | "unauthorised-responder";
export interface OcspResponderConfig {
  /** the CA whose certificates this responder answers for */
  issuer: string;
  /** the certificate that signs responses (default: the CA itself); a delegated responder cert is included */
  signer?: string;
  fault?: OcspFault;
  /** nextUpdate - thisUpdate, hours (default 24) */
  validityHours?: number;
  scenario?: string;
  kamusm?: string[];
}
export type TsaFault = "wrong-imprint" | "forged-signature";
export interface TsaConfig {
  cert: string;
  policy?: string;
  hash?: HashName;
  fault?: TsaFault;
  scenario?: string;
  kamusm?: string[];
}
export interface KeyConfig {
  algorithm: KeyAlgorithm;
  file?: string;
}
export interface PkiConfig {
  version: 1;
  name?: string;
  baseUrl: string;
  /** the reference "signing time" the revocation-before/after scenarios are placed around */
  referenceTime: string;
  /** the default clock of the services and of the CRLs/OCSP responses written by writePki */
  validationTime: string;
  keys: Record<string, KeyConfig>;
  profiles?: Record<string, ExtensionSettings>;
  certificates: Record<string, CertificateConfig>;
  crls?: Record<string, CrlConfig>;
  ocspResponders?: Record<string, OcspResponderConfig>;
  tsas?: Record<string, TsaConfig>;
  /** where the config came from (for error messages and relative key files); not part of the YAML */
  sourceFile?: string;
  /** key PEMs by key label, resolved at load time (so buildPki does no I/O) */
  keyPems?: Record<string, string>;
}

// ---- the built PKI ----
export interface Revocation {
  date: Date;
  reason: RevocationReason;
  via: ("crl" | "ocsp")[];
}
export interface PkiEntity {
  label: string;
  role: Role;
  issuerLabel?: string;
  keyAlgorithm: KeyAlgorithm;
  certDer: Uint8Array;
  certPem: string;
  privateKeyPkcs8Der: Uint8Array;
  scenario?: string;
  // written by buildPki, read back from pki.json by readPki
  keyLabel: string;
  subject: string;
  subjectDer: Uint8Array;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Uint8Array;
  revocation?: Revocation;
  crlLabel?: string;
  ocspLabel?: string;
  kamusm?: string[];
  description?: string;
}
export interface CrlDef {
  label: string;
  issuerLabel: string;
  fault?: CrlFault;
  validityHours: number;
  url: string;
  scenario?: string;
  kamusm?: string[];
}
export interface OcspResponderDef {
  label: string;
  issuerLabel: string;
  signerLabel: string;
  fault?: OcspFault;
  validityHours: number;
  url: string;
  scenario?: string;
  kamusm?: string[];
}
export interface TsaDef {
  label: string;
  certLabel: string;
  policy: string;
  hash: HashName;
  fault?: TsaFault;
  url: string;
  scenario?: string;
  kamusm?: string[];
}

export interface Pki {
  entities: Map<string, PkiEntity>;
  get(label: string): PkiEntity;
  name: string;
  baseUrl: string;
  referenceTime: Date;
  validationTime: Date;
  crls: Map<string, CrlDef>;
  ocspResponders: Map<string, OcspResponderDef>;
  tsas: Map<string, TsaDef>;
}
