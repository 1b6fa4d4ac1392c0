// The first rows of the mutation matrix: `uyum run` drives the reference application's CLI face through the
// cli driver; the probes that run pass on the good app and fail on the variant whose flaw they are about.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../harness/core/paths.ts";

function runCampaign(flaw?: string, only?: string): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "ornek-imzaci-campaign-"));
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (flaw) env.ORNEK_IMZACI_FLAW = flaw;
    else delete env.ORNEK_IMZACI_FLAW;
    const p = spawn(
      process.execPath,
      [
        "bin/uyum.js",
        "run",
        "--app",
        "examples/profiles/ornek-imzaci-cli.yaml",
        "--out",
        join(dir, "c"),
        ...(only ? ["--only", only] : []),
      ],
      { cwd: PROJECT_ROOT, env },
    );
    let out = "";
    p.stdout.on("data", (c: Buffer) => (out += c.toString()));
    p.stderr.on("data", (c: Buffer) => (out += c.toString()));
    p.on("close", (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, out });
    });
  });
}
const failed = (out: string) => [...out.matchAll(/^✗ (\S+):/gm)].map((m) => m[1]);
const passedCount = (out: string) => Number(/^all\s+(\d+)\s+(\d+)/m.exec(out)?.[1]);

describe("uyum run on ornek-imzaci-cli", () => {
  it("the good app: every probe that runs passes, none fails", async () => {
    const r = await runCampaign();
    expect(failed(r.out), r.out).toEqual([]);
    expect(passedCount(r.out)).toBeGreaterThanOrEqual(8);
  }, 1_500_000);
  it("ocsp-response-unchecked: 1.2-1.d and 1.2-1.e fail on the bad OCSP answers (QCA1_14/15/21) and responders (QCA1_16/17/18)", async () => {
    const r = await runCampaign("ocsp-response-unchecked", "1.2-1.d,1.2-1.e");
    expect(failed(r.out), r.out).toEqual(["1.2-1.d", "1.2-1.e"]);
    expect(r.out).toMatch(/^✗ 1\.2-1\.d: QCA1_14 .*QCA1_15 .*QCA1_21 /m);
    expect(r.out).toMatch(/^✗ 1\.2-1\.e: QCA1_16 .*QCA1_17 .*QCA1_18 /m);
  }, 600_000);
  for (const [flaw, item] of [
    ["sha1", "6-1"],
    ["no-signing-certificate", "1.3-2"],
    ["upgrade-without-revocation-values", "14-2"],
    ["countersign-wrong-digest", "15-5"],
    ["expired-cert", "1.2-1.c"],
    ["non-qualified-cert", "1.2-1.a"],
    ["no-wrong-pin-message", "7.5-1"],
    ["pin-locked-retry", "7.5-2"],
    ["no-dynamic-warning", "8-3"],
    ["first-key-always", "7.4-1"],
    ["tsa-token-unchecked", "10-3"],
    ["pin-stored", "7.1-1"],
    ["first-token-always", "7.2-1"],
    ["pin-change-noop", "4.4-3"],
    ["cert-cache-stale", "7.3-3"],
  ] as const)
    // only the item the flaw is about (and the sessions it reads): the whole campaign runs once, above
    it(`${flaw}: probe ${item} fails`, async () => {
      const r = await runCampaign(flaw, item);
      expect(failed(r.out), r.out).toContain(item);
    }, 600_000);
});
