// The trace questions, asked of traces that real pkcs11js sessions leave through the interposer, plus the
// parts that need exact times (PIN "cached N minutes") on hand-written traces.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ckrName, CKU_USER, findPrivateKey, unlockCard, withCardSession, type CardSession } from "./p11.ts";
import { provisionCard, type CardInfo } from "./provision.ts";
import { testRoot, writeTestPki } from "../testing/card.ts";
import {
  authorisations,
  certificatesReadFromCard,
  formatEvent,
  loginBeforeEachSign,
  parseTrace,
  pinPolicy,
  reactionTo,
  readTrace,
  whichKeySigned,
} from "./trace.ts";

let root: string;
let card: CardInfo;

beforeAll(async () => {
  root = testRoot("trace");
  card = await provisionCard({
    pkiDir: await writeTestPki(root),
    outDir: join(root, "card"),
    certLabels: ["nes-rsa", "nes-ec"],
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
// each test starts with an empty trace; the old one is kept aside for the PIN scan at the end
const allTraces = () => join(root, "all-traces.jsonl");
beforeEach(() => {
  const t = join(card.dir, "trace.jsonl");
  try {
    appendFileSync(allTraces(), readFileSync(t));
  } catch {
    // no trace yet
  }
  writeFileSync(t, "");
});

function sign(s: CardSession, label: string, data: string): void {
  const ec = label.endsWith("-ec");
  s.p11.C_SignInit(
    s.session,
    { mechanism: ec ? pkcs11js.CKM_ECDSA : pkcs11js.CKM_SHA256_RSA_PKCS },
    findPrivateKey(s, label),
  );
  s.p11.C_Sign(s.session, Buffer.from(data), Buffer.alloc(ec ? 72 : 256));
}
const login = (s: CardSession) => s.p11.C_Login(s.session, CKU_USER, card.pin);
const logout = (s: CardSession) => s.p11.C_Logout(s.session);

describe("PIN per signature, per N signatures, once", () => {
  it("a login before every signature", () => {
    withCardSession(card, (s) => {
      for (let i = 0; i < 3; i++) {
        login(s);
        sign(s, "nes-rsa", `doc ${i}`);
        logout(s);
      }
    });
    const trace = readTrace(card.dir);
    expect(loginBeforeEachSign(trace)).toBe(true);
    expect(pinPolicy(trace)).toMatchObject({
      mode: "per-signature",
      signatures: 3,
      logins: 3,
      maxSignaturesPerLogin: 1,
    });
  });

  it("one login for two signatures, twice", () => {
    withCardSession(card, (s) => {
      for (let i = 0; i < 2; i++) {
        login(s);
        sign(s, "nes-rsa", `a${i}`);
        sign(s, "nes-rsa", `b${i}`);
        logout(s);
      }
    });
    const trace = readTrace(card.dir);
    expect(loginBeforeEachSign(trace)).toBe(false);
    expect(pinPolicy(trace)).toMatchObject({
      mode: "per-n-signatures",
      signatures: 4,
      logins: 2,
      maxSignaturesPerLogin: 2,
    });
    expect(authorisations(trace).map((a) => a.signaturesSinceLogin)).toEqual([0, 1, 0, 1]);
  });

  it("one login for everything; a new process must log in again", () => {
    withCardSession(card, (s) => {
      login(s);
      for (let i = 0; i < 3; i++) sign(s, "nes-rsa", `doc ${i}`);
    });
    expect(pinPolicy(readTrace(card.dir))).toMatchObject({
      mode: "once",
      signatures: 3,
      logins: 1,
      maxSignaturesPerLogin: 3,
    });
    // C_Finalize ended the login: in a new session the card hides its private keys until C_Login
    const keys = withCardSession(card, (s) => {
      s.p11.C_FindObjectsInit(s.session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
      const found = s.p11.C_FindObjects(s.session, 10);
      s.p11.C_FindObjectsFinal(s.session);
      return found.length;
    });
    expect(keys).toBe(0);
    expect(pinPolicy(readTrace(card.dir)).signatures).toBe(3);
  });

  it("how long a login was reused (hand-written trace: exact times)", () => {
    const at = (min: number) => new Date(Date.UTC(2026, 0, 15, 10, min)).toISOString();
    const lines = [
      { t: at(0), pid: 7, fn: "C_Login", user: "CKU_USER", pin_given: true, rv: "CKR_OK" },
      { t: at(1), pid: 7, fn: "C_Sign", session: 1, in_len: 32, out_len: 256, rv: "CKR_OK" },
      { t: at(6), pid: 7, fn: "C_Sign", session: 1, in_len: 32, out_len: 256, rv: "CKR_OK" },
      { t: at(20), pid: 7, fn: "C_Logout", session: 1, rv: "CKR_OK" },
      { t: at(21), pid: 7, fn: "C_Sign", session: 1, in_len: 32, rv: "CKR_USER_NOT_LOGGED_IN" },
    ];
    const trace = parseTrace(lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(pinPolicy(trace)).toMatchObject({ mode: "once", signatures: 2, maxMsLoginReused: 6 * 60_000 });
  });
});

describe("keys, certificates, reactions", () => {
  it("which key signed which data, with several keys on the card", () => {
    withCardSession(card, (s) => {
      login(s);
      sign(s, "nes-rsa", "kısa");
      sign(s, "nes-ec", "0123456789abcdef0123456789abcdef");
      s.p11.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, findPrivateKey(s, "nes-rsa"));
      s.p11.C_SignUpdate(s.session, Buffer.alloc(1000));
      s.p11.C_SignUpdate(s.session, Buffer.alloc(24));
      s.p11.C_SignFinal(s.session, Buffer.alloc(256));
    });
    const uses = whichKeySigned(readTrace(card.dir));
    expect(uses.map((u) => [u.label, u.id, u.mech, u.dataLength, u.signatureLength])).toEqual([
      ["nes-rsa", "01", "CKM_SHA256_RSA_PKCS", Buffer.byteLength("kısa"), 256],
      ["nes-ec", "02", "CKM_ECDSA", 32, 64],
      ["nes-rsa", "01", "CKM_SHA256_RSA_PKCS", 1024, 256],
    ]);
  });

  it("certificates read from the card: values fetched, not sizes or searches", () => {
    withCardSession(card, (s) => {
      s.p11.C_FindObjectsInit(s.session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
      const certs = s.p11.C_FindObjects(s.session, 10);
      s.p11.C_FindObjectsFinal(s.session);
      expect(certs.length).toBe(2);
      // sizes only: not a read
      for (const c of certs) s.p11.C_GetAttributeValue(s.session, c, [{ type: pkcs11js.CKA_LABEL }]);
      // the value of the second certificate: a read
      s.p11.C_GetAttributeValue(s.session, certs[1], [{ type: pkcs11js.CKA_VALUE }]);
    });
    const reads = certificatesReadFromCard(readTrace(card.dir));
    expect(reads).toHaveLength(1);
    expect(["nes-rsa", "nes-ec"]).toContain(reads[0].label);
  });

  it("what the application did after CKR_PIN_INCORRECT, CKR_PIN_LOCKED and CKR_DEVICE_REMOVED", () => {
    const outcome = (f: () => void) => {
      try {
        f();
        return "CKR_OK";
      } catch (err) {
        return ckrName(err);
      }
    };
    withCardSession(card, (s) => {
      // wrong PIN; the app shows the tries left (C_GetTokenInfo), then the user types it right
      expect(outcome(() => s.p11.C_Login(s.session, CKU_USER, "00000000"))).toBe("CKR_PIN_INCORRECT");
      s.p11.C_GetTokenInfo(s.slot);
      login(s);
      logout(s);
      // three wrong PINs lock the card; the app then closes its session
      for (let i = 0; i < 3; i++) {
        s.p11.C_GetTokenInfo(s.slot);
        outcome(() => s.p11.C_Login(s.session, CKU_USER, "00000000"));
      }
      expect(outcome(() => login(s))).toBe("CKR_PIN_LOCKED");
    });
    const trace = readTrace(card.dir);
    const incorrect = reactionTo(trace, "CKR_PIN_INCORRECT");
    expect(incorrect.map((r) => [r.reaction, r.checkedToken])).toEqual([
      ["retried", true],
      ["retried", true],
      ["retried", true],
      ["retried", false],
    ]);
    const locked = reactionTo(trace, "CKR_PIN_LOCKED");
    expect(locked.map((r) => [r.reaction, r.next?.fn])).toEqual([["closed", "C_CloseSession"]]);
    expect(reactionTo(trace, "CKR_DEVICE_REMOVED")).toEqual([]);
    // put the card back in order for the rest of the file
    unlockCard(card);
  });

  it("every traced line reads as one line, and a broken trace is named", () => {
    withCardSession(card, (s) => {
      login(s);
      sign(s, "nes-rsa", "x");
    });
    const trace = readTrace(card.dir);
    const text = trace.map(formatEvent);
    expect(text.every((l) => !l.includes("\n") && / -> CKR_[A-Z_]+$/.test(l))).toBe(true);
    expect(text.find((l) => l.includes("C_Login"))).toMatch(
      /C_Login session=\d+ user=CKU_USER pin=given tries_left=3 -> CKR_OK/,
    );
    expect(() => parseTrace('{"fn":"C_Sign","rv":"CKR_OK","pid":1}\nnot json\n', "x.jsonl")).toThrow(
      "x.jsonl: line 2 is not JSON",
    );
    expect(() => parseTrace('{"fn":"C_Sign"}\n', "y.jsonl")).toThrow("y.jsonl: line 1 lacks fn, rv or pid");
  });
});

describe("no PIN in the traces of this file", () => {
  it("finds neither the PIN nor the SO-PIN in any trace line written above", () => {
    const text = readFileSync(allTraces(), "utf8");
    expect(text.split("\n").filter((l) => l.includes('"fn":"C_Login"')).length).toBeGreaterThan(10);
    expect(text.includes(card.pin!)).toBe(false);
    expect(text.includes(card.soPin!)).toBe(false);
    expect(text.includes("00000000")).toBe(false); // the wrong PIN typed above
  });
});
