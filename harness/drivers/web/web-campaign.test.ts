// test-kind: integration
// `uyum run` through the web driver on the reference application (its page and its agent's window in Debian's
// Chromium): the screen sessions keep screenshots and DOM text, the page's exchanges are kept with the PIN
// masked, and no file of the campaign holds the PIN, though it was typed in the window. Then the pin-in-page
// variant: the raw page request carried the PIN (a finding, D-6 ✗) and still no file holds it.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCampaign } from "../../campaign/run.ts";
import { PROJECT_ROOT } from "../../core/paths.ts";

const PIN = "73914682";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** What the web face proves of signing and its screen sessions; the sessions other faces prove (signing-side
 *  certificates, wrong PINs, verify-vectors) have their own tests. */
const SCREEN_ITEMS = [
  "1.1-1",
  "3-1",
  "3-4",
  "4.2-1",
  "4.3-1",
  "4.4-1",
  "4.4-2",
  "7.1-2",
  "1.3-2",
  "5-3",
  "6-1",
  "7.1-3",
];

async function campaign(flaw?: string, only: string[] = [...SCREEN_ITEMS, "D-6", "D-7"]) {
  const out = mkdtempSync(join(tmpdir(), "uyum-web-campaign-"));
  const before = process.env.ORNEK_IMZACI_FLAW;
  if (flaw) process.env.ORNEK_IMZACI_FLAW = flaw;
  else delete process.env.ORNEK_IMZACI_FLAW;
  try {
    const r = await runCampaign({
      profile: join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci.yaml"),
      out: join(out, "c"),
      cardPin: PIN,
      only,
    });
    return { ...r, out };
  } finally {
    if (before === undefined) delete process.env.ORNEK_IMZACI_FLAW;
    else process.env.ORNEK_IMZACI_FLAW = before;
  }
}

describe("uyum run through the web driver", () => {
  it("the reference app: screens kept, exchanges masked, no PIN in any file", async () => {
    const r = await campaign();
    try {
      const all = files(r.dir);
      for (const f of all) expect(readFileSync(f).includes(PIN), f).toBe(false);
      expect(all.filter((f) => f.endsWith(".png")).length).toBeGreaterThan(4);
      const review = JSON.parse(readFileSync(join(r.dir, "sessions", "window-review.json"), "utf8")) as {
        outcome: { status: string };
        pinInPage: unknown[];
        confirmView: { pinField: { type: string } };
      };
      expect(review.outcome.status).toBe("signed");
      expect(review.pinInPage).toEqual([]);
      expect(review.confirmView.pinField.type).toBe("password");
      // the window's own request carried the PIN to its agent: kept, masked
      const exchanges = all.filter((f) => f.endsWith(".jsonl")).map((f) => readFileSync(f, "utf8"));
      expect(exchanges.some((t) => t.includes('\\"pin\\":\\"***\\"'))).toBe(true);
      const marks = new Map(r.findings.map((f) => [f.item, f.mark]));
      for (const item of ["1.1-1", "3-1", "3-4", "4.2-1", "4.3-1", "4.4-1", "4.4-2", "7.1-2"])
        expect(marks.get(item), item).toBe("pass");
      expect(r.findings.filter((f) => f.mark === "fail")).toEqual([]);
    } finally {
      rmSync(r.out, { recursive: true, force: true });
    }
  }, 400_000);

  it("pin-in-page: the page's request carried the PIN (D-6 ✗), and still no file holds it", async () => {
    const r = await campaign("pin-in-page");
    try {
      for (const f of files(r.dir)) expect(readFileSync(f).includes(PIN), f).toBe(false);
      const d6 = r.findings.find((f) => f.item === "D-6")!;
      expect(d6.mark).toBe("fail");
      expect(d6.reason.en).toMatch(/PIN travelled in a request of the application's page/);
    } finally {
      rmSync(r.out, { recursive: true, force: true });
    }
  }, 400_000);

  it("bad documents through the window: warned or refused on the reference app; no-whole-warning ✗ 2.1-5", async () => {
    const items = ["1.3-1", "2.1-4", "2.1-5", "2.4-1", "8-3", "8-4"];
    const good = await campaign(undefined, items);
    try {
      const marks = new Map(good.findings.map((f) => [f.item, f.mark]));
      for (const item of items) expect(marks.get(item), item).toBe("pass");
      const whole = good.findings.find((f) => f.item === "2.1-5")!;
      expect(whole.reason.en).toMatch(/doc-docx-picture signed with a warning|doc-docx-picture warned/);
    } finally {
      rmSync(good.out, { recursive: true, force: true });
    }
    const bad = await campaign("no-whole-warning", ["2.1-5"]);
    try {
      const whole = bad.findings.find((f) => f.item === "2.1-5")!;
      expect(whole.mark).toBe("fail");
      expect(whole.reason.en).toMatch(/Signed without a warning: doc-docx-picture/);
    } finally {
      rmSync(bad.out, { recursive: true, force: true });
    }
  }, 600_000);
});
