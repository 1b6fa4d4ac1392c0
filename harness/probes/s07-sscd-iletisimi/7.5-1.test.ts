import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import { judge, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import probe from "./7.5-1.ts";

const refusedLogin: Partial<TraceEvent>[] = [
  { fn: "C_OpenSession", session: 1 },
  { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 1, rv: "CKR_PIN_INCORRECT" },
  { fn: "C_CloseSession", session: 1 },
];
const session = (wrong: ReturnType<typeof attemptOf>, calls = [...refusedLogin, ...signWithLogin()]) => ({
  "wrong-pin-once": {
    requested: { format: "CAdES", level: "BES" },
    wrong,
    right: attemptOf({ signed: true }),
    pinMaxTries: 3,
    trace: traceOf(calls),
  },
});

describe("7.5-1: a wrong PIN is reported to the user", () => {
  const cases: {
    name: string;
    wrong: ReturnType<typeof attemptOf>;
    calls?: Partial<TraceEvent>[];
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "the card refused the PIN and the app said so, with the tries left",
      wrong: attemptOf({ said: "ornek-imzaci: PIN_INCORRECT: wrong PIN / PIN hatalı (1 try left)", exitCode: 3 }),
      verdict: "pass",
      reason: /said so: «ornek-imzaci: PIN_INCORRECT.*with the tries left/,
    },
    {
      name: "the app said so without the tries left",
      wrong: attemptOf({ said: "Hatalı PIN girdiniz", exitCode: 3 }),
      verdict: "pass",
      reason: /the tries left were not given/,
    },
    {
      name: "the app exited with its wrong-PIN code and said nothing (no-wrong-pin-message)",
      wrong: attemptOf({ said: "", exitCode: 3 }),
      verdict: "fail",
      reason: /was not told the PIN was wrong/,
    },
    {
      name: "the app said something that is not about the PIN",
      wrong: attemptOf({ said: "error: operation failed", exitCode: 1 }),
      verdict: "fail",
      reason: /says nothing about the PIN: «error: operation failed»/,
    },
    {
      name: "the app hung waiting (asks again for ever)",
      wrong: attemptOf({ said: "PIN:", timedOut: true }),
      verdict: "fail",
      reason: /did not finish and was stopped/,
    },
    {
      name: "the app signed although the PIN was wrong",
      wrong: attemptOf({ signed: true }),
      verdict: "fail",
      reason: /still wrote a signature/,
    },
    {
      name: "the wrong PIN never reached the card",
      wrong: attemptOf({ said: "usage error", exitCode: 2 }),
      calls: signWithLogin(),
      verdict: "undetermined",
      reason: /never reached the card/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.5-1", probe, session(c.wrong, c.calls));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(20);
    });

  it("cites the refused login in the trace", () => {
    const j = judge("7.5-1", probe, session(attemptOf({ said: "PIN hatalı", exitCode: 3 })));
    if (j.verdict === "not-assessed") throw new Error("not assessed");
    expect(j.evidence[0]).toMatchObject({ kind: "pkcs11-trace", locator: "seq 1" });
  });

  it("without the session the item is not assessed", () => {
    expect(judge("7.5-1", probe, {}).verdict).toBe("not-assessed");
  });
});
