// The long-term formats and the commands on existing signatures, through the CLI face and the card: each output
// is validated by uyum's validator with live revocation, its level checked, and cross-checked by openssl cms /
// pdfsig where they can; flawed outputs and bad input are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCert, pemOrDer, validateBytes, type ValidationResult } from "../../../harness/ades/index.ts";
import { EXIT } from "./cli.ts";
import { readRoot, startWorld, type World } from "./testing.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin", "ornek-imzaci");
const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "samples");
const DAY = 86_400_000;
let w: World;

beforeAll(async () => {
  w = await startWorld(["nes-rsa", "nes-revoked-ocsp-before"]);
});
afterAll(async () => {
  await w?.stop();
});

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
const pkiArgs = () => ["--pki", w.pkiDir, "--clock", "pki"];
const cardArgs = () => ["--module", w.card.module, ...pkiArgs()];
const out = (name: string) => join(w.root, name);

async function sign(input: string, output: string, format: string, extra: string[] = []) {
  const r = await run(
    ["sign", "--in", join(SAMPLES, input), "--out", output, "--format", format, ...cardArgs(), ...extra],
    w.card.pin,
  );
  expect(r.status, r.stderr).toBe(EXIT.ok);
  return output;
}
async function op(cmd: string, args: string[], pin?: string) {
  const r = await run([cmd, ...args, ...(pin ? cardArgs() : pkiArgs())], pin);
  expect(r.status, r.stderr).toBe(EXIT.ok);
  return r;
}

/** uyum's validator at the services' time (+ laterMs); `fetch: false` judges on the embedded data alone. */
async function validate(
  file: string,
  o: { laterMs?: number; detached?: string; fetch?: boolean } = {},
): Promise<ValidationResult> {
  const at = w.svc.clock.now();
  if (o.laterMs) w.svc.clock.set(new Date(at.getTime() + o.laterMs));
  try {
    return await validateBytes(file, new Uint8Array(readFileSync(file)), {
      anchors: [parseCert(pemOrDer(readRoot(w))[0]!)],
      at: w.svc.clock.now(),
      fetch: o.fetch ?? true,
      fetchTimeoutMs: 5000,
      detachedContent: o.detached ? new Uint8Array(readFileSync(o.detached)) : undefined,
    });
  } finally {
    if (o.laterMs) w.svc.clock.set(at);
  }
}
const problems = (r: ValidationResult) =>
  r.checks
    .filter((c) => c.result !== "passed" && c.result !== "skipped")
    .map((c) => `${c.id}: ${c.reason.en}`)
    .join("\n");
function expectPassed(r: ValidationResult, level: string) {
  expect(r.indication, problems(r)).toBe("TOTAL-PASSED");
  expect(r.level).toBe(level);
}

function opensslVerify(file: string) {
  const root = join(w.pkiDir, "certs", "root.pem");
  const at = String(Math.floor(w.svc.clock.now().getTime() / 1000));
  return execFileSync(
    "openssl",
    [
      "cms",
      "-verify",
      "-inform",
      "DER",
      "-in",
      file,
      "-CAfile",
      root,
      "-attime",
      at,
      "-purpose",
      "any",
      "-out",
      "/dev/null",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
}

describe("long-term formats made on the card (sign --format)", () => {
  it("cades-xl (P4 by default: OCSP for the signer, every path certificate embedded): TOTAL-PASSED at X-L; openssl cms -verify agrees", async () => {
    const f = await sign("not.txt", out("xl.p7s"), "cades-xl");
    const r = await validate(f);
    expectPassed(r, "X-L");
    expect(r.profile).toBe("P4");
    opensslVerify(f);
  });
  it("cades-a with --profile P4: TOTAL-PASSED at A", async () => {
    const f = await sign("not.txt", out("a.p7s"), "cades-a", ["--profile", "P4"]);
    expectPassed(await validate(f), "A");
  });
  it("cades-t with --profile P3 signs; cades-xl with P3 is refused at signing (the CRL must come after the grace period)", async () => {
    const f = await sign("not.txt", out("p3t.p7s"), "cades-t", ["--profile", "P3"]);
    const r = await validate(f, { laterMs: DAY + 3_600_000 });
    expectPassed(r, "T");
    expect(r.profile).toBe("P3");
    const refused = await run(
      [
        "sign",
        "--in",
        join(SAMPLES, "not.txt"),
        "--out",
        out("no.p7s"),
        "--format",
        "cades-xl",
        "--profile",
        "P3",
        ...cardArgs(),
      ],
      w.card.pin,
    );
    expect([refused.status, refused.stderr]).toEqual([EXIT.usage, expect.stringMatching(/grace period/)]);
  });
  for (const [format, level] of [
    ["pades-b-lt", "B-LT"],
    ["pades-b-lta", "B-LTA"],
  ] as const) {
    it(`${format}: TOTAL-PASSED at ${level}; pdfsig reads every signature`, async () => {
      const f = await sign("resmi-yazi.pdf", out(`${format}.pdf`), format);
      expectPassed(await validate(f), level);
      const info = execFileSync("pdfsig", ["-nocert", f], { encoding: "utf8" });
      expect(info).toMatch(/Signature #1/);
      if (level === "B-LTA") expect(info).toMatch(/Signature #2/);
    });
  }
});

describe("upgrade / archive / cosign / countersign", () => {
  it("CAdES P3: BES-level T now, then after the grace period T → X-L → A, then a renewed archive time-stamp; each TOTAL-PASSED at its level", async () => {
    const t = await sign("not.txt", out("u-t.p7s"), "cades-t", ["--profile", "P3"]);
    const start = w.svc.clock.now();
    w.svc.clock.set(new Date(start.getTime() + DAY + 3_600_000));
    try {
      await op("upgrade", ["--in", t, "--out", out("u-xl.p7s"), "--to", "XL"]);
      expectPassed(await validate(out("u-xl.p7s")), "X-L");
      // X-L carries its own data: the validator needs no service
      expectPassed(await validate(out("u-xl.p7s"), { fetch: false }), "X-L");
      await op("upgrade", ["--in", out("u-xl.p7s"), "--out", out("u-a.p7s"), "--to", "A"]);
      expectPassed(await validate(out("u-a.p7s")), "A");
      w.svc.clock.set(new Date(w.svc.clock.now().getTime() + 30 * DAY));
      await op("archive", ["--in", out("u-a.p7s"), "--out", out("u-a2.p7s")]);
      const r = await validate(out("u-a2.p7s"));
      expectPassed(r, "A");
      expect(
        r.checks.filter((c) => c.id.startsWith("timestamp") && /archive/i.test(c.reason.en)).length,
      ).toBeGreaterThan(0);
    } finally {
      w.svc.clock.set(start);
    }
  });
  it("a BES is upgraded to T", async () => {
    const bes = await sign("not.txt", out("bes.p7s"), "cades-bes");
    await op("upgrade", ["--in", bes, "--out", out("bes-t.p7s"), "--to", "T"]);
    expectPassed(await validate(out("bes-t.p7s")), "T");
  });
  it("PAdES B-B → B-LT → B-LTA, then archive renews it", async () => {
    const bb = await sign("resmi-yazi.pdf", out("bb.pdf"), "pades-b-b");
    await op("upgrade", ["--in", bb, "--out", out("blt.pdf"), "--to", "LT"]);
    expectPassed(await validate(out("blt.pdf")), "B-LT");
    await op("upgrade", ["--in", out("blt.pdf"), "--out", out("blta.pdf"), "--to", "LTA"]);
    expectPassed(await validate(out("blta.pdf")), "B-LTA");
    await op("archive", ["--in", out("blta.pdf"), "--out", out("blta2.pdf")]);
    expectPassed(await validate(out("blta2.pdf")), "B-LTA");
  });
  it("cosign adds a parallel signer and countersign a serial one, through the card; both TOTAL-PASSED with every signer", async () => {
    const t = await sign("not.txt", out("m-t.p7s"), "cades-t");
    await op("cosign", ["--in", t, "--out", out("m-par.p7s")], w.card.pin);
    const par = await validate(out("m-par.p7s"), { laterMs: DAY + 3_600_000 });
    expect(par.indication, problems(par)).toBe("TOTAL-PASSED");
    expect(par.signatures.length).toBe(2);
    await op("countersign", ["--in", t, "--out", out("m-ser.p7s")], w.card.pin);
    const ser = await validate(out("m-ser.p7s"), { laterMs: DAY + 3_600_000 });
    expect(ser.indication, problems(ser)).toBe("TOTAL-PASSED");
    opensslVerify(out("m-par.p7s"));
  });
});

describe("PAdES: another signature", () => {
  it("cosign on a signed PDF adds a second signature field signed on the card; both signatures TOTAL-PASSED; pdfsig sees two", async () => {
    const bt = await sign("resmi-yazi.pdf", out("p-bt.pdf"), "pades-b-t");
    await op("cosign", ["--in", bt, "--out", out("p-two.pdf")], w.card.pin);
    const r = await validate(out("p-two.pdf"));
    expect(r.indication, problems(r)).toBe("TOTAL-PASSED");
    expect(r.signatures.length).toBe(2);
    expect(execFileSync("pdfsig", ["-nocert", out("p-two.pdf")], { encoding: "utf8" })).toMatch(/Signature #2/);
  });
});

describe("refusals and flawed variants", () => {
  it("the check before signing asks OCSP too: a certificate revoked only at its OCSP responder (the CRL does not list it) is refused", async () => {
    const r = await run(
      [
        "sign",
        "--in",
        join(SAMPLES, "not.txt"),
        "--out",
        out("o.p7s"),
        "--format",
        "cades-bes",
        "--cert",
        "nes-revoked-ocsp-before",
        ...cardArgs(),
      ],
      w.card.pin,
    );
    expect([r.status, r.stderr]).toEqual([EXIT.certRefused, expect.stringMatching(/CERT_REVOKED.*OCSP/)]);
  });
  it("P3 before the grace period: upgrade --to XL is refused naming when it can be done; the upgrade-in-grace flaw does it, and its X-L does not stand on its own data", async () => {
    const t = await sign("not.txt", out("g-t.p7s"), "cades-t", ["--profile", "P3"]);
    const early = await run(["upgrade", "--in", t, "--out", out("g-xl.p7s"), "--to", "XL", ...pkiArgs()]);
    expect([early.status, early.stderr]).toEqual([EXIT.usage, expect.stringMatching(/grace period.*from 20/)]);
    await op("upgrade", ["--in", t, "--out", out("g-xl.p7s"), "--to", "XL", "--flaw", "upgrade-in-grace"]);
    // judged on its own data 7.5 days on: the pre-grace CRL (7-day validity) is past its nextUpdate and does not
    // cover the signing; the CRLs of a proper upgrade after the grace period are still current
    const start = w.svc.clock.now();
    w.svc.clock.set(new Date(start.getTime() + DAY + 3_600_000));
    try {
      await op("upgrade", ["--in", t, "--out", out("g-good.p7s"), "--to", "XL"]);
    } finally {
      w.svc.clock.set(start);
    }
    const bad = await validate(out("g-xl.p7s"), { laterMs: 7.5 * DAY, fetch: false });
    expect(bad.level).toBe("X-L");
    expect(bad.indication, "pre-grace revocation data must not validate a P3 X-L").not.toBe("TOTAL-PASSED");
    expectPassed(await validate(out("g-good.p7s"), { laterMs: 7.5 * DAY, fetch: false }), "X-L");
  });
  it("upgrade-without-revocation-values: X-L / B-LT without CRL or OCSP values is not TOTAL-PASSED on its own data", async () => {
    const t = await sign("not.txt", out("r-t.p7s"), "cades-t", ["--profile", "P4"]);
    await op("upgrade", ["--in", t, "--out", out("r-good.p7s"), "--to", "XL"]);
    expectPassed(await validate(out("r-good.p7s"), { fetch: false }), "X-L");
    await op("upgrade", [
      "--in",
      t,
      "--out",
      out("r-bad.p7s"),
      "--to",
      "XL",
      "--flaw",
      "upgrade-without-revocation-values",
    ]);
    const bad = await validate(out("r-bad.p7s"), { fetch: false });
    expect(bad.indication).not.toBe("TOTAL-PASSED");
    const bb = await sign("resmi-yazi.pdf", out("r-bb.pdf"), "pades-b-b");
    await op("upgrade", [
      "--in",
      bb,
      "--out",
      out("r-blt.pdf"),
      "--to",
      "LT",
      "--flaw",
      "upgrade-without-revocation-values",
    ]);
    expect((await validate(out("r-blt.pdf"), { fetch: false })).indication).not.toBe("TOTAL-PASSED");
    expectPassed(await validate(out("blt.pdf"), { fetch: false }), "B-LT");
  });
  it("countersign-wrong-digest: the serial signature's digest is wrong and the validator says so", async () => {
    const t = await sign("not.txt", out("c-t.p7s"), "cades-t");
    await op("countersign", ["--in", t, "--out", out("c-bad.p7s"), "--flaw", "countersign-wrong-digest"], w.card.pin);
    const r = await validate(out("c-bad.p7s"), { laterMs: DAY + 3_600_000 });
    expect(r.indication).not.toBe("TOTAL-PASSED");
    expect(problems(r)).toMatch(/HASH_FAILURE/);
  });
  it("bad input: not a signature, unknown level, serial on a PDF, a signature added after the archive time-stamp: each a clear usage error", async () => {
    const junk = out("junk.p7s");
    writeFileSync(junk, Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01));
    let r = await run(["upgrade", "--in", junk, "--out", out("j"), "--to", "T", ...pkiArgs()]);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/not a CAdES signature|not a CMS/)]);
    r = await run(["upgrade", "--in", junk, "--out", out("j"), "--to", "Q", ...pkiArgs()]);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/--to Q: one of T, XL, A/)]);
    r = await run(["upgrade", "--in", join(SAMPLES, "ust-yazi.xml"), "--out", out("j"), "--to", "T", ...pkiArgs()]);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/CAdES .* PAdES/)]);
    r = await run(["countersign", "--in", out("pades-b-lt.pdf"), "--out", out("j"), ...cardArgs()], w.card.pin);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/no serial signatures/)]);
    r = await run(["cosign", "--in", out("a.p7s"), "--out", out("j"), ...cardArgs()], w.card.pin);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/archive time-stamp/)]);
    r = await run(["archive", "--in", out("xl.p7s"), "--out", out("j"), ...pkiArgs()]);
    expect([r.status, r.stderr]).toEqual([EXIT.usage, expect.stringMatching(/not A: upgrade it first/)]);
  });
});
