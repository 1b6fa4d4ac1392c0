// The command line's card flaws, each beside the good command: pin-stored (a PIN kept from the first signing),
// first-token-always (the first application of a multi-application card), pin-change-noop (a PIN change that
// changes nothing). flaws.test.ts counts a flaw as shown when this file runs it with --flaw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { provisionCard, readTrace, tokenOf, traceMark, type CardInfo } from "../../../harness/card/index.ts";
import { pinOpens } from "../../../harness/sessions/change-pin.ts";
import { multiApplicationCard, OTHER_APPLICATION } from "../../../harness/sessions/multi-application.ts";
import { parseCert, pemOrDer, validateBytes } from "../../../harness/ades/index.ts";
import { EXIT } from "./cli.ts";
import { startWorld, type World } from "./testing.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin", "ornek-imzaci");
const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "samples");
let w: World;

beforeAll(async () => {
  w = await startWorld(["nes-rsa", "nes-ec", "nes-ec-chain"]);
});
afterAll(async () => {
  await w?.stop();
});

const run = (args: string[], stdin: string, o: { card?: CardInfo; cwd?: string } = {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(BIN, args, { env: { ...process.env, ...(o.card ?? w.card).env }, cwd: o.cwd });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
    p.stdin.end(stdin);
  });
const sign = (card: CardInfo, out: string, flaw: string[]) => [
  "sign",
  "--in",
  join(SAMPLES, "not.txt"),
  "--out",
  out,
  "--format",
  "cades-bes",
  "--module",
  card.module,
  "--token",
  card.tokenLabel,
  "--pki",
  w.pkiDir,
  "--clock",
  "pki",
  ...flaw,
];

describe("ornek-imzaci's card flaws on the command line", () => {
  it("pin-stored: after one good signing a wrong PIN still signs; the good command says wrong PIN", async () => {
    for (const flaw of [[], ["--flaw", "pin-stored"]]) {
      const cwd = join(w.root, `pin-stored-${flaw.length}`);
      mkdirSync(cwd, { recursive: true });
      const first = await run(sign(w.card, join(cwd, "1.p7s"), flaw), `${w.card.pin}\n`, { cwd });
      expect(first.status, first.stderr).toBe(EXIT.ok);
      const second = await run(sign(w.card, join(cwd, "2.p7s"), flaw), "0000000\n", { cwd });
      if (flaw.length) {
        expect(second.status, second.stderr).toBe(EXIT.ok);
        expect(existsSync(join(cwd, ".ornek-imzaci-pin"))).toBe(true);
      } else {
        expect(second.status).toBe(EXIT.pinIncorrect);
        expect(existsSync(join(cwd, "2.p7s"))).toBe(false);
      }
      // the right PIN again: the card's counter back to full for what follows
      await run(sign(w.card, join(cwd, "3.p7s"), []), `${w.card.pin}\n`, { cwd });
    }
  }, 60_000);

  it("first-token-always: with another application listed first, the flawed command signs there; the good one signs on the token asked for", async () => {
    const { card: both, slots } = await multiApplicationCard({
      pkiDir: w.pkiDir,
      dirBase: join(w.root, "two-applications"),
      signing: { tokenLabel: "imza", cert: "nes-rsa" },
      otherCert: "nes-ec",
      pin: w.card.pin!,
    });
    expect(slots.map((s) => s.label).filter(Boolean)).toEqual([OTHER_APPLICATION, "imza"]);
    const dir = both.dir;
    const card = tokenOf(both, "imza"); // the signing application: its label goes in --token
    const used: Record<string, string[]> = {};
    for (const flaw of [[], ["--flaw", "first-token-always"]]) {
      const mark = traceMark(dir);
      const r = await run(sign(card, join(dir, `${flaw.length}.p7s`), flaw), `${w.card.pin}\n`, { card });
      expect(r.status, r.stderr).toBe(EXIT.ok);
      used[flaw.length ? "bad" : "good"] = readTrace(dir, mark)
        .filter((e) => e.fn === "C_Sign")
        .map((e) => e.label!);
    }
    expect(used.good).toEqual(["nes-rsa"]);
    expect(used.bad).toEqual(["nes-ec"]); // the other application's key
  }, 60_000);

  it("pin-change-noop: says the PIN changed and never calls C_SetPIN; the good command changes it", async () => {
    for (const flaw of [[], ["--flaw", "pin-change-noop"]]) {
      const card = await provisionCard({
        pkiDir: w.pkiDir,
        outDir: join(w.root, `pin-change-${flaw.length}`),
        certLabels: ["nes-rsa"],
      });
      const mark = traceMark(card.dir);
      const r = await run(
        ["change-pin", "--module", card.module, "--token", card.tokenLabel, ...flaw],
        `${card.pin}\n86420135\n`,
        { card },
      );
      expect(r.status, r.stderr).toBe(EXIT.ok);
      expect(r.stdout).toMatch(/PIN changed/);
      const setPin = readTrace(card.dir, mark).filter((e) => e.fn === "C_SetPIN" && e.rv === "CKR_OK");
      expect(setPin.length).toBe(flaw.length ? 0 : 1);
      expect(pinOpens(card, "86420135")).toBe(!flaw.length);
      expect(readFileSync(join(card.dir, "trace.jsonl"), "utf8")).not.toContain("86420135");
    }
  }, 60_000);

  it("cert-cache-stale: after the card is renewed the flawed command names the old certificate; the good one the card's", async () => {
    for (const flaw of [[], ["--flaw", "cert-cache-stale"]]) {
      const cwd = join(w.root, `cert-cache-${flaw.length}`);
      mkdirSync(cwd, { recursive: true });
      const dir = join(cwd, "card");
      const first = await provisionCard({ pkiDir: w.pkiDir, outDir: dir, certLabels: ["nes-ec"], pin: w.card.pin! });
      const r1 = await run([...sign(first, join(cwd, "1.p7s"), flaw), "--cert", "nes-ec"], `${w.card.pin}\n`, {
        card: first,
        cwd,
      });
      expect(r1.status, r1.stderr).toBe(EXIT.ok);
      // the card renewed: same directory and token label, another key and certificate under CKA_ID 01
      rmSync(join(dir, "tokens"), { recursive: true, force: true });
      rmSync(join(dir, "card.json"));
      const renewed = await provisionCard({
        pkiDir: w.pkiDir,
        outDir: dir,
        certLabels: ["nes-ec-chain"],
        pin: w.card.pin!,
      });
      const r2 = await run([...sign(renewed, join(cwd, "2.p7s"), flaw), "--cert", "nes-ec-chain"], `${w.card.pin}\n`, {
        card: renewed,
        cwd,
      });
      expect(r2.status, r2.stderr).toBe(EXIT.ok);
      // the certificate the signature names, as uyum's validator reads it
      const v = await validateBytes("2.p7s", new Uint8Array(readFileSync(join(cwd, "2.p7s"))), {
        anchors: pemOrDer(readFileSync(join(w.pkiDir, "certs", "root.pem"))).map(parseCert),
      });
      const serialOf = (label: string) =>
        pemOrDer(readFileSync(join(w.pkiDir, "certs", `${label}.pem`))).map(parseCert)[0]!.serialHex;
      expect(v.signer?.serial).toBe(serialOf(flaw.length ? "nes-ec" : "nes-ec-chain"));
    }
  }, 60_000);
});
