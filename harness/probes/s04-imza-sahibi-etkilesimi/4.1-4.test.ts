import { describe, expect, it } from "vitest";
import { judge, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import probe from "./4.1-4.ts";

const session = (wrong: ReturnType<typeof attemptOf>, right: ReturnType<typeof attemptOf>) => ({
  "wrong-pin-once": {
    requested: { format: "CAdES", level: "BES" },
    wrong,
    right,
    pinMaxTries: 3,
    trace: traceOf(signWithLogin()),
  },
});

describe("4.1-4: a wrong PIN is tolerated: a guiding message, then the right PIN completes the signing", () => {
  const cases = [
    {
      name: "message, then signed",
      wrong: attemptOf({ said: "PIN hatalı / wrong PIN", exitCode: 3 }),
      right: attemptOf({ signed: true }),
      verdict: "pass",
      reason: /did not sign and said «PIN hatalı/,
    },
    {
      name: "no message (no-wrong-pin-message)",
      wrong: attemptOf({ said: "", exitCode: 3 }),
      right: attemptOf({ signed: true }),
      verdict: "fail",
      reason: /no message guiding the user/,
    },
    {
      name: "message, but the right PIN does not sign",
      wrong: attemptOf({ said: "PIN hatalı", exitCode: 3 }),
      right: attemptOf({ said: "PIN hatalı", exitCode: 3 }),
      verdict: "fail",
      reason: /correction did not complete/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-4", probe, session(c.wrong, c.right));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
