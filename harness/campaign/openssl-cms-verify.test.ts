// test-kind: integration (a campaign: `uyum run` with the PKI services, the vector set and openssl per vector)
// "A real verifier nobody here wrote": `uyum run` on the profile of `openssl cms -verify` (a CAdES verifier that
// checks the signature value, the message digest and the chain at the time it is told, and nothing else: no
// revocation unless asked, no time-stamps, no NES certificate rules, no stored validation data). The campaign's
// own results say exactly that: the items of the math and the validity period ✓, those of revocation (given
// vectors, and the services down), NES rules, time-stamps and stored data ✗. --only keeps it to these items.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../core/paths.ts";

const ITEMS = {
  // what it does check
  "11.5-1": "pass", // message digest
  "11.5-3": "pass", // signature value
  "11.7.3-1": "pass", // the signer certificate's validity period (-attime)
  // what it does not
  "11.5-4": "fail", // "valid" with the CRL/OCSP services down (it never asks them)
  "11.7.1-1": "fail", // NES rule: no QcCompliance statement, still valid
  "11.7.4-1": "fail", // revoked before signing, still valid
  "11.7.4-4": "fail", // expired / forged CRL or OCSP, still valid
  "11.7.7-1": "fail", // broken signature time-stamp, still valid
  "12.1-1": "fail", // expired / missing stored revocation data, still valid
} as const;

function run(out: string): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ORNEK_IMZACI_FLAW;
    const p = spawn(
      process.execPath,
      [
        "bin/uyum.js",
        "run",
        "--app",
        "examples/profiles/openssl-cms-verify.yaml",
        "--out",
        out,
        "--only",
        Object.keys(ITEMS).join(","),
      ],
      { cwd: PROJECT_ROOT, env },
    );
    let log = "";
    p.stdout.on("data", (c: Buffer) => (log += c.toString()));
    p.stderr.on("data", (c: Buffer) => (log += c.toString()));
    p.on("close", (code) => resolve({ code, log }));
  });
}

describe("uyum run on openssl cms -verify", () => {
  it("passes the items of the signature math, fails those of revocation, NES rules, time-stamps, stored data", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uyum-openssl-cms-"));
    try {
      const r = await run(join(dir, "c"));
      const findings = readFileSync(join(dir, "c", "results.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { item: string; mark: string; reason: { en: string } });
      const marks = Object.fromEntries(findings.filter((f) => f.item in ITEMS).map((f) => [f.item, f.mark]));
      expect(marks, r.log).toEqual(ITEMS);
      const reason = (id: string) => findings.find((f) => f.item === id)!.reason.en;
      // the ✗ name the vector and what openssl said; the services-down one names the condition
      expect(reason("11.7.4-1")).toMatch(/kamusm-16-1-cades-\S+ .*"valid" \("CMS Verification successful"\)/);
      expect(reason("11.5-4")).toMatch(/-crls-removed @ (revocation-down|revocation-slow|crl-stale|ocsp-stale)/);
      expect(reason("11.5-1")).toContain("kamusm-05-cades-bes-attached");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
