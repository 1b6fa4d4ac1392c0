// Provisioning a card hands its PINs to the tools without putting them on a command line (argv is readable by
// every user in /proc). The tools are run through a PATH shim that records each command line, then the card's
// PINs and SO-PINs are looked for in the record. The objects on the card are checked to be what signing needs.
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCardEnv, withCardSession } from "./p11.ts";
import { SOFTHSM_MODULE } from "./paths.ts";
import { loadCard, provisionCard, tokenOf, tokensOf, type CardInfo } from "./provision.ts";
import { Runner, testRoot, writeTestPki } from "../testing/card.ts";

const TOOLS = ["softhsm2-util", "pkcs11-tool"];
const runner = new Runner();
let root: string;
let argvLog: string;
let card: CardInfo;
let pkiDir: string;
let shimEnv: Record<string, string>;

/** A directory of shims, one per tool, each appending its command line to log before running the real tool. */
function writeShims(dir: string, log: string): void {
  mkdirSync(dir, { recursive: true });
  for (const tool of TOOLS) {
    const real = execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();
    const shim = join(dir, tool);
    writeFileSync(
      shim,
      `#!/bin/sh\nprintf '%s ' "${tool}" "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${real}' "$@"\n`,
    );
    chmodSync(shim, 0o755);
  }
}

beforeAll(async () => {
  root = testRoot("argv");
  pkiDir = await writeTestPki(root);
  argvLog = join(root, "argv.log");
  const shims = join(root, "shims");
  writeShims(shims, argvLog);
  const env = { PATH: `${shims}:${process.env.PATH ?? ""}` };
  shimEnv = env;
  const out = join(root, "card");
  // random PINs (no --pin): uyum's own command line holds none either
  const first = runner.uyum(["card", "init", "--pki", pkiDir, "--out", out, "--with-chain"], { env });
  expect(first.code, first.stderr).toBe(0);
  const add = ["card", "init", "--pki", pkiDir, "--out", out, "--add", "--label", "kart-b", "--cert", "nes-ec"];
  const second = runner.uyum(add, { env });
  expect(second.code, second.stderr).toBe(0);
  card = loadCard(out);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("no PIN on a command line while provisioning", () => {
  it("uyum card init and card init --add run their tools with neither the PIN nor the SO-PIN in argv", () => {
    const tokens = tokensOf(card);
    expect(tokens.map((t) => t.label)).toEqual(["uyum-card", "kart-b"]);
    const secrets = tokens.flatMap((t) => [t.pin!, t.soPin!]);
    expect(secrets.every((s) => /^\d{8}$/.test(s))).toBe(true);
    // the shims were in the way: the tools provisioning runs went through them and were recorded
    expect(existsSync(argvLog)).toBe(true);
    const lines = readFileSync(argvLog, "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const s of secrets) {
      const hits = lines.filter((l) => l.includes(s));
      expect(
        hits.map((l) => l.split(" ").slice(0, 2).join(" ")),
        `a PIN of the card on a command line`,
      ).toEqual([]);
    }
  });

  it("each token holds, per key, a signing private key (sensitive, not extractable), its public key and certificate", () => {
    const attrs = (s: { p11: pkcs11js.PKCS11; session: pkcs11js.Handle }, cls: number, id: string) => {
      s.p11.C_FindObjectsInit(s.session, [
        { type: pkcs11js.CKA_CLASS, value: cls },
        { type: pkcs11js.CKA_ID, value: Buffer.from(id, "hex") },
      ]);
      const found = s.p11.C_FindObjects(s.session, 10);
      s.p11.C_FindObjectsFinal(s.session);
      expect(found.length, `class ${cls} id ${id}`).toBe(1);
      const flag = (type: number) => {
        const [a] = s.p11.C_GetAttributeValue(s.session, found[0], [{ type }]);
        return (a.value as Buffer)[0] === 1;
      };
      const [label] = s.p11.C_GetAttributeValue(s.session, found[0], [{ type: pkcs11js.CKA_LABEL }]);
      return { label: (label.value as Buffer).toString(), flag };
    };
    for (const t of tokensOf(card)) {
      const one = tokenOf(card, t.label);
      withCardSession(one, (s) => {
        s.p11.C_Login(s.session, pkcs11js.CKU_USER, one.pin!);
        for (const k of one.keys) {
          const priv = attrs(s, pkcs11js.CKO_PRIVATE_KEY, k.id);
          expect(priv.label).toBe(k.label);
          const p = (a: number) => priv.flag(a);
          expect([pkcs11js.CKA_SIGN, pkcs11js.CKA_SENSITIVE, pkcs11js.CKA_PRIVATE, pkcs11js.CKA_TOKEN].map(p)).toEqual([
            true,
            true,
            true,
            true,
          ]);
          expect(p(pkcs11js.CKA_EXTRACTABLE)).toBe(false);
          // as softhsm2-util --import: an EC key is for signing only (RSA keeps SoftHSM's defaults)
          if (k.keyAlgorithm.startsWith("ecdsa"))
            expect([pkcs11js.CKA_DECRYPT, pkcs11js.CKA_UNWRAP].map(p)).toEqual([false, false]);
          const pub = attrs(s, pkcs11js.CKO_PUBLIC_KEY, k.id);
          expect(pub.label).toBe(k.label);
          expect(pub.flag(pkcs11js.CKA_VERIFY)).toBe(true);
          if (k.keyAlgorithm.startsWith("ecdsa"))
            expect([pkcs11js.CKA_ENCRYPT, pkcs11js.CKA_WRAP].map((a) => pub.flag(a))).toEqual([false, false]);
          expect(attrs(s, pkcs11js.CKO_CERTIFICATE, k.id).label).toBe(k.label);
        }
        for (const c of one.chain) expect(attrs(s, pkcs11js.CKO_CERTIFICATE, c.id).label).toBe(c.label);
      });
    }
    expect(tokenOf(card, "uyum-card").chain.length).toBeGreaterThan(0);
  });

  it("a key file that is no key is named, and the card directory gets no token", () => {
    const broken = join(root, "pki-broken");
    cpSync(pkiDir, broken, { recursive: true });
    const keyFile = join(broken, "keys", "nes-rsa.key.pem");
    writeFileSync(keyFile, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    const out = join(root, "card-broken");
    const r = runner.uyum(["card", "init", "--pki", broken, "--out", out, "--cert", "nes-rsa"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${keyFile}: the key of "nes-rsa" is not a private key`);
    expect(existsSync(join(out, "card.json"))).toBe(false);
    // the key is read before the token is initialised: the store's only token is still the free one
    expect(readdirSync(join(out, "tokens"))).toEqual([]);
  });

  it("--pin-env and --so-pin-env take chosen PINs from the environment: uyum's command line names only the variables, no tool's holds them", () => {
    const out = join(root, "card-env");
    const pins = { UYUM_T_PIN: "13572468", UYUM_T_SO_PIN: "86427531" };
    const args = ["card", "init", "--pki", pkiDir, "--out", out, "--cert", "nes-ec"];
    const r = runner.uyum([...args, "--pin-env", "UYUM_T_PIN", "--so-pin-env", "UYUM_T_SO_PIN"], {
      env: { ...shimEnv, ...pins },
    });
    expect(r.code, r.stderr).toBe(0);
    const made = loadCard(out);
    expect([made.pin, made.soPin]).toEqual([pins.UYUM_T_PIN, pins.UYUM_T_SO_PIN]);
    const log = readFileSync(argvLog, "utf8");
    expect(log).toContain(out); // this run's tools were recorded
    for (const p of Object.values(pins)) expect(log.includes(p), "a chosen PIN on a command line").toBe(false);
    // the variable must hold a PIN, and a PIN is given one way
    const unset = runner.uyum([...args.slice(0, 5), `${out}-2`, "--pin-env", "UYUM_T_NOT_SET"]);
    expect([unset.code, unset.stderr.trim()]).toEqual([
      2,
      expect.stringContaining("--pin-env UYUM_T_NOT_SET: the environment variable UYUM_T_NOT_SET is not set or empty"),
    ]);
    const both = runner.uyum(
      [...args.slice(0, 5), `${out}-3`, "--so-pin", "12341234", "--so-pin-env", "UYUM_T_SO_PIN"],
      {
        env: pins,
      },
    );
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining("give the PIN one way, not both")]);
  });

  it("refuses to provision while SoftHSM is initialised by someone else in this process (it would write to that store)", async () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(SOFTHSM_MODULE);
    withCardEnv(card, () => p11.C_Initialize());
    try {
      const busy = provisionCard({ pkiDir, outDir: join(root, "card-busy"), certLabels: ["nes-ec"] });
      await expect(busy).rejects.toThrow("SoftHSM is already in use in this process");
      // the other card's store is as it was: its two tokens and the free one
      const labels = p11.C_GetSlotList(true).map((slot) => p11.C_GetTokenInfo(slot).label.trim());
      expect(labels.sort()).toEqual(["", "kart-b", "uyum-card"]);
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
});
