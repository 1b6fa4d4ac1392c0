// The harness as the local signer of the http driver: the card signs data (the card or, for ECDSA, the harness
// hashes) and a digest given as is (prehashed: RSA through a DigestInfo, ECDSA directly), with RSA and EC keys;
// each signature verifies with the certificate read from the card. A wrong PIN is a refusal naming its CKR code.
import { createHash, verify, X509Certificate } from "node:crypto";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { provisionCard, type CardInfo } from "../card/index.ts";
import { testRoot, writeTestPki } from "../testing/card.ts";
import { CardRefusal, certificateFromCard, ecdsaRawToDer, signOnCard } from "./card-signer.ts";

const PIN = "27364518";
let card: CardInfo;
beforeAll(async () => {
  const root = testRoot("card-signer");
  card = await provisionCard({ pkiDir: await writeTestPki(root), outDir: join(root, "card"), pin: PIN });
}, 120_000);

describe("signing on the card for the http driver", () => {
  const data = new TextEncoder().encode("imzalanacak öznitelikler");
  const cases = [
    ["nes-rsa", "SHA-256", false],
    ["nes-rsa", "SHA-256", true],
    ["nes-rsa", "SHA-384", true],
    ["nes-ec", "SHA-256", false],
    ["nes-ec", "SHA-256", true],
  ] as const;
  it.each(cases)("%s %s prehashed=%s: verifies with the card's certificate", (label, hash, prehashed) => {
    const key = card.keys.find((k) => k.label === label)!;
    const cert = new X509Certificate(Buffer.from(certificateFromCard(card, key)));
    const alg = hash.replace("-", "").toLowerCase();
    const input = prehashed ? new Uint8Array(createHash(alg).update(data).digest()) : data;
    const sig = signOnCard(card, key, PIN, input, hash, { prehashed });
    expect(verify(alg, data, cert.publicKey, sig)).toBe(true);
    // and not over other data
    expect(verify(alg, new TextEncoder().encode("başka"), cert.publicKey, sig)).toBe(false);
  });
  it("a wrong PIN: a refusal naming CKR_PIN_INCORRECT, never the PIN", () => {
    const key = card.keys[0]!;
    let err: unknown;
    try {
      signOnCard(card, key, "00000000", data, "SHA-256");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CardRefusal);
    expect((err as CardRefusal).ckr).toBe("CKR_PIN_INCORRECT");
    expect((err as Error).message).not.toContain("00000000");
    // the card still works with the right PIN (one wrong try is not a lock)
    expect(signOnCard(card, key, PIN, data, "SHA-256").length).toBe(256);
  });
  it("r‖s becomes a DER SEQUENCE of two minimal INTEGERs (a leading 0 where the high bit is set)", () => {
    const r = new Uint8Array(32).fill(0);
    r[31] = 5;
    const s = new Uint8Array(32).fill(0xff);
    expect(Buffer.from(ecdsaRawToDer(new Uint8Array([...r, ...s]))).toString("hex")).toBe(
      `3026020105022100${"ff".repeat(32)}`,
    );
  });
});
