// The KAMU SM scenario table is data (vectors/scenarios/kamusm.yaml): it loads whole, and a broken entry is
// reported in the core error dialect (file, scenario, field, line and column, did-you-mean), every problem at once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "../core/issues.ts";
import { KAMUSM_SCENARIOS_FILE, loadKamusmScenarios } from "./kamusm-scenarios.ts";
import { FORMATS, LEVELS, PACKAGINGS, PROFILES } from "./manifest.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-kamusm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real table with `edit` applied to its text, written to a temp file; the problems loading it reports. */
function problemsAfter(edit: (text: string) => string) {
  const file = join(dir, "kamusm.yaml");
  const text = readFileSync(KAMUSM_SCENARIOS_FILE, "utf8");
  const edited = edit(text);
  expect(edited).not.toBe(text); // the edit found its target
  writeFileSync(file, edited);
  try {
    loadKamusmScenarios(file, "kamusm.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("the broken table loaded");
}

describe("KAMU SM scenario table", () => {
  it("loads every scenario with renderings made of known formats, packagings, levels and profiles", () => {
    const table = loadKamusmScenarios();
    expect(table).toHaveLength(85);
    expect(new Set(table.map((s) => s.n)).size).toBe(85);
    for (const s of table)
      for (const [format, packaging, level, profile] of s.as) {
        expect(FORMATS).toContain(format);
        expect(PACKAGINGS).toContain(packaging);
        expect(LEVELS).toContain(level);
        if (profile !== undefined) expect(PROFILES).toContain(profile);
      }
    const p44 = table.find((s) => s.n === "P4_4")!;
    expect(p44.spec?.policy?.hashValue).toBeInstanceOf(Uint8Array); // hex in the file, bytes for the signer
    expect(Buffer.from(p44.spec!.policy!.hashValue).toString("hex")).toMatch(/^ff39bd29/);
  });

  it("names the scenario, field, line and a did-you-mean for a misspelt field", () => {
    const issues = problemsAfter((t) => t.replace('  - n: "5"\n    en:', '  - n: "5"\n    enn:'));
    const typo = issues.find((i) => i.field === "enn")!;
    expect(typo).toMatchObject({
      file: "kamusm.yaml",
      item: "scenario 5",
      message: expect.stringMatching(/did you mean "en"/),
    });
    expect(typo.line).toBeGreaterThan(1);
    expect(issues.some((i) => i.item === "scenario 5" && i.field === "en" && /missing required/.test(i.message))).toBe(
      true,
    );
  });

  it("rejects a rendering with an unknown level and a sub-indication of the wrong indication, both at once", () => {
    const issues = problemsAfter((t) =>
      t
        .replace("as: [ CAdES attached BES, CAdES detached T P2, XAdES enveloped BES ]", "as: [ CAdES attached BEST ]")
        .replace("subIndication: HASH_FAILURE", "subIndication: NO_POE"),
    );
    expect(issues.find((i) => i.item === "scenario 1" && i.field === "as[0]")?.message).toMatch(/must match/);
    expect(issues.some((i) => i.item === "scenario 5" && i.field?.startsWith("expected"))).toBe(true);
  });

  it("rejects a scenario listed twice", () => {
    const issues = problemsAfter((t) => t.replace('  - n: "6"\n', '  - n: "5"\n'));
    expect(issues).toEqual([
      expect.objectContaining({ item: "scenario 5", field: "n", message: 'scenario "5" is listed twice' }),
    ]);
  });
});
