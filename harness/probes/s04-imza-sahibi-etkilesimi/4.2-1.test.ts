import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./4.2-1.ts";

const base = screenEvidence().confirmView!;

describe("4.2-1: the qualified-signature warning right before the card, with cancel", () => {
  const cases: { name: string; confirm?: Partial<typeof base> | null; verdict: string; reason: RegExp }[] = [
    { name: "the reference warning with cancel", verdict: "pass", reason: /warning is shown and cancel is offered/ },
    {
      name: "no warning",
      confirm: { qualifiedWarning: undefined },
      verdict: "fail",
      reason: /no qualified-electronic-signature warning/,
    },
    {
      name: "a warning that names no qualified signature",
      confirm: { qualifiedWarning: "İmzalamak üzeresiniz; elle atılan imza ile aynıdır." },
      verdict: "fail",
      reason: /does not name a qualified/,
    },
    {
      name: "a warning without the legal equivalence",
      confirm: { qualifiedWarning: "Nitelikli elektronik imza oluşturulacak." },
      verdict: "fail",
      reason: /does not say it equals a handwritten/,
    },
    {
      name: "English words, case and punctuation aside",
      confirm: {
        qualifiedWarning: "You are about to create a QUALIFIED electronic-signature, equal to a handwritten signature.",
      },
      verdict: "pass",
      reason: /cancel is offered/,
    },
    {
      name: "the warning without cancel",
      confirm: { cancelOffered: false },
      verdict: "fail",
      reason: /no cancel is offered/,
    },
    {
      name: "the window never reached the confirm step",
      confirm: null,
      verdict: "undetermined",
      reason: /never reached this step/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = screenEvidence(c.confirm === null ? {} : { confirmView: { ...base, ...c.confirm } });
      if (c.confirm === null) delete e.confirmView;
      const j = judge("4.2-1", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") {
        expect(j.suggested).toBe(true);
        expect(j.evidence.map((r) => r.kind)).toContain("screenshot");
      }
    });
  it("without the window-review session: not assessed", () =>
    expect(judge("4.2-1", probe, {}).verdict).toBe("not-assessed"));
});
