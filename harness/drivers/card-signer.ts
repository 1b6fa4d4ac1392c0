// The harness as the signer's local signing tool, for server applications that only prepare and finalise (the
// http driver's hash-only flow): it reads the certificate from the card and has the card sign the data the
// server prepared, through PKCS#11 on the interposed module (so the trace shows it). The key never leaves the
// card; the PIN goes to C_Login only, and what is said about a refusal names the CKR code, never the PIN.
import pkcs11js from "pkcs11js";
import { createHash } from "node:crypto";
import { ckrName, withCardSession, type CardInfo, type CardKey } from "../card/index.ts";

export type CardHash = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";
export const CARD_HASHES: CardHash[] = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];

const RSA_MECH: Record<CardHash, number> = {
  "SHA-1": pkcs11js.CKM_SHA1_RSA_PKCS,
  "SHA-256": pkcs11js.CKM_SHA256_RSA_PKCS,
  "SHA-384": pkcs11js.CKM_SHA384_RSA_PKCS,
  "SHA-512": pkcs11js.CKM_SHA512_RSA_PKCS,
};

/** What the card (or the way to it) refused, in words fit for evidence: the CKR code or the reason. */
export class CardRefusal extends Error {
  constructor(
    message: string,
    readonly ckr?: string,
  ) {
    super(message);
  }
}

function objectOf(s: { p11: pkcs11js.PKCS11; session: pkcs11js.Handle }, cls: number, id: string) {
  s.p11.C_FindObjectsInit(s.session, [
    { type: pkcs11js.CKA_CLASS, value: cls },
    { type: pkcs11js.CKA_ID, value: Buffer.from(id, "hex") },
  ]);
  try {
    return s.p11.C_FindObjects(s.session, 1)[0];
  } finally {
    s.p11.C_FindObjectsFinal(s.session);
  }
}

function refusal(err: unknown, what: string): CardRefusal {
  if (err instanceof CardRefusal) return err;
  const ckr = ckrName(err);
  return new CardRefusal(`${what}: ${ckr ?? (err as Error).message}`, ckr);
}

/** The key's certificate as stored on the card (DER), read without logging in. */
export function certificateFromCard(card: CardInfo, key: CardKey): Uint8Array {
  try {
    return withCardSession(card, (s) => {
      const h = objectOf(s, pkcs11js.CKO_CERTIFICATE, key.id);
      if (!h) throw new CardRefusal(`no certificate with CKA_ID ${key.id} (${key.label}) on the card`);
      const [v] = s.p11.C_GetAttributeValue(s.session, h, [{ type: pkcs11js.CKA_VALUE }]);
      return new Uint8Array(v!.value as Buffer);
    });
  } catch (err) {
    throw refusal(err, "reading the certificate from the card");
  }
}

/** An ECDSA signature as the card gives it (r‖s) in the DER SEQUENCE { r, s } that CMS and PAdES carry. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return v[0]! & 0x80 ? [0x02, v.length + 1, 0, ...v] : [0x02, v.length, ...v];
  };
  const body = [...int(raw.subarray(0, half)), ...int(raw.subarray(half))];
  return new Uint8Array(body.length < 128 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body]);
}

/**
 * Logs in with the PIN, signs `input` with the key (`input` is the data: the card hashes it, or for ECDSA the
 * harness hashes and the card signs the digest; `prehashed`: `input` is already the digest), logs out.
 */
export function signOnCard(
  card: CardInfo,
  key: CardKey,
  pin: string,
  input: Uint8Array,
  hash: CardHash,
  o: { prehashed?: boolean } = {},
): Uint8Array {
  try {
    return withCardSession(card, (s) => {
      try {
        s.p11.C_Login(s.session, pkcs11js.CKU_USER, pin);
      } catch (err) {
        throw refusal(err, "the card refused the login");
      }
      try {
        const k = objectOf(s, pkcs11js.CKO_PRIVATE_KEY, key.id);
        if (!k) throw new CardRefusal(`no private key with CKA_ID ${key.id} (${key.label}) on the card`);
        const digest = () =>
          o.prehashed ? input : createHash(hash.replace("-", "").toLowerCase()).update(input).digest();
        if (key.keyAlgorithm.startsWith("ec")) {
          s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_ECDSA }, k);
          return ecdsaRawToDer(new Uint8Array(s.p11.C_Sign(s.session, Buffer.from(digest()), Buffer.alloc(256))));
        }
        if (o.prehashed) {
          // CKM_RSA_PKCS signs what it is given: the DigestInfo of the digest
          s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_RSA_PKCS }, k);
          const info = Buffer.concat([DIGEST_INFO[hash], Buffer.from(input)]);
          return new Uint8Array(s.p11.C_Sign(s.session, info, Buffer.alloc(1024)));
        }
        s.p11.C_SignInit(s.session, { mechanism: RSA_MECH[hash] }, k);
        return new Uint8Array(s.p11.C_Sign(s.session, Buffer.from(input), Buffer.alloc(1024)));
      } catch (err) {
        throw refusal(err, "the card did not sign");
      } finally {
        try {
          s.p11.C_Logout(s.session);
        } catch {
          /* not logged in, or the card is gone */
        }
      }
    });
  } catch (err) {
    throw refusal(err, "the card");
  }
}

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1). */
const DIGEST_INFO: Record<CardHash, Buffer> = {
  "SHA-1": Buffer.from("3021300906052b0e03021a05000414", "hex"),
  "SHA-256": Buffer.from("3031300d060960864801650304020105000420", "hex"),
  "SHA-384": Buffer.from("3041300d060960864801650304020205000430", "hex"),
  "SHA-512": Buffer.from("3051300d060960864801650304020305000440", "hex"),
};
