// A PKCS#11 client over pkcs11js for the harness's own use of a card (SO unlock, reference signing in
// tests). It goes through the interposer like any application, so its calls are traced and counted too.
import pkcs11js from "pkcs11js";
import type { CardInfo } from "./provision.ts";

export const CKU_SO = 0;
export const CKU_USER = 1;

/** The CKR_* name of a pkcs11js error, or undefined when it is not a PKCS#11 error. */
export function ckrName(err: unknown): string | undefined {
  if (err instanceof pkcs11js.Pkcs11Error) return /^CKR_[A-Z_]+/.exec(err.message)?.[0] ?? `0x${err.code.toString(16)}`;
  return undefined;
}

/** The card's token is not in any slot (absent, removed, or another card). */
export class NoTokenError extends Error {}

export interface CardSession {
  p11: pkcs11js.PKCS11;
  slot: pkcs11js.Handle;
  session: pkcs11js.Handle;
}

/** Runs fn with the client environment of the card applied to this process (the interposer reads it). */
export function withCardEnv<T>(card: CardInfo, fn: () => T): T {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(card.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Finds the card's token by label (SoftHSM moves a token to a random slot id) and opens an R/W session. */
export function withCardSession<T>(card: CardInfo, fn: (s: CardSession) => T): T {
  return withCardEnv(card, () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(card.module);
    p11.C_Initialize();
    try {
      const labelOf = (s: pkcs11js.Handle) => {
        try {
          return p11.C_GetTokenInfo(s).label.trim();
        } catch {
          return undefined; // a slot whose token is gone
        }
      };
      const slot = p11.C_GetSlotList(true).find((s) => card.tokenLabel === "" || labelOf(s) === card.tokenLabel);
      if (!slot) throw new NoTokenError(`card: no token labelled "${card.tokenLabel}" behind ${card.module}`);
      const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
      try {
        return fn({ p11, slot, session });
      } finally {
        p11.C_CloseSession(session);
      }
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
}

/** The card's SO-PIN is locked: nobody can unlock the user PIN any more (the card is dead, as a real one). */
export class SoPinLockedError extends Error {}

/** The SO sets the user PIN again (C_InitPIN), which resets the card's retry counter: a locked card works again.
 * A locked SO-PIN is said as such (SoPinLockedError) before any SO login is spent. */
export function unlockCard(card: CardInfo, newPin?: string): void {
  if (!card.soPin || !(newPin ?? card.pin))
    throw new Error(`card: ${card.dir} has no SO-PIN/PIN on record; cannot unlock`);
  const dead = () =>
    new SoPinLockedError(
      `card: the SO-PIN of token "${card.tokenLabel}" is locked (too many wrong SO-PINs): the user PIN can no longer be unlocked; the card is dead, as a real one would be (provision a new one with uyum card init)`,
    );
  withCardSession(card, ({ p11, slot, session }) => {
    if (p11.C_GetTokenInfo(slot).flags & pkcs11js.CKF_SO_PIN_LOCKED) throw dead();
    try {
      p11.C_Login(session, CKU_SO, card.soPin);
    } catch (err) {
      if (ckrName(err) === "CKR_PIN_LOCKED") throw dead(); // locked by another process meanwhile
      throw err;
    }
    try {
      p11.C_InitPIN(session, newPin ?? card.pin);
    } finally {
      p11.C_Logout(session);
    }
  });
}

/** Finds a private key on the card by its CKA_LABEL. */
export function findPrivateKey(s: CardSession, label: string): pkcs11js.Handle {
  s.p11.C_FindObjectsInit(s.session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_LABEL, value: label },
  ]);
  try {
    const found = s.p11.C_FindObjects(s.session, 2);
    if (found.length !== 1) throw new Error(`card: ${found.length} private keys labelled "${label}"`);
    return found[0];
  } finally {
    s.p11.C_FindObjectsFinal(s.session);
  }
}
