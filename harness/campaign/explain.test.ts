import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadChecklist } from "../checklist/load.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { discoverProbes } from "../probes/registry.ts";
import { explainItem, findItem } from "./explain.ts";
import { readFindings, type Finding } from "./results.ts";

const cl = loadChecklist();
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** A campaign directory with one trace file as evidence and the given results lines. */
function campaign(lines: (Finding | string)[], evidence = '{"fn":"C_Login"}\n'): string {
  const dir = mkdtempSync(join(tmpdir(), "uyum-campaign-"));
  mkdirSync(join(dir, "evidence"));
  writeFileSync(join(dir, "evidence", `${sha(evidence)}.jsonl`), evidence);
  writeFileSync(
    join(dir, "results.jsonl"),
    lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"),
  );
  return dir;
}
const TRACE = '{"fn":"C_Login"}\n';
const finding: Finding = {
  item: "7.1-3",
  mark: "pass",
  reason: { tr: "Her imzadan önce erişim verisi girildi.", en: "The PIN was entered before every signature." },
  evidence: [{ kind: "pkcs11-trace", path: `evidence/${sha(TRACE)}.jsonl`, sha256: sha(TRACE), locator: "seq 1,3" }],
  probe: "harness/probes/s07-sscd-iletisimi/7.1-3.ts",
};

describe("uyum explain", () => {
  it("prints requirement, obligation, probe, how, sessions and test for 7.1-3", async () => {
    const probes = await discoverProbes(cl);
    const text = explainItem(cl, findItem(cl, "7.1-3"), probes.get("7.1-3"));
    expect(text).toMatch(/^7\.1-3 {2}Z \(zorunlu \/ mandatory\)/);
    expect(text).toContain("en: PIN entry follows one of these three modes:");
    expect(text).toContain("probe: harness/probes/s07-sscd-iletisimi/7.1-3.ts");
    expect(text).toMatch(/how:\n +tr: .*PKCS#11/);
    expect(text).toMatch(/sessions: sign-several \(/);
    expect(text).toContain("test: harness/probes/s07-sscd-iletisimi/7.1-3.test.ts");
  });

  it("a K item shows its condition; an item without a probe says it stays not assessed", () => {
    const k = cl.items.find((i) => i.obligation === "K" && i.condition)!;
    const text = explainItem(cl, k, undefined);
    expect(text).toContain("condition (K: N-A when it does not hold):");
    expect(text).toContain(`en: ${k.condition!.text.en}`);
    expect(text).toMatch(/probe: none yet: the item is "not assessed"/);
  });

  it("with a campaign: the finding, and each evidence file checked against its SHA-256", () => {
    const dir = campaign([finding]);
    const text = explainItem(cl, findItem(cl, "7.1-3"), undefined, { dir, finding: readFindings(dir).get("7.1-3") });
    expect(text).toContain("mark: ✓");
    expect(text).toMatch(/evidence: pkcs11-trace .*\.jsonl @ seq 1,3 \(sha256 ok\)/);
    const changed = campaign([finding], '{"fn":"C_Logout"}\n');
    writeFileSync(join(changed, finding.evidence[0]!.path), '{"fn":"C_Logout"}\n');
    const t2 = explainItem(cl, findItem(cl, "7.1-3"), undefined, {
      dir: changed,
      finding: readFindings(changed).get("7.1-3"),
    });
    expect(t2).toContain("SHA-256 DIFFERS");
  });

  it("an item the campaign never judged is not assessed; a suggested mark says so", () => {
    const dir = campaign([{ ...finding, item: "7.1-1", mark: "pass", suggested: true }]);
    const f = readFindings(dir);
    expect(explainItem(cl, findItem(cl, "7.1-3"), undefined, { dir, finding: f.get("7.1-3") })).toContain(
      "finding: none recorded: not assessed",
    );
    expect(explainItem(cl, findItem(cl, "7.1-1"), undefined, { dir, finding: f.get("7.1-1") })).toContain(
      "mark: ✓, suggested (not confirmed)",
    );
  });

  it("a broken results line is named by file and line, never skipped", () => {
    expect(() => readFindings(campaign([finding, "{not json"]))).toThrow(/results\.jsonl:2: not JSON/);
    expect(() => readFindings(campaign([{ ...finding, mark: "ok" as never }]))).toThrow(
      /results\.jsonl:1: item 7\.1-3: mark "ok" is not one of/,
    );
    expect(() => readFindings(mkdtempSync(join(tmpdir(), "uyum-empty-")))).toThrow(/not a campaign directory/);
  });

  it("the command: a typo gets a did-you-mean and exit 2", async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, ["bin/uyum.js", "explain", "1.3-2"], { cwd: PROJECT_ROOT });
    expect(ok.stdout).toContain("probe: harness/probes/s01-genel-guvenlik/1.3-2.ts");
    const bad = await run(process.execPath, ["bin/uyum.js", "explain", "7.1-33"], { cwd: PROJECT_ROOT }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no checklist item "7.1-33" (did you mean "7.1-3"?)'),
    });
  });
});
