// The interposer parses faults.conf and the state file only when they change (it stat()s them per call).
// These tests hold it to what that must not lose: a change made by another process between two calls of one
// long-lived session is seen on the very next call, even a same-size rewrite within one clock tick; PIN
// counts from processes failing logins at the same time all land (the state is rewritten under a lock).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCardState, writeFaults, type CardFaults } from "./faults.ts";
import { ckrName, CKU_USER, withCardSession } from "./p11.ts";
import { provisionCard, type CardInfo } from "./provision.ts";
import { Runner, testRoot, writeTestPki } from "../testing/card.ts";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const runner = new Runner();
const WRONG = "00000000"; // the card's PIN is 8 random digits: this one is wrong (1 in 10^8 it is not)
let root: string;
let pkiDir: string;

const card = (name: string, pinMaxTries = 3) =>
  provisionCard({ pkiDir, outDir: join(root, name), certLabels: ["nes-rsa"], pinMaxTries });

/** Calls fn and gives the CKR name it failed with, or "CKR_OK". */
function rvOf(fn: () => unknown): string {
  try {
    fn();
    return "CKR_OK";
  } catch (err) {
    const name = ckrName(err);
    if (!name) throw err;
    return name;
  }
}

/** Runs a command to its end without blocking this process, so several can run at once. */
function runAsync(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => p.kill(), 60_000);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

// A pkcs11js client in its own process: opens a session, waits for the shared start time (so the processes
// really overlap), then tries the wrong PIN N times and prints the CKR names it got.
const WRONG_LOGINS = `
const p = require("pkcs11js");
const m = new p.PKCS11();
m.load(process.env.UYUM_T_MODULE);
m.C_Initialize();
const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === process.env.UYUM_T_LABEL);
const h = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
while (Date.now() < Number(process.env.UYUM_T_AT)) {}
const out = [];
for (let i = 0; i < Number(process.env.UYUM_T_N); i++) {
  try { m.C_Login(h, 1, "${WRONG}"); out.push("CKR_OK"); m.C_Logout(h); }
  catch (e) { out.push((/CKR_[A-Z_]+/.exec(e.message) || [String(e)])[0]); }
}
m.C_Finalize();
console.log(JSON.stringify(out));
`;

async function wrongLoginsInParallel(c: CardInfo, processes: number, each: number): Promise<string[][]> {
  const env = {
    ...c.env,
    UYUM_T_MODULE: c.module,
    UYUM_T_LABEL: c.tokenLabel,
    UYUM_T_AT: String(Date.now() + 1500),
    UYUM_T_N: String(each),
  };
  const runs = await Promise.all(
    Array.from({ length: processes }, () => runAsync(process.execPath, ["-e", WRONG_LOGINS], env)),
  );
  for (const r of runs) expect(r.stderr).toBe("");
  return runs.map((r) => JSON.parse(r.stdout) as string[]);
}

beforeAll(async () => {
  root = testRoot("cache");
  pkiDir = await writeTestPki(root);
});

describe("faults written by another process reach a running session on its next call", () => {
  it("uyum card faults between two calls of one pkcs11js session: token absent, back, no RNG, back", async () => {
    const c = await card("between");
    const faults = (...args: string[]) => {
      const r = runner.uyum(["card", "faults", c.dir, ...args]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    };
    const seen = withCardSession(c, (s) => {
      const info = () => rvOf(() => s.p11.C_GetTokenInfo(s.slot));
      const rng = () => rvOf(() => s.p11.C_GenerateRandom(s.session, Buffer.alloc(8)));
      const out = [info(), rng()]; // the config is parsed and cached here
      faults("--token-absent");
      out.push(info());
      faults();
      out.push(info());
      faults("--no-rng");
      out.push(rng());
      faults();
      out.push(rng());
      return out;
    });
    expect(seen).toEqual(["CKR_OK", "CKR_OK", "CKR_TOKEN_NOT_PRESENT", "CKR_OK", "CKR_RANDOM_NO_RNG", "CKR_OK"]);
  });

  it("a same-size rewrite right after the last one (same clock tick as likely as not) is seen every time", async () => {
    const c = await card("tick");
    // two configs of exactly the same size (the epoch is 16 hex digits in both): only the content differs
    const noRng: CardFaults = { removeAtSign: 100, noRng: true };
    const rng: CardFaults = { removeAtSign: 100_000_000_000 };
    writeFaults(c.dir, noRng);
    const sizeNoRng = statSync(join(c.dir, "faults.conf")).size;
    writeFaults(c.dir, rng);
    expect(statSync(join(c.dir, "faults.conf")).size).toBe(sizeNoRng);
    const seen = withCardSession(c, (s) => {
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        writeFaults(c.dir, i % 2 ? rng : noRng);
        out.push(rvOf(() => s.p11.C_GenerateRandom(s.session, Buffer.alloc(8))));
      }
      return out;
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 ? "CKR_OK" : "CKR_RANDOM_NO_RNG")));
  });

  it("a wrong PIN in another process shows in the running session's token flags on its next call", async () => {
    const c = await card("shared");
    const flags = withCardSession(c, (s) => {
      const low = () => (s.p11.C_GetTokenInfo(s.slot).flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0;
      const before = low();
      const r = runner.run(
        "pkcs11-tool",
        ["--module", c.module, "--token-label", c.tokenLabel, "--login", "--pin", WRONG, "-O"],
        { env: c.env },
      );
      expect(r.code).not.toBe(0);
      const after = low();
      s.p11.C_Login(s.session, CKU_USER, c.pin!); // a correct login resets the counter, for everyone
      return [before, after];
    });
    expect(flags).toEqual([false, true]);
    expect(Object.values(readCardState(c.dir).triesLeft)).toEqual([3]);
  });
});

/**
 * runAsync, again when the process never reached the card: SoftHSM2's file store can miss its token while
 * another process rewrites the token file ("No slot with token named …"), a store race a real card does not
 * have. Such a run made no C_Login, so running it again spends no extra try and keeps the count exact.
 */
async function runReachingCard(cmd: string, args: string[], env: Record<string, string>) {
  for (let attempt = 1; ; attempt++) {
    const r = await runAsync(cmd, args, env);
    if (attempt === 5 || !/No slot with token named/.test(r.stderr + r.stdout)) return r;
  }
}

describe("PIN counts from concurrent processes are never lost", () => {
  it("2 pkcs11-tool processes x 1 wrong PIN at once on a 3-try card: exactly 1 try left", async () => {
    const c = await card("two");
    const args = ["--module", c.module, "--token-label", c.tokenLabel, "--login", "--pin", WRONG, "-O"];
    const runs = await Promise.all([
      runReachingCard("pkcs11-tool", args, c.env),
      runReachingCard("pkcs11-tool", args, c.env),
    ]);
    for (const r of runs) expect(r.stderr + r.stdout).toContain("CKR_PIN_INCORRECT");
    expect(Object.values(readCardState(c.dir).triesLeft)).toEqual([1]);
    // pkcs11-tool, in a third process, reads the same count off the token flags
    expect(runner.run("pkcs11-tool", ["--module", c.module, "-T"], { env: c.env }).stdout).toMatch(
      /final user PIN try/,
    );
  });

  it("2 processes x 5 wrong PINs, started at the same instant, on a 12-try card: exactly 2 tries left", async () => {
    const c = await card("ten", 12);
    const results = await wrongLoginsInParallel(c, 2, 5);
    expect(results).toEqual([Array(5).fill("CKR_PIN_INCORRECT"), Array(5).fill("CKR_PIN_INCORRECT")]);
    expect(Object.values(readCardState(c.dir).triesLeft)).toEqual([2]);
    // both processes traced into one file at once: every line is whole JSON, 5 C_Login lines per process
    const lines = readFileSync(join(c.dir, "trace.jsonl"), "utf8").trimEnd().split("\n");
    const entries = lines.map((l) => JSON.parse(l) as { pid: number; fn: string; rv: string; pin_tries_left?: number });
    const logins = entries.filter((e) => e.fn === "C_Login");
    const pids = [...new Set(logins.map((e) => e.pid))];
    expect(pids.length).toBe(2);
    for (const pid of pids) expect(logins.filter((e) => e.pid === pid && e.rv === "CKR_PIN_INCORRECT").length).toBe(5);
    // the tries left the trace reports run 11 down to 2, each value once: no two logins saw the same count
    expect(logins.map((e) => e.pin_tries_left).sort((a, b) => b! - a!)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it("2 processes x 3 wrong PINs on a 3-try card: 3 counted wrong, 3 refused as locked, none spent twice", async () => {
    const c = await card("race", 3);
    const results = (await wrongLoginsInParallel(c, 2, 3)).flat();
    expect(results.filter((r) => r === "CKR_PIN_INCORRECT").length).toBe(3);
    expect(results.filter((r) => r === "CKR_PIN_LOCKED").length).toBe(3);
    expect(Object.values(readCardState(c.dir).triesLeft)).toEqual([0]);
    // and the lock holds for the right PIN, in another process
    expect(withCardSession(c, (s) => rvOf(() => s.p11.C_Login(s.session, CKU_USER, c.pin!)))).toBe("CKR_PIN_LOCKED");
    // the state was replaced whole each time: no temp file left behind
    expect(readdirSync(c.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});
