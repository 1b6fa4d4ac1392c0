// Initialises a SoftHSM2 token and writes key pairs to it in this process through pkcs11js, so the PIN and
// SO-PIN never reach a command line (softhsm2-util takes them only in argv or from a terminal). The key
// objects carry the attributes softhsm2-util --import gives them, so a card is the same as before.
import { createPrivateKey, type KeyObject } from "node:crypto";
import pkcs11js from "pkcs11js";
import { UserError } from "../core/errors.ts";

export interface KeyToWrite {
  /** PKCS#8 PEM (or any form node's createPrivateKey reads) */
  keyPem: string | Buffer;
  label: string;
  /** CKA_ID, hex */
  id: string;
  /** where the key came from, for error messages */
  source?: string;
}

/** DER of the named curves' OIDs (CKA_EC_PARAMS) */
const EC_PARAMS: Record<string, string> = {
  "P-256": "06082a8648ce3d030107",
  "P-384": "06052b81040022",
  "P-521": "06052b81040023",
};

const b64u = (s: string | undefined) => Buffer.from(s ?? "", "base64url");

/** DER OCTET STRING around bytes (CKA_EC_POINT holds the point that way). */
function octetString(bytes: Buffer): Buffer {
  const n = bytes.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([0x04]), len, bytes]);
}

/** The public and private key templates softhsm2-util --import uses for this key. */
export function keyTemplates(k: KeyToWrite): { pub: pkcs11js.Template; priv: pkcs11js.Template } {
  let key: KeyObject;
  try {
    key = createPrivateKey(k.keyPem);
  } catch (err) {
    const where = k.source ? `${k.source}: the key` : "the key";
    throw new UserError(`${where} of "${k.label}" is not a private key node can read (${(err as Error).message})`);
  }
  const jwk = key.export({ format: "jwk" });
  const common = [
    { type: pkcs11js.CKA_LABEL, value: k.label },
    { type: pkcs11js.CKA_ID, value: Buffer.from(k.id, "hex") },
    { type: pkcs11js.CKA_TOKEN, value: true },
  ];
  const pubBase = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY }, ...common];
  const privBase = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    ...common,
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SIGN, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
  ];
  if (key.asymmetricKeyType === "rsa") {
    const type = { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA };
    const modulus = { type: pkcs11js.CKA_MODULUS, value: b64u(jwk.n) };
    const exponent = { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: b64u(jwk.e) };
    return {
      pub: [...pubBase, type, { type: pkcs11js.CKA_VERIFY, value: true }, modulus, exponent],
      priv: [
        ...privBase,
        type,
        modulus,
        exponent,
        { type: pkcs11js.CKA_PRIVATE_EXPONENT, value: b64u(jwk.d) },
        { type: pkcs11js.CKA_PRIME_1, value: b64u(jwk.p) },
        { type: pkcs11js.CKA_PRIME_2, value: b64u(jwk.q) },
        { type: pkcs11js.CKA_EXPONENT_1, value: b64u(jwk.dp) },
        { type: pkcs11js.CKA_EXPONENT_2, value: b64u(jwk.dq) },
        { type: pkcs11js.CKA_COEFFICIENT, value: b64u(jwk.qi) },
      ],
    };
  }
  const params = key.asymmetricKeyType === "ec" ? EC_PARAMS[jwk.crv ?? ""] : undefined;
  if (!params)
    throw new UserError(
      `key of "${k.label}": ${key.asymmetricKeyType} ${jwk.crv ?? ""} keys cannot be put on the card`,
    );
  const type = { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC };
  const ecParams = { type: pkcs11js.CKA_EC_PARAMS, value: Buffer.from(params, "hex") };
  const noCipher = [pkcs11js.CKA_ENCRYPT, pkcs11js.CKA_WRAP, pkcs11js.CKA_DECRYPT, pkcs11js.CKA_UNWRAP];
  const off = (types: number[]) => types.map((t) => ({ type: t, value: false }));
  const point = octetString(Buffer.concat([Buffer.from([0x04]), b64u(jwk.x), b64u(jwk.y)]));
  return {
    pub: [
      ...pubBase,
      type,
      { type: pkcs11js.CKA_VERIFY, value: true },
      ...off(noCipher.slice(0, 2)),
      ecParams,
      { type: pkcs11js.CKA_EC_POINT, value: point },
    ],
    priv: [...privBase, type, ...off(noCipher.slice(2)), ecParams, { type: pkcs11js.CKA_VALUE, value: b64u(jwk.d) }],
  };
}

/** Runs fn with SOFTHSM2_CONF set for this process (SoftHSM reads it in C_Initialize). */
function withSofthsmConf<T>(conf: string, fn: () => T): T {
  const saved = process.env.SOFTHSM2_CONF;
  process.env.SOFTHSM2_CONF = conf;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = saved;
  }
}

/**
 * Initialises the store's free token (SoftHSM always keeps one) with label, SO-PIN and user PIN, and writes each
 * key pair to it. Returns the token's serial. The module is loaded directly (not through the interposer), as
 * softhsm2-util did: provisioning costs no PIN tries and leaves no trace.
 */
export function initTokenWithKeys(
  module: string,
  softhsmConf: string,
  opts: { label: string; pin: string; soPin: string; keys: KeyToWrite[] },
): string {
  const templates = opts.keys.map(keyTemplates); // bad key material fails before the token is touched
  return withSofthsmConf(softhsmConf, () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(module);
    try {
      p11.C_Initialize();
    } catch (err) {
      p11.close();
      // SoftHSM is one per process: initialised by another user here, it would write to that one's store
      if (err instanceof pkcs11js.Pkcs11Error && err.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)
        throw new Error(`card: SoftHSM is already in use in this process; a card cannot be provisioned meanwhile`);
      throw new Error(`card: SoftHSM did not start with ${softhsmConf}: ${(err as Error).message}`);
    }
    try {
      const free = p11
        .C_GetSlotList(true)
        .find((s) => (p11.C_GetTokenInfo(s).flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0);
      if (free === undefined) throw new Error(`card: SoftHSM (${softhsmConf}) offers no free token`);
      // a token label is 32 bytes, blank-padded
      const padded = opts.label + " ".repeat(32 - Buffer.byteLength(opts.label));
      p11.C_InitToken(free, opts.soPin, padded);
      // SoftHSM gives an initialised token a new slot id: find it again by its label
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === opts.label);
      if (slot === undefined) throw new Error(`card: token "${opts.label}" not found after C_InitToken`);
      const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
      try {
        p11.C_Login(session, pkcs11js.CKU_SO, opts.soPin);
        p11.C_InitPIN(session, opts.pin);
        p11.C_Logout(session);
        p11.C_Login(session, pkcs11js.CKU_USER, opts.pin);
        for (const t of templates) {
          p11.C_CreateObject(session, t.pub);
          p11.C_CreateObject(session, t.priv);
        }
        p11.C_Logout(session);
      } finally {
        p11.C_CloseSession(session);
      }
      return p11.C_GetTokenInfo(slot).serialNumber.trim();
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
}
