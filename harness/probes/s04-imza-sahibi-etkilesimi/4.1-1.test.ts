import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import type { ScreenSessionEvidence } from "../../sessions/catalogue.ts";
import probe from "./4.1-1.ts";

const silent = (e: ScreenSessionEvidence, step: string) => {
  e.steps = e.steps.map((s) => (s.step === step ? { ...s, domText: "  " } : s));
  return e;
};

describe("4.1-1: the user is given the information to complete the operation", () => {
  const cases: {
    name: string;
    review: () => ScreenSessionEvidence;
    cancel?: () => ScreenSessionEvidence;
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "every screen speaks, both outcomes told",
      review: () => screenEvidence(),
      verdict: "pass",
      reason: /Every step's screen carries text/,
    },
    {
      name: "a window step with no text",
      review: () => silent(screenEvidence(), "window-confirm"),
      verdict: "fail",
      reason: /window-review \/ window-confirm: the screen has no text/,
    },
    {
      name: "signed in silence",
      review: () => screenEvidence({ outcome: { status: "signed", message: "", code: "OK" } }),
      verdict: "fail",
      reason: /it signed but no message says so/,
    },
    {
      name: "a cancel told as nothing",
      review: () => screenEvidence(),
      cancel: () => unsignedEvidence({ outcome: { status: "cancelled", message: "Tamam.", code: "USER_CANCELLED" } }),
      verdict: "fail",
      reason: /cancelled but no message says so/,
    },
    {
      name: "the signing walk did not sign",
      review: () => unsignedEvidence({ outcome: { status: "failed", message: "Ajan yanıt vermedi." } }),
      verdict: "undetermined",
      reason: /did not end in a signature/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-1", probe, {
        "window-review": c.review(),
        "cancel-at-warning": c.cancel?.() ?? unsignedEvidence(),
      });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
