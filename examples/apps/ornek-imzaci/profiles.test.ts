// The reference application's app profiles: schema-valid, every K item decided, their variants file is this
// app's flaws.yaml, and the checklist items each flaw names exist.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { cliSignTemplates } from "../../../harness/drivers/cli-profile.ts";
import { loadChecklist } from "../../../harness/checklist/load.ts";
import { makePlan } from "../../../harness/checklist/plan.ts";
import { loadProfile } from "../../../harness/profile/load.ts";
import { FLAWS_FILE, loadFlaws } from "./flaws.ts";

const cl = loadChecklist();

describe("examples/profiles/ornek-imzaci*.yaml", () => {
  for (const [name, kind] of [
    ["ornek-imzaci", "web"],
    ["ornek-imzaci-cli", "cli"],
    ["ornek-imzaci-http", "http"],
  ] as const)
    it(`${name}: loads, drives with ${kind}, decides every item, names flaws.yaml as its variants`, () => {
      const file = `examples/profiles/${name}.yaml`;
      const p = loadProfile(file, cl);
      expect(p.driver?.kind).toBe(kind);
      expect(resolve(dirname(file), p.variants!.file)).toBe(FLAWS_FILE);
      expect(p.variants?.env).toBe("ORNEK_IMZACI_FLAW");
      const plan = makePlan(cl, p);
      expect(plan.counts.undetermined).toBe(0);
    });
  it("the cli profile's sign templates are valid for the cli driver; the program, named relative to the profile, is found", () => {
    const { templates, issues } = cliSignTemplates(loadProfile("examples/profiles/ornek-imzaci-cli.yaml", cl));
    expect(issues).toEqual([]);
    expect(templates.map((t) => `${t.format} ${t.level}`)).toEqual([
      "CAdES BES",
      "CAdES EPES",
      "CAdES T",
      "XAdES BES",
      "XAdES T",
    ]);
    for (const t of templates) {
      expect(isAbsolute(t.command[0]!)).toBe(true);
      expect(existsSync(t.command[0]!)).toBe(true);
      expect(t.pin).toEqual({ stdin: true });
    }
  });
  it("every checklist item a flaw claims to break exists", () => {
    const ids = new Set(cl.items.map((i) => i.id));
    for (const f of loadFlaws()) for (const item of f.breaks) expect(ids.has(item), `${f.id}: ${item}`).toBe(true);
    expect(existsSync(FLAWS_FILE)).toBe(true);
  });
});
