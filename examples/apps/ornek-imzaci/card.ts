// The agent's side of the card: PKCS#11 only (pkcs11js on the module it is given, i.e. the interposer in front
// of the card). Certificates are read from the card; every signature value comes from C_Sign on the card, the
// key never leaves it. Card errors become the agent's error vocabulary (PIN_INCORRECT, PIN_LOCKED, …).
import { createHash } from "node:crypto";
import pkcs11js from "pkcs11js";
import type { HashName, KeyAlgorithm, Signer } from "../../../harness/sign/index.ts";

export type AgentErrorCode =
  | "PIN_INCORRECT"
  | "PIN_LOCKED"
  | "CARD_REMOVED"
  | "NO_CARD"
  | "USER_CANCELLED"
  | "DOCUMENT_REFUSED"
  | "TIMEOUT"
  | "CERT_EXPIRED"
  | "CERT_REVOKED"
  | "CERT_NOT_QUALIFIED"
  | "CERT_UNTRUSTED"
  | "REVOCATION_UNKNOWN"
  | "REVOCATION_INVALID"
  | "BAD_REQUEST"
  | "INTERNAL";

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface CardCertificate {
  /** CKA_ID, hex */
  id: string;
  label: string;
  der: Uint8Array;
  keyAlgorithm: KeyAlgorithm;
}

function ckr(err: unknown): string | undefined {
  if (err instanceof pkcs11js.Pkcs11Error) return /^CKR_[A-Z_]+/.exec(err.message)?.[0];
  return undefined;
}

/** Raw r||s (PKCS#11 CKM_ECDSA output) as a DER Ecdsa-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0]! & 0x80) v = Uint8Array.from([0, ...v]);
    return Uint8Array.from([0x02, v.length, ...v]);
  };
  const body = [...int(raw.subarray(0, half)), ...int(raw.subarray(half))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

const RSA_MECH: Record<HashName, number> = {
  "SHA-1": pkcs11js.CKM_SHA1_RSA_PKCS,
  "SHA-256": pkcs11js.CKM_SHA256_RSA_PKCS,
  "SHA-384": pkcs11js.CKM_SHA384_RSA_PKCS,
  "SHA-512": pkcs11js.CKM_SHA512_RSA_PKCS,
};

export interface PinStatus {
  locked: boolean;
  finalTry: boolean;
  countLow: boolean;
}

// PKCS#11 allows one C_Initialize per process and module: agents in one process (tests) share it.
const loaded = new Map<string, { p11: pkcs11js.PKCS11; users: number }>();
function openModule(module: string): pkcs11js.PKCS11 {
  let m = loaded.get(module);
  if (!m) {
    const p11 = new pkcs11js.PKCS11();
    p11.load(module);
    p11.C_Initialize();
    m = { p11, users: 0 };
    loaded.set(module, m);
  }
  m.users++;
  return m.p11;
}
function closeModule(module: string): void {
  const m = loaded.get(module);
  if (!m || --m.users > 0) return;
  loaded.delete(module);
  try {
    m.p11.C_Finalize();
  } catch {
    /* already gone */
  }
  m.p11.close();
}

/** One PKCS#11 module loaded for the agent's lifetime; each operation finds the token again (cards come and go). */
export class Card {
  private p11: pkcs11js.PKCS11;
  /** the session kept logged in by the "pin-cached" flaw */
  private cached?: pkcs11js.Handle;

  constructor(
    readonly module: string,
    readonly tokenLabel?: string,
  ) {
    this.p11 = openModule(module);
  }

  close(): void {
    closeModule(this.module);
  }

  private slot(): pkcs11js.Handle {
    let slots: pkcs11js.Handle[];
    try {
      slots = this.p11.C_GetSlotList(true);
    } catch (err) {
      throw new AgentError("NO_CARD", `no card reader answers (${ckr(err) ?? String(err)})`);
    }
    for (const s of slots) {
      try {
        const label = this.p11.C_GetTokenInfo(s).label.trim();
        if (!this.tokenLabel || label === this.tokenLabel) return s;
      } catch {
        /* a token that went away between the two calls */
      }
    }
    throw new AgentError("NO_CARD", "no card in the reader / kart takılı değil");
  }

  pinStatus(): PinStatus {
    const f = this.p11.C_GetTokenInfo(this.slot()).flags;
    return {
      locked: (f & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
      finalTry: (f & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
      countLow: (f & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0,
    };
  }

  certificates(): CardCertificate[] {
    const session = this.p11.C_OpenSession(this.slot(), pkcs11js.CKF_SERIAL_SESSION);
    try {
      this.p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
      const handles = this.p11.C_FindObjects(session, 64);
      this.p11.C_FindObjectsFinal(session);
      const out: CardCertificate[] = [];
      for (const h of handles) {
        const [id, label, value] = this.p11.C_GetAttributeValue(session, h, [
          { type: pkcs11js.CKA_ID },
          { type: pkcs11js.CKA_LABEL },
          { type: pkcs11js.CKA_VALUE },
        ]);
        const idHex = Buffer.from(id!.value as Buffer).toString("hex");
        if (idHex.startsWith("ca")) continue; // the issuer chain written to the card, not a signing certificate
        // the key type is the private key's, found by the shared CKA_ID
        this.p11.C_FindObjectsInit(session, [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
          { type: pkcs11js.CKA_ID, value: id!.value as Buffer },
        ]);
        const pub = this.p11.C_FindObjects(session, 1);
        this.p11.C_FindObjectsFinal(session);
        let keyAlgorithm: KeyAlgorithm = "rsa-2048";
        if (pub.length) {
          const [kt] = this.p11.C_GetAttributeValue(session, pub[0]!, [{ type: pkcs11js.CKA_KEY_TYPE }]);
          if (Buffer.from(kt!.value as Buffer)[0] === pkcs11js.CKK_EC) keyAlgorithm = "ecdsa-p256";
        }
        out.push({ id: idHex, label: String(label!.value), der: new Uint8Array(value!.value as Buffer), keyAlgorithm });
      }
      return out;
    } catch (err) {
      if (err instanceof AgentError) throw err;
      throw this.translate(err);
    } finally {
      try {
        this.p11.C_CloseSession(session);
      } catch {
        /* card gone */
      }
    }
  }

  translate(err: unknown): AgentError {
    const name = ckr(err);
    if (name === "CKR_PIN_INCORRECT") return new AgentError("PIN_INCORRECT", "wrong PIN / PIN hatalı");
    if (name === "CKR_PIN_LOCKED") return new AgentError("PIN_LOCKED", "the PIN is locked / PIN bloke oldu");
    if (name === "CKR_DEVICE_REMOVED" || name === "CKR_TOKEN_NOT_PRESENT" || name === "CKR_SESSION_HANDLE_INVALID")
      return new AgentError("CARD_REMOVED", "the card was removed / kart çıkarıldı");
    if (err instanceof AgentError) return err;
    if (name) return new AgentError("INTERNAL", `card error: ${name}`);
    return new AgentError("INTERNAL", err instanceof Error ? err.message : String(err));
  }

  /** Changes the user PIN: logs in with the old one, C_SetPIN, logs out. (`noop`: the pin-change-noop flaw.) */
  changePin(oldPin: string, newPin: string, noop = false): void {
    let session: pkcs11js.Handle;
    try {
      session = this.p11.C_OpenSession(this.slot(), pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    } catch (err) {
      throw this.translate(err);
    }
    try {
      this.p11.C_Login(session, pkcs11js.CKU_USER, oldPin);
      // the flaw: it logs in with the old PIN, says the PIN was changed, and never sets the new one
      if (!noop) this.p11.C_SetPIN(session, oldPin, newPin);
      this.p11.C_Logout(session);
    } catch (err) {
      throw this.translate(err);
    } finally {
      try {
        this.p11.C_CloseSession(session);
      } catch {
        /* card gone */
      }
    }
  }

  /**
   * Logs in with the PIN, hands a Signer over the chosen key to `use`, logs out. With `keepLoggedIn` (the
   * pin-cached flaw) the first login is kept and later calls pass no PIN at all.
   */
  withSigner<T>(cert: CardCertificate, pin: string | undefined, use: (s: Signer) => T, keepLoggedIn = false): T {
    let session: pkcs11js.Handle;
    if (keepLoggedIn && this.cached) session = this.cached;
    else {
      try {
        session = this.p11.C_OpenSession(this.slot(), pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
      } catch (err) {
        throw this.translate(err);
      }
      try {
        this.p11.C_Login(session, pkcs11js.CKU_USER, pin ?? "");
      } catch (err) {
        this.p11.C_CloseSession(session);
        const e = this.translate(err);
        if (e.code === "PIN_INCORRECT") {
          const st = this.pinStatus();
          throw new AgentError(
            st.locked ? "PIN_LOCKED" : "PIN_INCORRECT",
            st.locked ? "the PIN is locked / PIN bloke oldu" : "wrong PIN / PIN hatalı",
            { finalTry: st.finalTry, countLow: st.countLow },
          );
        }
        throw e;
      }
      if (keepLoggedIn) this.cached = session;
    }
    const p11 = this.p11;
    const key = (() => {
      p11.C_FindObjectsInit(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: Buffer.from(cert.id, "hex") },
      ]);
      const k = p11.C_FindObjects(session, 1);
      p11.C_FindObjectsFinal(session);
      if (!k.length) throw new AgentError("INTERNAL", `no private key for certificate ${cert.label} on the card`);
      return k[0]!;
    })();
    const signer: Signer = {
      label: cert.label,
      certDer: cert.der,
      keyAlgorithm: cert.keyAlgorithm,
      sign(data, hash) {
        try {
          if (cert.keyAlgorithm === "rsa-2048") {
            p11.C_SignInit(session, { mechanism: RSA_MECH[hash] }, key);
            return new Uint8Array(p11.C_Sign(session, Buffer.from(data), Buffer.alloc(512)));
          }

          const h = createHash(hash.replace("-", "").toLowerCase()).update(data).digest();
          p11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
          return ecdsaRawToDer(new Uint8Array(p11.C_Sign(session, h, Buffer.alloc(132))));
        } catch (err) {
          throw err instanceof AgentError ? err : new Card_SignError(err);
        }
      },
    };
    try {
      return use(signer);
    } catch (err) {
      if (err instanceof Card_SignError) throw this.translate(err.cause);
      throw err;
    } finally {
      if (!keepLoggedIn) {
        try {
          p11.C_Logout(session);
        } catch {
          /* card gone */
        }
        try {
          p11.C_CloseSession(session);
        } catch {
          /* idem */
        }
      }
    }
  }
}

class Card_SignError extends Error {
  constructor(readonly cause: unknown) {
    super("card signing failed");
  }
}
