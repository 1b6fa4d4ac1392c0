// Pieces shared by the CAdES, XAdES and PAdES builders: hashes and algorithm identifiers, the signer
// abstraction (the PKI's deterministic signRaw behind it), certificate field extraction, and the ESS /
// policy attribute values every format carries in some encoding.
import { digest, HASH_OID, OID, type HashName } from "../asn1/oids.ts";
import type { KeyAlgorithm } from "../pki/keys.ts";
import {
  type Der,
  children,
  content,
  explicit,
  intRaw,
  nul,
  octets,
  oid,
  readNode,
  seq,
  tlv,
  whole,
} from "../asn1/der.ts";

/** Digest AlgorithmIdentifier with parameters absent (RFC 5754 §2). */
export const digestAlgId = (hash: HashName): Der => seq(oid(HASH_OID[hash]));

const RSA_SIG_OID: Record<HashName, string> = {
  "SHA-1": OID.sha1WithRSA,
  "SHA-256": OID.sha256WithRSA,
  "SHA-384": OID.sha384WithRSA,
  "SHA-512": OID.sha512WithRSA,
};
const ECDSA_SIG_OID: Record<HashName, string> = {
  "SHA-1": OID.ecdsaWithSHA1,
  "SHA-256": OID.ecdsaWithSHA256,
  "SHA-384": OID.ecdsaWithSHA384,
  "SHA-512": OID.ecdsaWithSHA512,
};
export function signatureAlgId(key: KeyAlgorithm, hash: HashName): Der {
  return key === "rsa-2048" ? seq(oid(RSA_SIG_OID[hash]), nul()) : seq(oid(ECDSA_SIG_OID[hash]));
}
export function xmlSignatureMethod(key: KeyAlgorithm, hash: HashName): string {
  const h = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" }[hash];
  if (key === "rsa-2048")
    return hash === "SHA-1"
      ? "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
      : `http://www.w3.org/2001/04/xmldsig-more#rsa-${h}`;
  return `http://www.w3.org/2001/04/xmldsig-more#ecdsa-${h}`;
}
export function xmlDigestMethod(hash: HashName): string {
  return {
    "SHA-1": "http://www.w3.org/2000/09/xmldsig#sha1",
    "SHA-256": "http://www.w3.org/2001/04/xmlenc#sha256",
    "SHA-384": "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "SHA-512": "http://www.w3.org/2001/04/xmlenc#sha512",
  }[hash];
}

/** Who signs: a certificate and a deterministic raw-signature function (harness/pki signRaw). */
export interface Signer {
  label: string;
  certDer: Der;
  keyAlgorithm: KeyAlgorithm;
  /** RSA: PKCS#1 v1.5 signature; ECDSA: DER Ecdsa-Sig-Value. */
  sign(data: Der, hash: HashName): Der;
}

/** Fields of an X.509 certificate that signatures reference, read straight from the DER. */
export interface CertFields {
  der: Der;
  issuerDer: Der;
  subjectDer: Der;
  /** INTEGER content octets of serialNumber (byte-exact, sign byte included). */
  serialContent: Der;
  serialBigInt: bigint;
  spkiDer: Der;
}

export function certFields(der: Der): CertFields {
  const cert = readNode(der, 0);
  const tbs = children(children(cert)[0]!);
  let i = 0;
  if (tbs[0]!.tag === 0xa0) i++; // version
  const serial = tbs[i]!;
  const issuer = tbs[i + 2]!;
  const subject = tbs[i + 4]!;
  const spki = tbs[i + 5]!;
  const serialContent = content(serial);
  return {
    der,
    issuerDer: whole(issuer),
    subjectDer: whole(subject),
    serialContent,
    serialBigInt: BigInt("0x" + (Buffer.from(serialContent).toString("hex") || "0")),
    spkiDer: whole(spki),
  };
}

/** IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } with issuer as directoryName [4]. */
export function issuerSerial(cert: CertFields): Der {
  return seq(seq(explicit(4, cert.issuerDer)), intRaw(cert.serialContent));
}

/** ESS signing-certificate-v2 (RFC 5035): ESSCertIDv2 with hashAlgorithm omitted when SHA-256 (its DEFAULT). */
export function signingCertificateV2(cert: CertFields, hash: HashName = "SHA-256", certHash?: Der): Der {
  const h = certHash ?? digest(hash, cert.der);
  const essCertId =
    hash === "SHA-256" ? seq(octets(h), issuerSerial(cert)) : seq(digestAlgId(hash), octets(h), issuerSerial(cert));
  return seq(seq(essCertId));
}
/** ESS signing-certificate v1 (RFC 2634): SHA-1 only. */
export function signingCertificateV1(cert: CertFields, certHash?: Der): Der {
  return seq(seq(seq(octets(certHash ?? digest("SHA-1", cert.der)), issuerSerial(cert))));
}

/** Turkish signature policies (Elektronik İmza Kullanım Profilleri Rehberi): the three OIDs share one document. */
export const TR_POLICY = {
  P2: "2.16.792.1.61.0.1.5070.3.1.1",
  P3: "2.16.792.1.61.0.1.5070.3.2.1",
  P4: "2.16.792.1.61.0.1.5070.3.3.1",
  uri: "http://www.eimza.gov.tr/EimzaPolitikalari/216792161015070321.pdf",
  /** SHA-256 of the policy document (notes.md §3). */
  sha256Hex: "FF39BD29463383F69B2052AC47439E06CE7C3B8646E888B6E5AE3E46BA08117A",
} as const;

export interface PolicyRef {
  /** "implied": SignaturePolicyImplied (the policy follows from context; no OID, no hash) */
  oid: string | "implied";
  hash: HashName;
  hashValue: Der;
  uri?: string;
  userNotice?: string;
}
/** SignaturePolicyImplied: an EPES whose policy is implied by context rather than named. */
export const IMPLIED_POLICY: PolicyRef = { oid: "implied", hash: "SHA-256", hashValue: new Uint8Array(0) };

export function turkishPolicy(profile: "P2" | "P3" | "P4", extra: Partial<PolicyRef> = {}): PolicyRef {
  return {
    oid: TR_POLICY[profile],
    hash: "SHA-256",
    hashValue: Uint8Array.from(Buffer.from(TR_POLICY.sha256Hex, "hex")),
    uri: TR_POLICY.uri,
    ...extra,
  };
}

/** The DER of a base-64 text block (PEM) or pass-through for DER. */
export function pemToDer(pemOrDer: string | Der): Der {
  if (typeof pemOrDer !== "string") return pemOrDer;
  const b64 = pemOrDer.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  return new Uint8Array(Buffer.from(b64, "base64"));
}
export function derToPem(der: Der, label = "CERTIFICATE"): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

export { tlv };
