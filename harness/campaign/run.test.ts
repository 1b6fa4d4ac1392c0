// uyum run on a real application nobody here wrote: openssl cms, signing through the virtual card with libp11's
// pkcs11 engine, driven by the cli driver against the campaign's own PKI services (a free port of its own).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../core/paths.ts";
import { readFindings } from "./results.ts";
import { runCampaign, type RunOutcome } from "./run.ts";
import { verifyJournal } from "./store.ts";
import { renderSummary } from "./summary.ts";

const PIN = "739182";
const profile = (name: string) => join(PROJECT_ROOT, "examples", "profiles", name);
const fresh = () => join(mkdtempSync(join(tmpdir(), "uyum-campaign-")), "c");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("uyum run on openssl cms through the card (cli driver)", { timeout: 600_000 }, () => {
  let cades: RunOutcome;
  let plain: RunOutcome;
  const lines: string[] = [];
  beforeAll(async () => {
    cades = await runCampaign({
      profile: profile("openssl-cms.yaml"),
      out: fresh(),
      cardPin: PIN,
      progress: (l) => lines.push(l),
    });
    plain = await runCampaign({ profile: profile("openssl-cms-nocades.yaml"), out: fresh(), cardPin: PIN });
  }, 600_000);
  const mark = (r: RunOutcome, id: string) => r.findings.find((f) => f.item === id)!;

  it("with -cades: signing-certificate attribute ✓, SHA-256 ✓, a PIN per signature ✓ (one login per process)", () => {
    expect(mark(cades, "1.3-2")).toMatchObject({ mark: "pass", probe: "harness/probes/s01-genel-guvenlik/1.3-2.ts" });
    expect(mark(cades, "6-1")).toMatchObject({ mark: "pass" });
    expect(mark(cades, "7.1-3").mark).toBe("pass");
    expect(mark(cades, "7.1-3").reason.en).toMatch(/mode 1/);
    expect(lines.filter((l) => /sign-(once|several)/.test(l) && /TOTAL-PASSED/.test(l))).toHaveLength(4);
  });

  it("openssl takes the certificate from a file (-signer), not from the card: 7.3-1 ✗ from the trace", () => {
    expect(mark(cades, "7.3-1")).toMatchObject({
      mark: "fail",
      evidence: [expect.objectContaining({ kind: "pkcs11-trace" })],
    });
    expect(mark(cades, "7.3-1").reason.en).toMatch(/no certificate was read from the card at all/);
    expect(mark(cades, "5-3").mark).toBe("pass");
    expect(mark(cades, "5-2").mark).toBe("pass");
  });

  it("without -cades: the signing-certificate item is ✗ with the validation report as evidence", () => {
    const f = mark(plain, "1.3-2");
    expect(f.mark).toBe("fail");
    expect(f.evidence[0]).toMatchObject({ kind: "validation-report" });
    expect(readFileSync(join(plain.dir, f.evidence[0]!.path), "utf8")).toContain('"signatures"');
    expect(mark(plain, "5-3")).toMatchObject({ mark: "fail" });
    expect(mark(plain, "5-3").reason.en).toMatch(/signing-certificate .* missing .*FORMAT_FAILURE/);
  });

  it("no silent pass: every item has a mark with a reason; verification items are N-A saying why; no probe is not assessed", () => {
    expect(cades.findings).toHaveLength(cades.checklist.items.length);
    for (const f of cades.findings) expect(f.reason.en.length).toBeGreaterThan(10);
    expect(mark(cades, "11.1-1")?.mark ?? "not-applicable").toBe("not-applicable");
    const noProbe = cades.findings.filter((f) => f.mark === "not-assessed" && !f.probe);
    expect(noProbe.length).toBeGreaterThan(0);
    // an item observed on screen, with the cli driver: not assessed because the driver has no screen
    const observed = cades.checklist.items.find((i) => i.evidence.kind === "observed" && i.part === "creation")!;
    expect(mark(cades, observed.id)?.reason.en ?? "N-A").toMatch(/cli driver has no screen|N-A/);
    expect(cades.findings.some((f) => /cli driver has no screen/.test(f.reason.en))).toBe(true);
    expect(cades.findings.filter((f) => f.mark === "pass").every((f) => f.probe && f.evidence.length > 0)).toBe(true);
    // ✗: 7.3-1 (certificate from a file) and 1.2-1.a–e (openssl checks no signing-side certificate before signing);
    // ✓ among others 7.4-1: the template names the key by its PKCS#11 URI, and C_Sign used the key named; 7.1-1:
    // a wrong PIN handed to openssl reaches the card as given; 7.3-3: after the card is renewed openssl names the
    // renewed certificate (the template hands it the file); 4.4-3 ?: the profile names no PIN-change command;
    // ✗ 2.1-2: openssl cms writes no content-hints, and a text document's bytes do not say what it is
    expect(renderSummary(cades.checklist, cades.findings)).toMatch(/^all +10 +7 +\d+ /m);
    expect(mark(cades, "2.1-2").mark).toBe("fail");
    expect(mark(cades, "2.1-2").reason.en).toMatch(/carries no content-hints\/MimeType/);
    expect(mark(cades, "7.1-1").mark).toBe("pass");
    expect(mark(cades, "7.3-3").mark).toBe("pass");
    expect(mark(cades, "4.4-3").mark).toBe("undetermined");
    expect(mark(cades, "7.4-1").mark).toBe("pass");
    for (const id of ["1.2-1.a", "1.2-1.b", "1.2-1.c", "1.2-1.d", "1.2-1.e"])
      expect(mark(cades, id).mark, id).toBe("fail");
    // the openssl profile answers no form field and declares nothing: those are ?, saying so
    expect(mark(cades, "F-1")).toMatchObject({ mark: "undetermined", probe: "harness/probes/by-kind/form-field.ts" });
    expect(mark(cades, "D-4").reason.en).toMatch(/no vendor declaration for D-4/);
  });

  it("the PIN typed into the card is in no byte of the campaign directory", () => {
    const files = filesUnder(cades.dir);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from(PIN)), f).toBe(false);
  });

  it("every cited evidence file is in the store with the SHA-256 it is cited by; the journal chain holds", () => {
    for (const f of readFindings(cades.dir).values())
      for (const e of f.evidence)
        // by content, not size: the empty document 1.3-1 cites is zero bytes, and is what was given
        expect(
          createHash("sha256")
            .update(readFileSync(join(cades.dir, e.path)))
            .digest("hex"),
          e.path,
        ).toBe(e.sha256);
    expect(verifyJournal(cades.dir)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("resume: findings lost from the journal's end are redone, stored sessions are not run again", async () => {
    const file = join(plain.dir, "results.jsonl");
    const before = readFileSync(file, "utf8").trim().split("\n");
    writeFileSync(file, `${before.slice(0, 20).join("\n")}\n`);
    const log: string[] = [];
    const again = await runCampaign({
      profile: profile("openssl-cms-nocades.yaml"),
      out: plain.dir,
      resume: true,
      progress: (l) => log.push(l),
    });
    expect(log[0]).toMatch(/sessions to run: none/);
    expect(again.findings.map((f) => [f.item, f.mark])).toEqual(plain.findings.map((f) => [f.item, f.mark]));
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(before.length);
  });

  it("a journal edited afterwards is refused on resume, naming the line", async () => {
    const file = join(cades.dir, "results.jsonl");
    const ls = readFileSync(file, "utf8").split("\n");
    const edited = ls[4]!.includes('"mark":"fail"')
      ? ls[4]!.replace('"mark":"fail"', '"mark":"pass"')
      : ls[4]!.replace(/"mark":"[a-z-]+"/, '"mark":"fail"');
    expect(edited).not.toBe(ls[4]);
    ls[4] = edited;
    writeFileSync(file, ls.join("\n"));
    await expect(runCampaign({ profile: profile("openssl-cms.yaml"), out: cades.dir, resume: true })).rejects.toThrow(
      /results\.jsonl:5: the journal chain breaks here/,
    );
  });

  it("an application that cannot be run is a result: 5-3 ✗ naming how it ended, the campaign completes", async () => {
    const broken = join(mkdtempSync(join(tmpdir(), "uyum-profile-")), "kirik.yaml");
    writeFileSync(
      broken,
      readFileSync(profile("openssl-cms.yaml"), "utf8")
        .replace("command: [openssl,", "command: [/nonexistent/imzaci,")
        .replace("../../harness", join(PROJECT_ROOT, "harness")),
    );
    const r = await runCampaign({ profile: broken, out: fresh(), cardPin: PIN });
    expect(mark(r, "5-3")).toMatchObject({ mark: "fail", evidence: [expect.objectContaining({ kind: "stderr" })] });
    expect(mark(r, "5-3").reason.en).toMatch(/could not run \/nonexistent\/imzaci: ENOENT/);
    expect(mark(r, "1.3-2").mark).toBe("undetermined");
    expect(r.findings).toHaveLength(r.checklist.items.length);
  });

  it("a new run into an existing campaign is refused (resume it instead)", async () => {
    await expect(runCampaign({ profile: profile("openssl-cms.yaml"), out: cades.dir })).rejects.toThrow(
      /already holds a campaign/,
    );
  });
});
