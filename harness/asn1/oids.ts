// Object identifiers shared by the signature creators (harness/sign) and the validator (harness/ades), named
// once so a creator and the validator cannot drift apart on a digit. Grouped by where they come from.
// (harness/pki/oids.ts keeps the certificate-profile OIDs the test PKI writes.)

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
  /** id-qt-unotice (RFC 5280 §4.2.1.4), the user notice policy qualifier the profile asks for. */
  unotice: "1.3.6.1.5.5.7.2.2",
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
  ecdsaWithSHA1: "1.2.840.10045.4.1",
  ecdsaWithSHA224: "1.2.840.10045.4.3.1",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  ecdsaWithSHA384: "1.2.840.10045.4.3.3",
  ecdsaWithSHA512: "1.2.840.10045.4.3.4",
  dsa: "1.2.840.10040.4.1",
  dsaWithSHA1: "1.2.840.10040.4.3",
  dsaWithSHA224: "2.16.840.1.101.3.4.3.1",
  dsaWithSHA256: "2.16.840.1.101.3.4.3.2",
  ed25519: "1.3.101.112",
} as const;
