import { describe, expect, it } from "vitest";
import { judge, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import { unsignedEvidence } from "../../testing/probes/screen.ts";
import probe from "./4.4-2.ts";

describe("4.4-2: signing only at the signer's request: cancel at the warning signs nothing", () => {
  const cases: { name: string; e: ReturnType<typeof unsignedEvidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "cancelled, no C_Sign",
      e: unsignedEvidence({ cancelled: true }),
      verdict: "pass",
      reason: /made no signature and the card saw no C_Sign/,
    },
    {
      name: "no cancel offered",
      e: unsignedEvidence({ cancelled: false }),
      verdict: "fail",
      reason: /offers no cancel/,
    },
    {
      name: "cancelled, but the card signed",
      e: unsignedEvidence({ cancelled: true, trace: traceOf(signWithLogin()) }),
      verdict: "fail",
      reason: /signature was made anyway/,
    },
    {
      name: "never reached the confirm step",
      e: (() => {
        const e = unsignedEvidence({ cancelled: true });
        delete e.confirmView;
        return e;
      })(),
      verdict: "undetermined",
      reason: /never reached/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.4-2", probe, { "cancel-at-warning": c.e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
