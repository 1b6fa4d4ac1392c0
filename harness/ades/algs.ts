// Signature and digest algorithms by OID, and one verify() over node:crypto (synchronous, fast, and it
// covers RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA (DER and BSI TR-03111 plain r||s), DSA and Ed25519, with SHA-2 and
// SHA-3, which WebCrypto does not all do). Names here are the ones the algorithm policy and the reports use.
import { createPublicKey, constants, verify as nodeVerify, type KeyObject } from "node:crypto";
import { children, content, DerError, parseDer, readOid, TAG, type Node } from "../asn1/der.ts";
import { ALG, DIGEST_BY_OID, digest, NODE_HASH, type DigestName } from "../asn1/oids.ts";
import { InputError, UnsupportedInput } from "./input-error.ts";

// The digest names and OIDs are asn1/oids.ts's (one table for the signer and the validator).
export type { DigestName };
export const DIGEST_OIDS = DIGEST_BY_OID;
/** Digest name to OID, for every digest the validator names. */
export const HASH_OID: Record<string, string> = Object.fromEntries(Object.entries(DIGEST_OIDS).map(([k, v]) => [v, k]));

interface SigAlg {
  kind: "rsa" | "rsa-pss" | "ecdsa" | "ecdsa-plain" | "dsa" | "ed25519";
  hash?: DigestName;
}
const SIG_OIDS: Record<string, SigAlg> = {
  [ALG.md2WithRSA]: { kind: "rsa", hash: "MD2" },
  [ALG.md5WithRSA]: { kind: "rsa", hash: "MD5" },
  [ALG.sha1WithRSA]: { kind: "rsa", hash: "SHA-1" },
  [ALG.sha224WithRSA]: { kind: "rsa", hash: "SHA-224" },
  [ALG.sha256WithRSA]: { kind: "rsa", hash: "SHA-256" },
  [ALG.sha384WithRSA]: { kind: "rsa", hash: "SHA-384" },
  [ALG.sha512WithRSA]: { kind: "rsa", hash: "SHA-512" },
  [ALG.rsaEncryption]: { kind: "rsa" }, // hash from the CMS digestAlgorithm
  [ALG.rsaPss]: { kind: "rsa-pss" },
  [ALG.ecdsaWithSHA1]: { kind: "ecdsa", hash: "SHA-1" },
  [ALG.ecdsaWithSHA224]: { kind: "ecdsa", hash: "SHA-224" },
  [ALG.ecdsaWithSHA256]: { kind: "ecdsa", hash: "SHA-256" },
  [ALG.ecdsaWithSHA384]: { kind: "ecdsa", hash: "SHA-384" },
  [ALG.ecdsaWithSHA512]: { kind: "ecdsa", hash: "SHA-512" },
  [ALG.ecdsaWithSHA3_224]: { kind: "ecdsa", hash: "SHA3-224" },
  [ALG.ecdsaWithSHA3_256]: { kind: "ecdsa", hash: "SHA3-256" },
  [ALG.ecdsaWithSHA3_384]: { kind: "ecdsa", hash: "SHA3-384" },
  [ALG.ecdsaWithSHA3_512]: { kind: "ecdsa", hash: "SHA3-512" },
  [ALG.rsaSHA3_224]: { kind: "rsa", hash: "SHA3-224" },
  [ALG.rsaSHA3_256]: { kind: "rsa", hash: "SHA3-256" },
  [ALG.rsaSHA3_384]: { kind: "rsa", hash: "SHA3-384" },
  [ALG.rsaSHA3_512]: { kind: "rsa", hash: "SHA3-512" },
  [ALG.ecdsaPlainSHA1]: { kind: "ecdsa-plain", hash: "SHA-1" },
  [ALG.ecdsaPlainSHA224]: { kind: "ecdsa-plain", hash: "SHA-224" },
  [ALG.ecdsaPlainSHA256]: { kind: "ecdsa-plain", hash: "SHA-256" },
  [ALG.ecdsaPlainSHA384]: { kind: "ecdsa-plain", hash: "SHA-384" },
  [ALG.ecdsaPlainSHA512]: { kind: "ecdsa-plain", hash: "SHA-512" },
  [ALG.ecdsaPlainSHA3_224]: { kind: "ecdsa-plain", hash: "SHA3-224" },
  [ALG.ecdsaPlainSHA3_256]: { kind: "ecdsa-plain", hash: "SHA3-256" },
  [ALG.ecdsaPlainSHA3_384]: { kind: "ecdsa-plain", hash: "SHA3-384" },
  [ALG.ecdsaPlainSHA3_512]: { kind: "ecdsa-plain", hash: "SHA3-512" },
  [ALG.ecPublicKey]: { kind: "ecdsa" }, // used as a CMS signature algorithm: hash from digestAlgorithm
  [ALG.dsaWithSHA1]: { kind: "dsa", hash: "SHA-1" },
  [ALG.dsaWithSHA224]: { kind: "dsa", hash: "SHA-224" },
  [ALG.dsaWithSHA256]: { kind: "dsa", hash: "SHA-256" },
  [ALG.ed25519]: { kind: "ed25519" },
};

export interface AlgId {
  oid: string;
  params?: Node;
}
export function algId(n: Node | undefined, what: string): AlgId {
  const c = children(
    n && n.tag === TAG.SEQUENCE
      ? n
      : (() => {
          throw new DerError(`${what}: expected AlgorithmIdentifier`);
        })(),
  );
  return { oid: readOid(c[0], what), params: c[1] };
}

/** The hash an algorithm uses (for algorithm-policy checks); undefined when it comes from elsewhere. */
export function sigHash(alg: AlgId, digestHint?: DigestName): DigestName | undefined {
  const s = SIG_OIDS[alg.oid];
  if (!s) return undefined;
  if (s.kind === "rsa-pss") return pssParams(alg).hash;
  return s.hash ?? digestHint;
}

interface PssParams {
  hash?: DigestName;
  mgfHash?: DigestName;
  salt: number;
  trailer: number;
  /** Set when a parameter names something uyum cannot use (an unknown hash, a mask function other than MGF1). */
  unusable?: string;
}

/** RSASSA-PSS-params (RFC 4055 §3.1): absent fields default to SHA-1, MGF1 with SHA-1, salt 20, trailer 1. */
function pssParams(alg: AlgId): PssParams {
  const out: PssParams = { hash: "SHA-1", mgfHash: "SHA-1", salt: 20, trailer: 1 };
  if (!alg.params || alg.params.tag !== TAG.SEQUENCE) return out;
  const intOf = (n: Node | undefined): number =>
    Number(BigInt("0x" + (Buffer.from(content(n!)).toString("hex") || "0")));
  for (const f of children(alg.params)) {
    const inner = children(f)[0];
    if (f.tagNumber === 0) {
      const o = readOid(children(inner)[0], "PSS hashAlgorithm");
      out.hash = DIGEST_OIDS[o];
      if (!out.hash) out.unusable = `PSS hash algorithm ${o} is unknown`;
    } else if (f.tagNumber === 1) {
      const [mgf, mgfParams] = children(inner);
      const mo = readOid(mgf, "PSS maskGenAlgorithm");
      if (mo !== ALG.mgf1) out.unusable = `PSS mask generation function ${mo} is not MGF1`;
      else {
        const ho = mgfParams ? readOid(children(mgfParams)[0], "MGF1 hash") : ALG.sha1;
        out.mgfHash = DIGEST_OIDS[ho];
        if (!out.mgfHash) out.unusable = `MGF1 hash algorithm ${ho} is unknown`;
      }
    } else if (f.tagNumber === 2) out.salt = intOf(inner);
    else if (f.tagNumber === 3) out.trailer = intOf(inner);
  }
  return out;
}

/**
 * The hash a CMS SignerInfo's signature is computed with. RFC 5652 §5.4 hashes the signed attributes with the
 * digestAlgorithm, and OpenSSL and BouncyCastle verify with it whatever hash the signatureAlgorithm OID names;
 * for RSASSA-PSS, RFC 4056 §2 requires the PSS hash to equal the digestAlgorithm. `mismatch` says when the two
 * disagree; `fatal` when the disagreement makes the signature invalid (PSS).
 */
export function cmsSignatureHash(
  alg: AlgId,
  digestHash: DigestName | undefined,
): { hash?: DigestName; mismatch?: string; fatal?: boolean } {
  const s = SIG_OIDS[alg.oid];
  if (!s) return {};
  if (s.kind === "rsa-pss") {
    const h = pssParams(alg).hash;
    if (digestHash && h && h !== digestHash)
      return {
        hash: h,
        fatal: true,
        mismatch: `the RSASSA-PSS hash ${h} differs from the digestAlgorithm ${digestHash} (RFC 4056 §2 requires them equal)`,
      };
    return { hash: h };
  }
  if (s.kind === "ed25519") return {};
  if (s.hash && digestHash && s.hash !== digestHash)
    return {
      hash: digestHash,
      mismatch: `the signatureAlgorithm names ${s.hash} but the digestAlgorithm is ${digestHash}; verified with ${digestHash}, as RFC 5652 §5.4 and OpenSSL/BouncyCastle do`,
    };
  return { hash: s.hash ?? digestHash };
}

/**
 * A readable name of a signature algorithm ("RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32)"), or undefined
 * when uyum does not know it: the algorithm policy never passes an algorithm it cannot name.
 */
export function sigAlgName(alg: AlgId, digestHint?: DigestName, hashOverride?: DigestName): string | undefined {
  const s = SIG_OIDS[alg.oid];
  if (!s) return undefined;
  if (s.kind === "ed25519") return "Ed25519";
  if (s.kind === "rsa-pss") {
    const p = pssParams(alg);
    if (p.unusable) return undefined;
    return `RSASSA-PSS with ${p.hash} (MGF1 ${p.mgfHash}, salt ${p.salt})`;
  }
  const hash = hashOverride ?? s.hash ?? digestHint;
  if (!hash) return undefined;
  const family = { rsa: "RSA PKCS#1 v1.5", ecdsa: "ECDSA", "ecdsa-plain": "ECDSA plain (BSI TR-03111)", dsa: "DSA" }[
    s.kind
  ];
  return `${family} with ${hash}`;
}

/**
 * Why uyum cannot verify this signature algorithm (undefined when it can). A signature uyum cannot verify is
 * unsupported, not invalid: callers report it as such instead of a cryptographic failure.
 */
export function sigAlgUnsupported(alg: AlgId, digestHint?: DigestName): string | undefined {
  const s = SIG_OIDS[alg.oid];
  if (!s) return `signature algorithm ${alg.oid} is not supported`;
  if (s.kind === "rsa-pss") {
    const p = pssParams(alg);
    if (p.unusable) return p.unusable;
    // node:crypto (OpenSSL's defaults) uses the message hash for MGF1 and trailer 0xBC.
    if (p.mgfHash !== p.hash) return `RSASSA-PSS with MGF1 ${p.mgfHash} over ${p.hash} is not supported`;
    if (p.trailer !== 1) return `RSASSA-PSS trailer field ${p.trailer} is not supported`;
    return undefined;
  }
  if (s.kind !== "ed25519" && !(s.hash ?? digestHint)) return `signature algorithm ${alg.oid} names no hash`;
  return undefined;
}

/** node:crypto's hash names. */
export { digest, NODE_HASH };

export function digestByOid(oidStr: string, data: Uint8Array | Uint8Array[]): Uint8Array {
  const h = DIGEST_OIDS[oidStr];
  if (!h)
    throw new UnsupportedInput({
      en: `digest algorithm ${oidStr} is not supported`,
      tr: `özet algoritması ${oidStr} desteklenmiyor`,
    });
  return digest(h, data);
}

const keyCache = new Map<string, KeyObject>();
/** A public key from SubjectPublicKeyInfo DER (cached by its bytes). */
export function publicKey(spki: Uint8Array): KeyObject {
  const k = Buffer.from(spki).toString("base64");
  let key = keyCache.get(k);
  if (!key) {
    try {
      key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
    } catch (e) {
      // A key the crypto library cannot decode is a property of the certificate, not a uyum fault.
      throw new InputError(`a certificate's public key cannot be read: ${(e as Error).message}`);
    }
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(k, key);
  }
  return key;
}

/**
 * Verify a signature. Returns false for a wrong signature or an unusable key/algorithm combination;
 * `digestHint` is the CMS digest algorithm, used when the signature OID names no hash (rsaEncryption).
 */
export function verifySignature(
  alg: AlgId,
  key: KeyObject,
  data: Uint8Array,
  sig: Uint8Array,
  digestHint?: DigestName,
  hashOverride?: DigestName,
): boolean {
  const s = SIG_OIDS[alg.oid];
  if (!s) return false;
  try {
    if (s.kind === "ed25519") return nodeVerify(null, data, key, sig);
    if (s.kind === "rsa-pss") {
      const p = pssParams(alg);
      if (!p.hash || sigAlgUnsupported(alg)) return false;
      if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") return false;
      return nodeVerify(
        NODE_HASH[p.hash],
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.salt },
        sig,
      );
    }
    const hash = hashOverride ?? s.hash ?? digestHint;
    if (!hash) return false;
    const kt = key.asymmetricKeyType;
    if (s.kind === "rsa" && kt !== "rsa") return false;
    if ((s.kind === "ecdsa" || s.kind === "ecdsa-plain") && kt !== "ec") return false;
    if (s.kind === "ecdsa-plain") return nodeVerify(NODE_HASH[hash], data, { key, dsaEncoding: "ieee-p1363" }, sig);
    if (s.kind === "dsa" && kt !== "dsa") return false;
    return nodeVerify(NODE_HASH[hash], data, key, sig);
  } catch {
    return false;
  }
}

export { parseDer };

const verified = new WeakMap<KeyObject, Map<string, boolean>>();
/**
 * verifySignature for an object with a stable identity (`objId` = SHA-256 of its DER: a certificate, CRL or
 * OCSP response), memoised per key: the same CA certificate or CRL is checked once, not once per signature.
 */
export function verifyObject(objId: string, alg: AlgId, key: KeyObject, data: Uint8Array, sig: Uint8Array): boolean {
  let m = verified.get(key);
  if (!m) verified.set(key, (m = new Map()));
  let r = m.get(objId);
  if (r === undefined) {
    r = verifySignature(alg, key, data, sig);
    if (m.size > 50_000) m.clear();
    m.set(objId, r);
  }
  return r;
}
