import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import { loadChecklist } from "../../checklist/load.ts";
import { planItem } from "../../checklist/plan.ts";
import probe from "./4.1-5.ts";

const withText = (extra: string) => {
  const e = screenEvidence();
  e.steps = e.steps.map((s) => (s.step === "window-result" ? { ...s, domText: `${s.domText}\n${extra}` } : s));
  return e;
};

describe("4.1-5: messages meet individual needs (a language choice)", () => {
  const cases: { name: string; e: () => ReturnType<typeof screenEvidence>; verdict: string; reason: RegExp }[] = [
    { name: "Turkish only", e: () => screenEvidence(), verdict: "fail", reason: /Only one language seen \(Turkish\)/ },
    {
      name: "messages in Turkish and English",
      e: () => withText("The document was signed. You can cancel the signature and sign again."),
      verdict: "pass",
      reason: /more than one language/,
    },
    {
      name: "a language choice",
      e: () => withText("Dil seçimi: Türkçe | English"),
      verdict: "pass",
      reason: /language choice is seen/,
    },
    {
      name: "texts not kept inline",
      e: () => {
        const e = screenEvidence();
        e.steps = e.steps.map(({ domText: _, ...s }) => s);
        return e;
      },
      verdict: "undetermined",
      reason: /not kept inline/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-5", probe, { "window-review": c.e() }, profileWith({ internationalUsers: true }));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
  it("the plan applies it only when the profile declares international users", () => {
    const cl = loadChecklist();
    const item = cl.byId.get("4.1-5")!;
    expect(planItem(item, profileWith({ internationalUsers: true })).status).toBe("applies");
    const na = planItem(item, profileWith({ internationalUsers: false }));
    expect(na.status).toBe("not-applicable");
    expect(na.reason.en).toMatch(/internationalUsers: no/);
  });
});
