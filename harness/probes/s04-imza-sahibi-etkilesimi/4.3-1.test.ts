import { describe, expect, it } from "vitest";
import { judge, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import probe from "./4.3-1.ts";

const idled = { idleTimeoutMs: 4000, idledMs: 7000 };
const timedOut = { status: "failed" as const, message: "İşlem zaman aşımına uğradı", code: "TIMEOUT" };

describe("4.3-1: an idle signing is stopped after the timeout; then the PIN is needed again", () => {
  const cases: { name: string; e: ReturnType<typeof screenEvidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "timed out, no C_Sign",
      e: unsignedEvidence({ ...idled, outcome: timedOut }),
      verdict: "pass",
      reason: /no signature was made and the card saw no C_Sign/,
    },
    {
      name: "signed after idling past the timeout",
      e: screenEvidence({ ...idled, trace: traceOf(signWithLogin()) }),
      verdict: "fail",
      reason: /still signed/,
    },
    {
      name: "timed out, but the window asks no PIN any more (an earlier login kept)",
      e: (() => {
        const e = unsignedEvidence({ ...idled, outcome: timedOut });
        delete e.confirmView!.pinField;
        return e;
      })(),
      verdict: "fail",
      reason: /does not ask for the PIN/,
    },
    {
      name: "no timeout declared",
      e: unsignedEvidence({ outcome: timedOut }),
      verdict: "undetermined",
      reason: /declares no idle timeout/,
    },
    {
      name: "never reached the confirm step",
      e: (() => {
        const e = unsignedEvidence({ ...idled });
        delete e.confirmView;
        return e;
      })(),
      verdict: "undetermined",
      reason: /never reached the confirm step/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.3-1", probe, { "idle-timeout": c.e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBeUndefined();
    });
});
