// Keys and raw signing. Keys are inputs (committed test keys), and both signature schemes are deterministic:
// RSA PKCS#1 v1.5 by construction, ECDSA through RFC 6979 (@noble/curves), so every artefact is reproducible.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from "node:crypto";
import { p256 } from "@noble/curves/nist.js";
import { children, content, nul, oid, parseDer, seq } from "../asn1/der.ts";
import { digest, NODE_HASH, OID, type HashName } from "../asn1/oids.ts";

export type KeyAlgorithm = "rsa-2048" | "ecdsa-p256";

export interface KeyMaterial {
  algorithm: KeyAlgorithm;
  pkcs8Der: Uint8Array;
  spkiDer: Uint8Array;
  /** the BIT STRING content of subjectPublicKey (what SKI and OCSP key hashes are computed over) */
  publicKeyBits: Uint8Array;
  privateKey: KeyObject;
  /** ECDSA scalar (32 bytes) for noble; undefined for RSA */
  ecScalar?: Uint8Array;
}

export function loadKeyFromPem(pem: string | Uint8Array, expected?: KeyAlgorithm, where = "key"): KeyMaterial {
  const privateKey =
    typeof pem === "string"
      ? createPrivateKey({ key: pem, format: "pem" })
      : createPrivateKey({ key: Buffer.from(pem), format: "der", type: "pkcs8" });
  const type = privateKey.asymmetricKeyType;
  let algorithm: KeyAlgorithm;
  let ecScalar: Uint8Array | undefined;
  if (type === "rsa") {
    const bitsLen = privateKey.asymmetricKeyDetails?.modulusLength;
    if (bitsLen !== 2048) throw new Error(`${where}: RSA key must be 2048 bits, got ${bitsLen}`);
    algorithm = "rsa-2048";
  } else if (type === "ec") {
    if (privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1")
      throw new Error(`${where}: EC key must be on P-256`);
    algorithm = "ecdsa-p256";
    const jwk = privateKey.export({ format: "jwk" });
    ecScalar = Uint8Array.from(Buffer.from(jwk.d as string, "base64url"));
  } else throw new Error(`${where}: unsupported key type ${type}`);
  if (expected && expected !== algorithm)
    throw new Error(`${where}: declared ${expected} but the file holds ${algorithm}`);
  const pkcs8Der = Uint8Array.from(privateKey.export({ format: "der", type: "pkcs8" }));
  const spkiDer = Uint8Array.from(createPublicKey(privateKey).export({ format: "der", type: "spki" }));
  return { algorithm, pkcs8Der, spkiDer, publicKeyBits: spkiPublicKeyBits(spkiDer), privateKey, ecScalar };
}

/** subjectPublicKey BIT STRING content (without the unused-bits byte) from an SPKI. */
function spkiPublicKeyBits(spki: Uint8Array): Uint8Array {
  const bitString = children(parseDer(spki))[1];
  if (!bitString || bitString.tag !== 0x03) throw new Error("SubjectPublicKeyInfo without a BIT STRING");
  return Uint8Array.from(content(bitString).subarray(1));
}

export function generateKeyPem(algorithm: KeyAlgorithm): string {
  const { privateKey } =
    algorithm === "rsa-2048"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return privateKey.export({ format: "pem", type: "pkcs8" }) as string;
}

/** Deterministic raw signature over `data` (hashes it first). RSA: PKCS#1 v1.5; ECDSA: RFC 6979, DER-encoded. */
export function signWithKey(key: KeyMaterial, data: Uint8Array, hash: HashName): Uint8Array {
  if (key.algorithm === "rsa-2048") return Uint8Array.from(nodeSign(NODE_HASH[hash], data, key.privateKey));
  const h = digest(hash, data);
  // prehash:false because we hashed with the requested hash; RFC 6979's k comes from HMAC-DRBG over (key, h).
  return p256.sign(h, key.ecScalar!, { prehash: false, format: "der" });
}

/** AlgorithmIdentifier for a signature by `alg` with `hash`. */
export function signatureAlgorithm(alg: KeyAlgorithm, hash: HashName): Uint8Array {
  if (alg === "rsa-2048") {
    const o = {
      "SHA-1": OID.sha1WithRSA,
      "SHA-256": OID.sha256WithRSA,
      "SHA-384": OID.sha384WithRSA,
      "SHA-512": OID.sha512WithRSA,
    }[hash];
    return seq(oid(o), nul());
  }
  const o = {
    "SHA-1": OID.ecdsaWithSHA1,
    "SHA-256": OID.ecdsaWithSHA256,
    "SHA-384": OID.ecdsaWithSHA384,
    "SHA-512": OID.ecdsaWithSHA512,
  }[hash];
  return seq(oid(o));
}

/** The SignerInfo signatureAlgorithm for CMS: rsaEncryption for RSA (widest support), ecdsa-with-X for EC. */
export function cmsSignatureAlgorithm(alg: KeyAlgorithm, hash: HashName): Uint8Array {
  return alg === "rsa-2048" ? seq(oid(OID.rsaEncryption), nul()) : signatureAlgorithm(alg, hash);
}
