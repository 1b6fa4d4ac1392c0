// Signature and digest algorithms by OID, and one verify() over node:crypto (synchronous, fast, and it
// covers RSA PKCS#1 v1.5, RSA-PSS, ECDSA, DSA and Ed25519, which WebCrypto does not all do).
import { createHash, createPublicKey, constants, verify as nodeVerify, type KeyObject } from "node:crypto";
import { children, content, DerError, parseDer, readOid, TAG, type Node } from "../asn1/der.ts";
import { ALG } from "../asn1/oids.ts";
import { InputError, UnsupportedInput } from "./input-error.ts";

export type HashName = "SHA-1" | "SHA-224" | "SHA-256" | "SHA-384" | "SHA-512" | "MD5" | "MD2";

export const DIGEST_OIDS: Record<string, HashName> = {
  [ALG.sha1]: "SHA-1",
  [ALG.sha224]: "SHA-224",
  [ALG.sha256]: "SHA-256",
  [ALG.sha384]: "SHA-384",
  [ALG.sha512]: "SHA-512",
  [ALG.md5]: "MD5",
  [ALG.md2]: "MD2",
};
export const HASH_OID: Record<string, string> = Object.fromEntries(Object.entries(DIGEST_OIDS).map(([k, v]) => [v, k]));

interface SigAlg {
  kind: "rsa" | "rsa-pss" | "ecdsa" | "dsa" | "ed25519";
  hash?: HashName;
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
export function sigHash(alg: AlgId, digestHint?: HashName): HashName | undefined {
  const s = SIG_OIDS[alg.oid];
  if (!s) return undefined;
  if (s.kind === "rsa-pss") return pssParams(alg).hash;
  return s.hash ?? digestHint;
}

function pssParams(alg: AlgId): { hash: HashName; salt: number } {
  let hash: HashName = "SHA-1";
  let salt = 20;
  if (alg.params && alg.params.tag === TAG.SEQUENCE) {
    for (const f of children(alg.params)) {
      const inner = children(f)[0];
      if (f.tagNumber === 0) hash = DIGEST_OIDS[readOid(children(inner)[0])] ?? hash;
      if (f.tagNumber === 2) salt = Number(BigInt("0x" + Buffer.from(content(inner)).toString("hex")));
    }
  }
  return { hash, salt };
}

/** node:crypto's hash names. */
export const NODE_HASH: Record<HashName, string> = {
  "SHA-1": "sha1",
  "SHA-224": "sha224",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
  MD5: "md5",
  MD2: "md2",
};

export function digest(hash: HashName, data: Uint8Array | Uint8Array[]): Uint8Array {
  const h = createHash(NODE_HASH[hash]);
  for (const d of Array.isArray(data) ? data : [data]) h.update(d);
  return new Uint8Array(h.digest());
}

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
  digestHint?: HashName,
): boolean {
  const s = SIG_OIDS[alg.oid];
  if (!s) return false;
  try {
    if (s.kind === "ed25519") return nodeVerify(null, data, key, sig);
    if (s.kind === "rsa-pss") {
      const p = pssParams(alg);
      return nodeVerify(
        NODE_HASH[p.hash],
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.salt },
        sig,
      );
    }
    const hash = s.hash ?? digestHint;
    if (!hash) return false;
    const kt = key.asymmetricKeyType;
    if (s.kind === "rsa" && kt !== "rsa") return false;
    if (s.kind === "ecdsa" && kt !== "ec") return false;
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
