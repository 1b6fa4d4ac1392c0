// The assessor's own card for a campaign: the vendor's PKCS#11 module wrapped by the interposer (traced like the
// virtual card, PIN counting left to the card), its token found, the PIN checked once, its certificates read
// from the token. The PIN stays in memory: card.json on disk never holds it.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { UserError } from "../core/errors.ts";
import { CKU_USER, ckrName, withCardSession } from "./p11.ts";
import { configureVendorModule, listReaders, type Reader } from "./pcsc.ts";
import type { CardInfo, CardKey } from "./provision.ts";

export interface RealCardOptions {
  vendorModule: string;
  outDir: string;
  token?: string;
  pin: string;
  /**
   * Where the drivers look for a key's certificate files (a PKI directory: certs/LABEL.pem, chains/LABEL.chain.pem):
   * the card's own certificates are written there, its other certificates (its CAs) as the chain.
   */
  certsDir: string;
}

function objects(p11: pkcs11js.PKCS11, session: pkcs11js.Handle, cls: number): pkcs11js.Handle[] {
  p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: cls }]);
  try {
    const all: pkcs11js.Handle[] = [];
    for (let batch = p11.C_FindObjects(session, 32); batch.length > 0; batch = p11.C_FindObjects(session, 32))
      all.push(...batch);
    return all;
  } finally {
    p11.C_FindObjectsFinal(session);
  }
}

const attr = (p11: pkcs11js.PKCS11, s: pkcs11js.Handle, o: pkcs11js.Handle, type: number): Buffer | undefined => {
  try {
    return p11.C_GetAttributeValue(s, o, [{ type }])[0]?.value as Buffer | undefined;
  } catch {
    return undefined; // an attribute the object does not have
  }
};

/** Opens the real card: wraps the module, finds the token, checks the PIN once, reads the signing certificates. */
export async function openRealCard(o: RealCardOptions): Promise<CardInfo> {
  const vendor = await configureVendorModule({ vendorModule: o.vendorModule, outDir: o.outDir, tokenLabel: o.token });
  return withCardSession(vendor, ({ p11, slot, session }) => {
    const tokenLabel = p11.C_GetTokenInfo(slot).label.trim();
    try {
      p11.C_Login(session, CKU_USER, o.pin);
    } catch (e) {
      const rv = ckrName(e);
      if (rv === "CKR_PIN_INCORRECT")
        throw new UserError(`card ${tokenLabel}: the PIN given is wrong (the card has counted this try)`);
      if (rv === "CKR_PIN_LOCKED") throw new UserError(`card ${tokenLabel}: the PIN is locked; unblock it first`);
      throw e;
    }
    try {
      // a signing key is a private key with CKA_SIGN and a certificate under the same CKA_ID
      const keyIds = new Set(
        objects(p11, session, pkcs11js.CKO_PRIVATE_KEY)
          .filter((k) => attr(p11, session, k, pkcs11js.CKA_SIGN)?.[0] !== 0)
          .map((k) => attr(p11, session, k, pkcs11js.CKA_ID)?.toString("hex") ?? ""),
      );
      const keys: CardKey[] = [];
      const certs = objects(p11, session, pkcs11js.CKO_CERTIFICATE).flatMap((c) => {
        const der = attr(p11, session, c, pkcs11js.CKA_VALUE);
        if (!der) return [];
        const label = attr(p11, session, c, pkcs11js.CKA_LABEL)?.toString("utf8") ?? "";
        return [
          { id: attr(p11, session, c, pkcs11js.CKA_ID)?.toString("hex") ?? "", label, cert: new X509Certificate(der) },
        ];
      });
      mkdirSync(join(o.certsDir, "certs"), { recursive: true });
      mkdirSync(join(o.certsDir, "chains"), { recursive: true });
      for (const { id, label, cert } of certs) {
        if (!keyIds.has(id)) continue; // a CA certificate, or one without its key on this card
        // the label names files: one that cannot be a file name gives way to the CKA_ID
        // (or that a campaign PKI certificate already has: the card's must not replace it)
        const fits = /^[\w .@()-]{1,100}$/.test(label) && !existsSync(join(o.certsDir, "certs", `${label}.pem`));
        const name = fits ? label : `card-${id}`;
        const others = certs.filter((x) => x.cert !== cert && cert.checkIssued(x.cert)).map((x) => x.cert.toString());
        writeFileSync(join(o.certsDir, "certs", `${name}.pem`), cert.toString());
        writeFileSync(join(o.certsDir, "chains", `${name}.chain.pem`), [cert.toString(), ...others].join(""));
        keys.push({
          label: name,
          id,
          keyAlgorithm: cert.publicKey.asymmetricKeyType ?? "unknown",
          subject: cert.subject.replace(/\n/g, ", "),
        });
      }
      if (keys.length === 0)
        throw new UserError(
          `card ${tokenLabel}: no signing key with its certificate on the token (nothing to sign with)`,
        );
      return {
        ...vendor,
        tokenLabel,
        pin: o.pin,
        keys,
        tokens: [{ label: tokenLabel, keys, chain: [] }],
      };
    } finally {
      p11.C_Logout(session);
    }
  });
}

/** The reader a profile names: an exact name, or the one reader whose name contains it. */
export async function findReader(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ reader?: Reader; problem?: string }> {
  const readers = await listReaders(env);
  if (readers.length === 0) return { problem: "pcscd lists no reader (is pcscd running and the reader plugged in?)" };
  const exact = readers.find((r) => r.name === name);
  const partial = readers.filter((r) => r.name.includes(name));
  const reader = exact ?? (partial.length === 1 ? partial[0] : undefined);
  if (!reader)
    return {
      problem: `no reader "${name}" (${partial.length > 1 ? "several match" : "pcscd lists"}: ${readers.map((r) => r.name).join("; ")})`,
    };
  if (!reader.cardPresent) return { reader, problem: `no card in the reader "${reader.name}"` };
  return { reader };
}
