// The CLI face signs and verifies through the card; bad input gets a clear message and a distinct exit code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT } from "./cli.ts";
import { startWorld, type World } from "./testing.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin", "ornek-imzaci");
const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "samples");
let w: World;

beforeAll(async () => {
  w = await startWorld(["nes-rsa", "nes-revoked-crl-before"]);
});
afterAll(async () => {
  await w?.stop();
});

/** Runs the CLI without blocking this process: the PKI services it talks to live here. */
const run = (args: string[], pin?: string) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(BIN, args, { env: { ...process.env, ...w.card.env } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
    p.stdin.end(pin === undefined ? "" : `${pin}\n`);
  });
const signArgs = (input: string, out: string, format: string, extra: string[] = []) => [
  "sign",
  "--in",
  input,
  "--out",
  out,
  "--format",
  format,
  "--module",
  w.card.module,
  "--pki",
  w.pkiDir,
  "--clock",
  "pki",
  ...extra,
];

describe("ornek-imzaci sign / verify", () => {
  for (const [format, sample] of [
    ["cades-t", "not.txt"],
    ["xades-bes", "ust-yazi.xml"],
    ["pades-b-t", "resmi-yazi.pdf"],
  ] as const) {
    it(`${format}: signs ${sample} on the card (PIN on stdin) and its verify says valid`, async () => {
      const out = join(w.root, `${sample}.${format}`);
      const s = await run(signArgs(join(SAMPLES, sample), out, format), w.card.pin);
      expect(s.status, s.stderr).toBe(EXIT.ok);
      expect(s.stdout + s.stderr).not.toContain(w.card.pin!);
      // cades-t carries P2: a verifier comes after the grace period
      const at = w.svc.clock.now();
      w.svc.clock.set(new Date(at.getTime() + 25 * 3_600_000));
      try {
        const v = await run(["verify", "--in", out, "--pki", w.pkiDir, "--clock", "pki", "--json"]);
        expect(v.status, v.stdout + v.stderr).toBe(EXIT.ok);
        expect(JSON.parse(v.stdout).verdict).toBe("valid");
      } finally {
        w.svc.clock.set(at);
      }
    });
  }
  it("refuses a revoked certificate before signing (exit 6, the reason named)", async () => {
    const s = await run(
      signArgs(join(SAMPLES, "not.txt"), join(w.root, "x.p7s"), "cades-bes", ["--cert", "nes-revoked-crl-before"]),
      w.card.pin,
    );
    expect(s.status).toBe(EXIT.certRefused);
    expect(s.stderr).toMatch(/CERT_REVOKED/);
  });
  it("bad input: unknown format, missing file, no PIN, wrong PIN, unknown flaw: each its own exit code and message", async () => {
    const doc = join(SAMPLES, "not.txt");
    let r = await run(signArgs(doc, join(w.root, "y"), "cades-zz"), w.card.pin);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/--format cades-zz: unknown format/)]);
    r = await run(signArgs(join(w.root, "yok.txt"), join(w.root, "y"), "cades-bes"), w.card.pin);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/yok.txt: no such file/)]);
    r = await run(signArgs(doc, join(w.root, "y"), "cades-bes"));
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/no PIN on standard input/)]);
    const wrong = w.card.pin === "00000000" ? "11111111" : "00000000";
    r = await run(signArgs(doc, join(w.root, "y"), "cades-bes"), wrong);
    expect([r.status, r.stderr]).toEqual([EXIT.pinIncorrect, expect.stringMatching(/PIN_INCORRECT/)]);
    expect((await run(signArgs(doc, join(w.root, "y"), "cades-bes"), w.card.pin)).status).toBe(EXIT.ok); // resets the counter
    r = await run(["sign", "--flaw", "pin-loged"]);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/did you mean "pin-logged"/)]);
  });
  it("verify: a file that is not a signature is not valid (exit 1, with the reason), never a crash", async () => {
    const junk = join(w.root, "junk.p7s");
    writeFileSync(junk, "bu bir imza değil");
    const v = await run(["verify", "--in", junk, "--pki", w.pkiDir, "--json"]);
    expect(v.status).toBe(EXIT.notValid);
    expect(JSON.parse(v.stdout).reason.en).toBeTruthy();
  });
  it("verify --at: judged at the instant given, not the clock; valid 0 / invalid 1 / indeterminate 8 are distinct", async () => {
    const out = join(w.root, "at.p7s");
    expect((await run(signArgs(join(SAMPLES, "not.txt"), out, "cades-t"), w.card.pin)).status).toBe(EXIT.ok);
    const signedAt = w.svc.clock.now();
    const verifyAt = async (at: Date, extra: string[] = []) => {
      const v = await run(["verify", "--in", out, "--pki", w.pkiDir, "--at", at.toISOString(), "--json", ...extra]);
      return {
        status: v.status,
        verdict: (JSON.parse(v.stdout || "{}") as { verdict?: string }).verdict,
        err: v.stderr,
      };
    };
    // P2 (CAdES-T): within the grace period after signing a verifier cannot yet know: indeterminate; a day later valid
    expect(await verifyAt(signedAt)).toMatchObject({ status: EXIT.indeterminate, verdict: "indeterminate" });
    expect(await verifyAt(new Date(signedAt.getTime() + 25 * 3_600_000))).toMatchObject({
      status: EXIT.ok,
      verdict: "valid",
    });
    // a root that did not issue the signer's chain: no chain to a trusted root, indeterminate as ETSI says
    const other = join(w.root, "other-root.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        join(w.root, "other.key"),
        "-out",
        other,
        "-subj",
        "/CN=Baska Kok",
        "-days",
        "3650",
      ],
      { stdio: "ignore" },
    );
    expect(await verifyAt(new Date(signedAt.getTime() + 25 * 3_600_000), ["--trust", other])).toMatchObject({
      status: EXIT.indeterminate,
    });
    // a file that is not a signature, at a given time: invalid (1)
    const junk = join(w.root, "junk2.p7s");
    writeFileSync(junk, "bu da imza değil");
    expect((await run(["verify", "--in", junk, "--pki", w.pkiDir, "--at", signedAt.toISOString()])).status).toBe(
      EXIT.notValid,
    );
    const bad = await run(["verify", "--in", out, "--pki", w.pkiDir, "--at", "yarın"]);
    expect([bad.status, bad.stderr]).toEqual([EXIT.usage, expect.stringMatching(/--at yarın: not an ISO-8601 time/)]);
  });
});
