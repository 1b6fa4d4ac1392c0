import { describe, expect, it } from "vitest";
import { loadChecklist } from "../checklist/load.ts";
import { coverage } from "./coverage.ts";
import { ProbeRegistry, registry, validateProbes } from "./registry.ts";
import type { Probe } from "./types.ts";

const cl = loadChecklist();
const probe = (id: string, covers: string[]): Probe => ({
  id,
  title: { tr: "deneme", en: "trial" },
  covers,
  needs: ["pki"],
  run: async () => [],
});

describe("coverage", () => {
  it("with no probes: 0 automated covered, every item not assessed", () => {
    expect(registry.list()).toEqual([]);
    const c = coverage(cl, registry.list());
    expect(c.totals.items).toBe(cl.items.length);
    expect(c.totals.withProbe).toBe(0);
    expect(c.totals.automatedCovered).toBe(0);
    expect(c.totals.automatedItems).toBe(cl.items.filter((i) => i.evidence.kind === "automated").length);
    expect(c.totals.notAssessed).toBe(cl.items.length);
    expect(new Set(c.items.map((i) => i.mark))).toEqual(new Set(["not-assessed"]));
  });

  it("a registered probe counts as coverage, but its items stay not assessed until a campaign runs", () => {
    const r = new ProbeRegistry();
    r.register(probe("sig.timestamp", ["10-3", "11.7.7-1"]));
    const c = coverage(cl, r.list());
    expect(c.totals.withProbe).toBe(2);
    expect(c.items.find((i) => i.itemId === "10-3")!.probes).toEqual(["sig.timestamp"]);
    expect(c.items.every((i) => i.mark === "not-assessed")).toBe(true);
    expect(c.bySection.find((s) => s.section === "10")).toEqual({ section: "10", items: 3, withProbe: 1 });
  });

  it("rejects probes covering unknown items, duplicates and malformed ids", () => {
    expect(validateProbes([probe("x", ["10-3", "99-1"])], cl)).toEqual([
      'probe x: covers unknown checklist item "99-1"',
    ]);
    expect(() => coverage(cl, [probe("x", ["99-1"])])).toThrow(/99-1/);
    const r = new ProbeRegistry();
    r.register(probe("a", ["1.1-1"]));
    expect(() => r.register(probe("a", ["1.1-1"]))).toThrow(/twice/);
    expect(() => r.register(probe("Bad Id", ["1.1-1"]))).toThrow(/lower-case/);
    expect(() => r.register(probe("b", []))).toThrow(/covers no/);
  });
});
