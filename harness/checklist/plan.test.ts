import { describe, expect, it } from "vitest";
import { loadProfile } from "../profile/load.ts";
import type { AppProfile } from "../profile/types.ts";
import { loadChecklist } from "./load.ts";
import { makePlan, planItem } from "./plan.ts";

const cl = loadChecklist();
const full = loadProfile("examples/profiles/ornek-ebys.yaml", cl);

describe("plan", () => {
  it("the full example: every item decided, N-A only for K items whose condition is false, with reasons naming the capability", () => {
    const plan = makePlan(cl, full);
    expect(plan.entries).toHaveLength(cl.items.length);
    expect(plan.counts.undetermined).toBe(0);
    expect(plan.counts.applies + plan.counts["not-applicable"]).toBe(cl.items.length);
    const na = plan.entries.filter((e) => e.status === "not-applicable");
    expect(na.length).toBeGreaterThan(0);
    for (const e of na) {
      expect(e.item.obligation).toBe("K");
      const caps = JSON.stringify(e.item.condition!.when).match(/"(declares|field)":"(\w+)"/)![2]!;
      expect(e.reason.en).toContain(caps);
      expect(e.reason.tr).toContain(caps);
    }
    expect(plan.entries.find((e) => e.itemId === "4.1-5")!.reason.en).toBe(
      "condition does not hold (footnote 8): the profile declares internationalUsers: no — For signature-creation software that has international users.",
    );
  });

  it("part filter: a creation-only app gets every verification item N-A with a reason", () => {
    const creationOnly: AppProfile = { ...full, assesses: ["creation"] };
    const plan = makePlan(cl, creationOnly);
    const ver = plan.entries.filter((e) => e.item.part === "verification");
    expect(ver.length).toBe(79);
    for (const e of ver) {
      expect(e.status).toBe("not-applicable");
      expect(e.reason.en).toContain("assesses only creation");
    }
    // creation, both and general items are still planned on their merits
    expect(plan.entries.find((e) => e.itemId === "D-4")!.status).toBe("applies"); // part: both
    expect(plan.entries.find((e) => e.itemId === "F-1")!.status).toBe("applies");
    expect(plan.entries.find((e) => e.itemId === "10-3")!.status).toBe("applies");
  });

  it("the minimal example: K items undetermined with what the profile must say, never silently N-A", () => {
    const min = loadProfile("examples/profiles/minimal.yaml", cl);
    const plan = makePlan(cl, min);
    const kCreation = plan.entries.filter((e) => e.item.obligation === "K" && e.item.part === "creation");
    expect(kCreation.length).toBe(13);
    for (const e of kCreation) {
      expect(e.status).toBe("undetermined");
      expect(e.needs!.length).toBeGreaterThan(0);
      for (const n of e.needs!) expect(e.reason.en).toContain(`capabilities.${n}`);
    }
    expect(plan.counts.undetermined).toBe(13);
    expect(plan.entries.find((e) => e.itemId === "F-1")!.answered).toBe(false);
  });

  it("declared items carry the vendor's statement in the reason", () => {
    const e = planItem(cl.byId.get("D-1")!, full);
    expect(e.reason.en).toContain("vendor declaration: accepted");
    const refused = planItem(cl.byId.get("D-1")!, { ...full, declarations: { "D-1": { accepted: false } } });
    expect(refused.reason.en).toContain("not accepted");
  });
});
