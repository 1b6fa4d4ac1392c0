// XML-DSig algorithm identifiers (RFC 3275, RFC 6931, XML-DSig 1.1) and the signature-value check over
// node:crypto: RSA PKCS#1 v1.5, RSASSA-PSS (the RFC 6931 "…-rsa-MGF1" family: MGF1 with the same hash, salt as
// long as the hash), ECDSA and DSA (XML carries r‖s, not DER), with SHA-1, SHA-2 and SHA-3 digests.
import { constants, createHash, verify as nodeVerify, type KeyObject } from "node:crypto";
import { NODE_HASH, type DigestName } from "../algs.ts";

export type XmlHash = DigestName | "SHA3-224" | "SHA3-256" | "SHA3-384" | "SHA3-512" | "RIPEMD-160";

const NODE: Record<XmlHash, string> = {
  ...NODE_HASH,
  "SHA3-224": "sha3-224",
  "SHA3-256": "sha3-256",
  "SHA3-384": "sha3-384",
  "SHA3-512": "sha3-512",
  "RIPEMD-160": "ripemd160",
};
const HASH_LEN: Record<string, number> = {
  "SHA-1": 20,
  "SHA-224": 28,
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
  "SHA3-224": 28,
  "SHA3-256": 32,
  "SHA3-384": 48,
  "SHA3-512": 64,
};

const MORE = "http://www.w3.org/2001/04/xmldsig-more#";
const MORE07 = "http://www.w3.org/2007/05/xmldsig-more#";
export const DIGEST_URI: Record<string, XmlHash> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
  [MORE + "sha224"]: "SHA-224",
  "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
  [MORE + "sha384"]: "SHA-384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "SHA-512",
  [MORE + "md5"]: "MD5",
  "http://www.w3.org/2001/04/xmlenc#ripemd160": "RIPEMD-160",
  [MORE07 + "sha3-224"]: "SHA3-224",
  [MORE07 + "sha3-256"]: "SHA3-256",
  [MORE07 + "sha3-384"]: "SHA3-384",
  [MORE07 + "sha3-512"]: "SHA3-512",
};

export interface XmlSigAlg {
  kind: "rsa" | "rsa-pss" | "ecdsa" | "dsa";
  hash: XmlHash;
  saltLength?: number;
}

/** RFC 9231 §2.3.10 rsa-pss: hash and salt length come from the RSAPSSParams child (defaults SHA-256, 32). */
export const RSA_PSS_URI = MORE07 + "rsa-pss";

export function rsaPssParams(signatureMethod: Element): XmlSigAlg | undefined {
  let params: Element | undefined;
  for (let c = signatureMethod.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === "RSAPSSParams") params = c as Element;
  const child = (local: string) => {
    for (let c = params?.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 1 && (c as Element).localName === local) return c as Element;
    return undefined;
  };
  const dm = child("DigestMethod")?.getAttribute("Algorithm");
  const hash = dm ? DIGEST_URI[dm] : "SHA-256";
  if (!hash) return undefined;
  const mgf = child("MaskGenerationFunction");
  const mgfHash = mgf
    ? DIGEST_URI[mgf.getElementsByTagNameNS("*", "DigestMethod")[0]?.getAttribute("Algorithm") ?? ""]
    : hash;
  if (mgfHash !== hash) return undefined; // node:crypto's PSS uses one hash for both
  const salt = child("SaltLength")?.textContent?.trim();
  return { kind: "rsa-pss", hash, saltLength: salt ? Number(salt) : (HASH_LEN[hash] ?? 32) };
}
export const SIG_URI: Record<string, XmlSigAlg> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": { kind: "rsa", hash: "SHA-1" },
  [MORE + "rsa-sha224"]: { kind: "rsa", hash: "SHA-224" },
  [MORE + "rsa-sha256"]: { kind: "rsa", hash: "SHA-256" },
  [MORE + "rsa-sha384"]: { kind: "rsa", hash: "SHA-384" },
  [MORE + "rsa-sha512"]: { kind: "rsa", hash: "SHA-512" },
  [MORE + "rsa-md5"]: { kind: "rsa", hash: "MD5" },
  [MORE + "rsa-ripemd160"]: { kind: "rsa", hash: "RIPEMD-160" },
  [MORE + "ecdsa-sha1"]: { kind: "ecdsa", hash: "SHA-1" },
  [MORE + "ecdsa-sha224"]: { kind: "ecdsa", hash: "SHA-224" },
  [MORE + "ecdsa-sha256"]: { kind: "ecdsa", hash: "SHA-256" },
  [MORE + "ecdsa-sha384"]: { kind: "ecdsa", hash: "SHA-384" },
  [MORE + "ecdsa-sha512"]: { kind: "ecdsa", hash: "SHA-512" },
  [MORE07 + "ecdsa-sha3-224"]: { kind: "ecdsa", hash: "SHA3-224" },
  [MORE07 + "ecdsa-sha3-256"]: { kind: "ecdsa", hash: "SHA3-256" },
  [MORE07 + "ecdsa-sha3-384"]: { kind: "ecdsa", hash: "SHA3-384" },
  [MORE07 + "ecdsa-sha3-512"]: { kind: "ecdsa", hash: "SHA3-512" },
  "http://www.w3.org/2000/09/xmldsig#dsa-sha1": { kind: "dsa", hash: "SHA-1" },
  "http://www.w3.org/2009/xmldsig11#dsa-sha256": { kind: "dsa", hash: "SHA-256" },
  [MORE07 + "sha1-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA-1" },
  [MORE07 + "sha224-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA-224" },
  [MORE07 + "sha256-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA-256" },
  [MORE07 + "sha384-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA-384" },
  [MORE07 + "sha512-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA-512" },
  [MORE07 + "sha3-224-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA3-224" },
  [MORE07 + "sha3-256-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA3-256" },
  [MORE07 + "sha3-384-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA3-384" },
  [MORE07 + "sha3-512-rsa-MGF1"]: { kind: "rsa-pss", hash: "SHA3-512" },
};

/** The digest of `data` by an XML DigestMethod URI, or undefined for a method uyum does not know. */
export function xmlDigest(uri: string, data: Uint8Array): Uint8Array | undefined {
  const h = DIGEST_URI[uri];
  return h ? new Uint8Array(createHash(NODE[h]).update(data).digest()) : undefined;
}

/** The hash as the shared algorithm policy names it, or undefined where that policy has no name for it. */
export function policyHash(h: XmlHash | undefined): DigestName | undefined {
  return h && h in NODE_HASH ? (h as DigestName) : undefined;
}

/** Verify an XML SignatureValue (already base64-decoded) over the canonical SignedInfo. */
export function verifyXmlSignature(alg: XmlSigAlg, key: KeyObject, data: Uint8Array, value: Uint8Array): boolean {
  const hash = NODE[alg.hash];
  switch (alg.kind) {
    case "ecdsa":
    case "dsa":
      return nodeVerify(hash, data, { key, dsaEncoding: "ieee-p1363" }, value);
    case "rsa-pss":
      return nodeVerify(
        hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength ?? HASH_LEN[alg.hash] ?? 32 },
        value,
      );
    default:
      return nodeVerify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, value);
  }
}
