// The reference application's app profiles: schema-valid, every K item decided, their variants file is this
// app's flaws.yaml, and the checklist items each flaw names exist.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
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
  it("every checklist item a flaw claims to break exists", () => {
    const ids = new Set(cl.items.map((i) => i.id));
    for (const f of loadFlaws()) for (const item of f.breaks) expect(ids.has(item), `${f.id}: ${item}`).toBe(true);
    expect(existsSync(FLAWS_FILE)).toBe(true);
  });
});
