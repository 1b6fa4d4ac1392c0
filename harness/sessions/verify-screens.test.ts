// test-kind: integration
// verify-screens through the web driver on the reference application: the chosen vectors given to its
// verification page in Chromium, each screen kept (DOM text, screenshot) and the report it lets the user save;
// the probes of what a verifier shows suggest ✓ on the good page and ✗ on the verify-page-terse variant, which
// shows only the verdict word. The selection-of-files item holds on both (the terse page still takes the files).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCampaign } from "../campaign/run.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import type { VerifyScreensEvidence } from "./catalogue.ts";

const SHOWN = ["13.1.2-1", "13.1.2-2", "13.1.3-1", "13.1.3-2", "13.1.4-2", "11.6-3", "11.7.1-5"];

async function campaign(flaw?: string) {
  const out = mkdtempSync(join(tmpdir(), "uyum-verify-screens-"));
  const before = process.env.ORNEK_IMZACI_FLAW;
  if (flaw) process.env.ORNEK_IMZACI_FLAW = flaw;
  else delete process.env.ORNEK_IMZACI_FLAW;
  try {
    const r = await runCampaign({
      profile: join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci.yaml"),
      out: join(out, "c"),
      only: [...SHOWN, "13.1.1-1"],
    });
    return { ...r, out };
  } finally {
    if (before === undefined) delete process.env.ORNEK_IMZACI_FLAW;
    else process.env.ORNEK_IMZACI_FLAW = before;
  }
}

describe("verify-screens on the reference application's verification page", () => {
  it("the good page: every vector answered as expected, screens and reports kept, the on-screen items suggested ✓", async () => {
    const r = await campaign();
    try {
      const e = JSON.parse(
        readFileSync(join(r.dir, "sessions", "verify-screens.json"), "utf8"),
      ) as VerifyScreensEvidence;
      expect(e.rows.length).toBeGreaterThanOrEqual(8);
      for (const row of e.rows) {
        const valid = row.expected.indication === "TOTAL-PASSED";
        expect(row.app.verdict === "valid", `${row.vector}: ${row.app.verdict}`).toBe(valid);
        expect(row.screen?.screenshot.path, row.vector).toMatch(/\.png$/);
        expect(row.report?.text, row.vector).toMatch(/DOĞRULAMA RAPORU/);
      }
      for (const item of [...SHOWN, "13.1.1-1"]) {
        const f = r.findings.find((x) => x.item === item)!;
        expect(f.mark, `${item}: ${f.reason.en}`).toBe("pass");
        expect(f.suggested, item).toBe(true);
      }
    } finally {
      rmSync(r.out, { recursive: true, force: true });
    }
  }, 400_000);

  it("verify-page-terse: the page shows only the verdict; each on-screen item suggested ✗, the file selection still ✓", async () => {
    const r = await campaign("verify-page-terse");
    try {
      for (const item of SHOWN) {
        const f = r.findings.find((x) => x.item === item)!;
        expect(f.mark, `${item}: ${f.reason.en}`).toBe("fail");
        expect(f.suggested, item).toBe(true);
      }
      expect(r.findings.find((x) => x.item === "13.1.1-1")!.mark).toBe("pass");
    } finally {
      rmSync(r.out, { recursive: true, force: true });
    }
  }, 400_000);
});
