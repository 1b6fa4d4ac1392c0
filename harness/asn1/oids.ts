// The project's one table of object identifiers: the test PKI (harness/pki) writes them, the signature
// creators (harness/sign) and the validator (harness/ades) read and write them. Named once so no two of them
// can drift apart on a digit. Grouped by where they come from; `OID` at the end is every group in one table.
import { createHash } from "node:crypto";

/** CMS content types (RFC 5652 §4-5; TSTInfo: RFC 3161 §2.4.2). */
export const CMS_CONTENT = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
} as const;

/** CMS attributes (RFC 5652 §11). */
export const CMS_ATTR = {
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  counterSignature: "1.2.840.113549.1.9.6",
} as const;

/** ESS (RFC 2634, RFC 5035) and CAdES (ETSI TS 101 733 / EN 319 122-1) attributes, id-aa arc unless noted. */
export const CADES_ATTR = {
  contentHints: "1.2.840.113549.1.9.16.2.4",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  sigPolicyId: "1.2.840.113549.1.9.16.2.15",
  commitmentType: "1.2.840.113549.1.9.16.2.16",
  signerLocation: "1.2.840.113549.1.9.16.2.17",
  signerAttr: "1.2.840.113549.1.9.16.2.18",
  /** signer-attributes-v2 (EN 319 122-1 §5.2.6.1) */
  signerAttrV2: "0.4.0.19122.1.1",
  contentTimestamp: "1.2.840.113549.1.9.16.2.20",
  completeCertificateRefs: "1.2.840.113549.1.9.16.2.21",
  completeRevocationRefs: "1.2.840.113549.1.9.16.2.22",
  certValues: "1.2.840.113549.1.9.16.2.23",
  revocationValues: "1.2.840.113549.1.9.16.2.24",
  escTimeStamp: "1.2.840.113549.1.9.16.2.25",
  certCrlTimestamp: "1.2.840.113549.1.9.16.2.26",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  archiveTimestampV2: "1.2.840.113549.1.9.16.2.48",
  /** ETSI EN 319 122-1 §5.5.3 (0.4.0.1733 arc). */
  archiveTimestampV3: "0.4.0.1733.2.4",
  /** ats-hash-index (TS 101 733 v2.2.1, in the ATSv3 token's unsigned attributes) and its v3 (EN 319 122-1). */
  atsHashIndex: "0.4.0.1733.2.5",
  atsHashIndexV3: "0.4.0.19122.1.5",
} as const;

/** Signature-policy qualifiers (TS 101 733 §5.8.1) and revocation-data formats inside CMS. */
export const CADES_MISC = {
  spuri: "1.2.840.113549.1.9.16.5.1",
  spUserNotice: "1.2.840.113549.1.9.16.5.2",
  /** RFC 5940 OtherRevocationInfoFormat for an OCSP response in SignedData.crls. */
  ocspResponseRevInfo: "1.3.6.1.5.5.7.16.2",
  /** id-pkix-ocsp-basic (RFC 6960 §4.2.1). */
  basicOcsp: "1.3.6.1.5.5.7.48.1.1",
} as const;

/** Every CMS/CAdES OID above in one table, for lookup by name and for naming attributes in reports. */
export const CMS_OID = { ...CMS_CONTENT, ...CMS_ATTR, ...CADES_ATTR, ...CADES_MISC } as const;

/**
 * Turkish signature policies P2-P4 ("Elektronik İmza Kullanım Profilleri Rehberi", notes.md §3); P1 is
 * BES without a policy. The three OIDs name one document.
 */
export const TR_POLICY_OID = {
  P2: "2.16.792.1.61.0.1.5070.3.1.1",
  P3: "2.16.792.1.61.0.1.5070.3.2.1",
  P4: "2.16.792.1.61.0.1.5070.3.3.1",
} as const;

/** QC statements a Turkish qualified (NES) certificate carries: ETSI EN 319 412-5 and BTK's own. */
export const QC = {
  etsiCompliance: "0.4.0.1862.1.1",
  etsiLimit: "0.4.0.1862.1.2",
  btkNes: "2.16.792.1.61.0.1.5070.1.1",
  btkNes2: "2.16.792.1.61.0.1.5070.2.1",
  btkUsageRestriction: "2.16.792.1.61.0.1.5070.1.3",
  btkUsageRestriction2: "2.16.792.1.61.0.1.5070.2.2",
  /** QcSSCD: the private key lives in a qualified signature-creation device (EN 319 412-5 §4.2.2). */
  etsiSSCD: "0.4.0.1862.1.4",
  /** id-qt-unotice (RFC 5280 §4.2.1.4), the user notice policy qualifier the profile asks for. */
  unotice: "1.3.6.1.5.5.7.2.2",
} as const;

/** KAMU SM's time-stamp policy (the TSAs of the test PKI answer under it unless told otherwise). */
export const TR_TSA_POLICY_OID = {
  kamusmTsPolicy: "2.16.792.1.2.1.1.5.7.3.1",
} as const;

/** X.520 name attributes a certificate subject/issuer is made of (RFC 5280 §4.1.2.4, Appendix A). */
export const NAME_ATTR = {
  CN: "2.5.4.3",
  /** PKCS #9 emailAddress in a distinguished name (RFC 5280 §4.1.2.6, legacy). */
  emailAddress: "1.2.840.113549.1.9.1",
  surname: "2.5.4.4",
  /** Holds the T.C. kimlik number in a Turkish NES certificate. */
  serialNumber: "2.5.4.5",
  C: "2.5.4.6",
  L: "2.5.4.7",
  ST: "2.5.4.8",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  givenName: "2.5.4.42",
} as const;

/** Certificate and CRL extensions (RFC 5280 §4.2, §5.2-5.3; qcStatements RFC 3739; ocspNoCheck RFC 6960). */
export const CERT_EXT = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  crlNumber: "2.5.29.20",
  /** CRL entry extension. */
  crlReason: "2.5.29.21",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  qcStatements: "1.3.6.1.5.5.7.1.3",
  /** id-pkix-ocsp-nocheck: an OCSP responder certificate is not itself checked (RFC 6960 §4.2.2.2.1). */
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  // read by path validation (RFC 5280 §4.2.1.6–4.2.1.15, §4.2.1.14, §5.2.6)
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  nameConstraints: "2.5.29.30",
  policyMappings: "2.5.29.33",
  policyConstraints: "2.5.29.36",
  freshestCrl: "2.5.29.46",
  inhibitAnyPolicy: "2.5.29.54",
  anyPolicy: "2.5.29.32.0",
} as const;

/** Extended key usages the test PKI's service certificates carry (RFC 5280 §4.2.1.12). */
export const EKU = {
  ekuClientAuth: "1.3.6.1.5.5.7.3.2",
  ekuTimeStamping: "1.3.6.1.5.5.7.3.8",
  ekuOcspSigning: "1.3.6.1.5.5.7.3.9",
} as const;

/** PKIX access methods, policy qualifier and OCSP extension (RFC 5280 §4.2.1.4, §4.2.2.1; RFC 6960 §4.4.1). */
export const PKIX = {
  /** id-ad-ocsp, the AIA access method naming the OCSP responder. */
  ocsp: "1.3.6.1.5.5.7.48.1",
  /** id-ad-caIssuers. */
  caIssuers: "1.3.6.1.5.5.7.48.2",
  /** id-qt-cps, the CPS URI policy qualifier (its sibling id-qt-unotice is in QC). */
  cps: "1.3.6.1.5.5.7.2.1",
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
} as const;

/** Digest and signature algorithms (RFC 3279, 4055, 5758, 8410; NIST CSOR). */
export const ALG = {
  md2: "1.2.840.113549.2.2",
  md5: "1.2.840.113549.2.5",
  sha1: "1.3.14.3.2.26",
  sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  sha3_224: "2.16.840.1.101.3.4.2.7",
  sha3_256: "2.16.840.1.101.3.4.2.8",
  sha3_384: "2.16.840.1.101.3.4.2.9",
  sha3_512: "2.16.840.1.101.3.4.2.10",
  /** MGF1 (RFC 8017), the mask generation function of RSASSA-PSS. */
  mgf1: "1.2.840.113549.1.1.8",
  rsaEncryption: "1.2.840.113549.1.1.1",
  md2WithRSA: "1.2.840.113549.1.1.2",
  md5WithRSA: "1.2.840.113549.1.1.4",
  sha1WithRSA: "1.2.840.113549.1.1.5",
  rsaPss: "1.2.840.113549.1.1.10",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  sha224WithRSA: "1.2.840.113549.1.1.14",
  ecPublicKey: "1.2.840.10045.2.1",
  /** The named curve P-256 (RFC 5480 §2.1.1.1 secp256r1). */
  prime256v1: "1.2.840.10045.3.1.7",
  ecdsaWithSHA1: "1.2.840.10045.4.1",
  ecdsaWithSHA224: "1.2.840.10045.4.3.1",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  ecdsaWithSHA384: "1.2.840.10045.4.3.3",
  ecdsaWithSHA512: "1.2.840.10045.4.3.4",
  ecdsaWithSHA3_224: "2.16.840.1.101.3.4.3.9",
  ecdsaWithSHA3_256: "2.16.840.1.101.3.4.3.10",
  ecdsaWithSHA3_384: "2.16.840.1.101.3.4.3.11",
  ecdsaWithSHA3_512: "2.16.840.1.101.3.4.3.12",
  rsaSHA3_224: "2.16.840.1.101.3.4.3.13",
  rsaSHA3_256: "2.16.840.1.101.3.4.3.14",
  rsaSHA3_384: "2.16.840.1.101.3.4.3.15",
  rsaSHA3_512: "2.16.840.1.101.3.4.3.16",
  /** BSI TR-03111 plain-format ECDSA (r || s, not a DER SEQUENCE): ecdsa-plain-signatures .1-.5, .7-.10. */
  ecdsaPlainSHA1: "0.4.0.127.0.7.1.1.4.1.1",
  ecdsaPlainSHA224: "0.4.0.127.0.7.1.1.4.1.2",
  ecdsaPlainSHA256: "0.4.0.127.0.7.1.1.4.1.3",
  ecdsaPlainSHA384: "0.4.0.127.0.7.1.1.4.1.4",
  ecdsaPlainSHA512: "0.4.0.127.0.7.1.1.4.1.5",
  ecdsaPlainSHA3_224: "0.4.0.127.0.7.1.1.4.1.7",
  ecdsaPlainSHA3_256: "0.4.0.127.0.7.1.1.4.1.8",
  ecdsaPlainSHA3_384: "0.4.0.127.0.7.1.1.4.1.9",
  ecdsaPlainSHA3_512: "0.4.0.127.0.7.1.1.4.1.10",
  dsa: "1.2.840.10040.4.1",
  dsaWithSHA1: "1.2.840.10040.4.3",
  dsaWithSHA224: "2.16.840.1.101.3.4.3.1",
  dsaWithSHA256: "2.16.840.1.101.3.4.3.2",
  ed25519: "1.3.101.112",
} as const;

/** Every named OID in one table (the groups' names do not overlap; oids.test.ts checks it). */
export const OID = {
  ...ALG,
  ...NAME_ATTR,
  ...CERT_EXT,
  ...EKU,
  ...PKIX,
  ...QC,
  ...CMS_OID,
  ...TR_POLICY_OID,
  ...TR_TSA_POLICY_OID,
} as const;

/** Every digest uyum names: the validator reads all of them (some only to refuse them by policy). */
export type DigestName =
  | "SHA-1"
  | "SHA-224"
  | "SHA-256"
  | "SHA-384"
  | "SHA-512"
  | "SHA3-224"
  | "SHA3-256"
  | "SHA3-384"
  | "SHA3-512"
  | "MD5"
  | "MD2";

/** Digest AlgorithmIdentifier OIDs to their names. */
export const DIGEST_BY_OID: Record<string, DigestName> = {
  [ALG.sha1]: "SHA-1",
  [ALG.sha224]: "SHA-224",
  [ALG.sha256]: "SHA-256",
  [ALG.sha384]: "SHA-384",
  [ALG.sha512]: "SHA-512",
  [ALG.sha3_224]: "SHA3-224",
  [ALG.sha3_256]: "SHA3-256",
  [ALG.sha3_384]: "SHA3-384",
  [ALG.sha3_512]: "SHA3-512",
  [ALG.md5]: "MD5",
  [ALG.md2]: "MD2",
};

/** The digests the test PKI and uyum's signer write: a part of DigestName. */
export type HashName = Extract<DigestName, "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512">;
export const HASH_OID: Record<HashName, string> = {
  "SHA-1": ALG.sha1,
  "SHA-256": ALG.sha256,
  "SHA-384": ALG.sha384,
  "SHA-512": ALG.sha512,
};
export const HASH_BY_OID: Record<string, HashName> = Object.fromEntries(
  Object.entries(HASH_OID).map(([k, v]) => [v, k as HashName]),
);
/** node:crypto's names for every digest uyum names. */
export const NODE_HASH: Record<DigestName, string> = {
  "SHA-1": "sha1",
  "SHA-224": "sha224",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
  "SHA3-224": "sha3-224",
  "SHA3-256": "sha3-256",
  "SHA3-384": "sha3-384",
  "SHA3-512": "sha3-512",
  MD5: "md5",
  MD2: "md2",
};

/** The digest of `data` (one buffer, or several hashed in order): the one digest function of uyum. */
export function digest(hash: DigestName, data: Uint8Array | Uint8Array[]): Uint8Array {
  const h = createHash(NODE_HASH[hash]);
  for (const d of Array.isArray(data) ? data : [data]) h.update(d);
  return new Uint8Array(h.digest());
}
