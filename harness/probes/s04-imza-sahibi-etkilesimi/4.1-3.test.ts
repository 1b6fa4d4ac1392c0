import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import type { ScreenSessionEvidence } from "../../sessions/catalogue.ts";
import probe from "./4.1-3.ts";

const good = screenEvidence();
const confirm = (over: Partial<NonNullable<ScreenSessionEvidence["confirmView"]>>) =>
  screenEvidence({ confirmView: { ...good.confirmView!, ...over } });

describe("4.1-3: the signer is informed at every point of control", () => {
  const cases: { name: string; e: () => ScreenSessionEvidence; verdict: string; reason: RegExp }[] = [
    {
      name: "document, confirm with PIN, outcome",
      e: () => screenEvidence(),
      verdict: "pass",
      reason: /every point of control/,
    },
    {
      name: "signed without showing the document",
      e: () => screenEvidence({ documentView: null }),
      verdict: "fail",
      reason: /no document step/,
    },
    {
      name: "no qualified-signature warning",
      e: () => confirm({ qualifiedWarning: undefined }),
      verdict: "fail",
      reason: /no qualified-signature warning/,
    },
    {
      name: "no cancel at the warning",
      e: () => confirm({ cancelOffered: false }),
      verdict: "fail",
      reason: /confirm step offers no cancel/,
    },
    {
      name: "no certificate information, no PIN field",
      e: () => {
        const e = confirm({ certificateInfo: "" });
        delete e.confirmView!.pinField;
        return e;
      },
      verdict: "fail",
      reason: /no certificate information; the PIN is not asked/,
    },
    {
      name: "a silent outcome",
      e: () => screenEvidence({ outcome: { status: "signed", message: "" } }),
      verdict: "fail",
      reason: /told in no message/,
    },
    {
      name: "the window ended before the confirm step",
      e: () => {
        const e = unsignedEvidence({ outcome: { status: "failed", message: "Ajan yanıt vermedi." } });
        delete e.confirmView;
        return e;
      },
      verdict: "undetermined",
      reason: /never reached/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-3", probe, { "window-review": c.e() });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
