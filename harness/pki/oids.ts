// Object identifiers used by the test PKI, named once.
export const OID = {
  // algorithms
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha1WithRSA: "1.2.840.113549.1.1.5",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  ecPublicKey: "1.2.840.10045.2.1",
  prime256v1: "1.2.840.10045.3.1.7",
  ecdsaWithSHA1: "1.2.840.10045.4.1",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  ecdsaWithSHA384: "1.2.840.10045.4.3.3",
  ecdsaWithSHA512: "1.2.840.10045.4.3.4",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  // names
  C: "2.5.4.6",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  L: "2.5.4.7",
  ST: "2.5.4.8",
  CN: "2.5.4.3",
  serialNumber: "2.5.4.5",
  givenName: "2.5.4.42",
  surname: "2.5.4.4",
  // extensions
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  crlNumber: "2.5.29.20",
  crlReason: "2.5.29.21",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  qcStatements: "1.3.6.1.5.5.7.1.3",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  ocsp: "1.3.6.1.5.5.7.48.1",
  caIssuers: "1.3.6.1.5.5.7.48.2",
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  qtCps: "1.3.6.1.5.5.7.2.1",
  qtUnotice: "1.3.6.1.5.5.7.2.2",
  ekuTimeStamping: "1.3.6.1.5.5.7.3.8",
  ekuOcspSigning: "1.3.6.1.5.5.7.3.9",
  ekuClientAuth: "1.3.6.1.5.5.7.3.2",
  // QC statements
  etsiQcCompliance: "0.4.0.1862.1.1",
  etsiQcLimitValue: "0.4.0.1862.1.2",
  etsiQcSSCD: "0.4.0.1862.1.4",
  btkNes: "2.16.792.1.61.0.1.5070.1.1",
  btkUsageRestriction: "2.16.792.1.61.0.1.5070.1.3",
  // CMS / TSP
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  kamusmTsPolicy: "2.16.792.1.2.1.1.5.7.3.1",
} as const;

export type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
export const HASH_OID: Record<HashName, string> = {
  "SHA-1": OID.sha1,
  "SHA-256": OID.sha256,
  "SHA-384": OID.sha384,
  "SHA-512": OID.sha512,
};
export const HASH_BY_OID: Record<string, HashName> = Object.fromEntries(
  Object.entries(HASH_OID).map(([k, v]) => [v, k as HashName]),
);
/** node:crypto's names */
export const NODE_HASH: Record<HashName, string> = {
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};
