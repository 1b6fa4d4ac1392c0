import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import probe from "./7.5-2.ts";

const login = (pid: number, rv: string): Partial<TraceEvent> => ({
  fn: "C_Login",
  user: "CKU_USER",
  pin_given: true,
  pid,
  rv,
});
const wrongPins = [login(1, "CKR_PIN_INCORRECT"), login(2, "CKR_PIN_INCORRECT"), login(3, "CKR_PIN_INCORRECT")];
const wrong = [1, 2, 3].map((i) =>
  attemptOf({
    name: `w${i}`,
    said: i === 3 ? "PIN_LOCKED: the PIN is locked / PIN bloke oldu" : "PIN hatalı",
    exitCode: i === 3 ? 4 : 3,
  }),
);
const session = (
  afterLock: ReturnType<typeof attemptOf>,
  calls: Partial<TraceEvent>[],
  lockedAfter: number | null,
) => ({
  "wrong-pin-until-locked": {
    requested: { format: "CAdES", level: "BES" },
    wrong,
    ...(lockedAfter !== null ? { lockedAfter, afterLock } : {}),
    pinMaxTries: 3,
    card: "own-card" as const,
    trace: traceOf(calls),
  },
});

describe("7.5-2: a locked PIN is reported, and the application stops asking", () => {
  const cases: {
    name: string;
    afterLock: ReturnType<typeof attemptOf>;
    calls: Partial<TraceEvent>[];
    lockedAfter?: number | null;
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "locked: one C_Login answered CKR_PIN_LOCKED, and it says the PIN is locked",
      afterLock: attemptOf({ said: "ornek-imzaci: PIN_LOCKED: the PIN is locked / PIN bloke oldu", exitCode: 4 }),
      calls: [...wrongPins, login(4, "CKR_PIN_LOCKED")],
      verdict: "pass",
      reason: /locked at wrong PIN 3.*did not log in again.*reported at the locking attempt too/,
    },
    {
      name: "it logs in again in the same process after CKR_PIN_LOCKED (pin-locked-retry)",
      afterLock: attemptOf({ said: "PIN_INCORRECT: wrong PIN", exitCode: 3 }),
      calls: [...wrongPins, login(4, "CKR_PIN_LOCKED"), login(4, "CKR_PIN_LOCKED")],
      verdict: "fail",
      reason: /called C_Login 1 more time\(s\) in the same process/,
    },
    {
      name: "it calls a locked PIN a wrong PIN",
      afterLock: attemptOf({ said: "PIN_INCORRECT: wrong PIN / PIN hatalı", exitCode: 3 }),
      calls: [...wrongPins, login(4, "CKR_PIN_LOCKED")],
      verdict: "fail",
      reason: /did not say the PIN is locked/,
    },
    {
      name: "it says nothing",
      afterLock: attemptOf({ said: "", exitCode: 4 }),
      calls: [...wrongPins, login(4, "CKR_PIN_LOCKED")],
      verdict: "fail",
      reason: /saying nothing: it did not say the PIN is locked/,
    },
    {
      name: "the card never locked (the app did not pass the wrong PINs on)",
      afterLock: attemptOf({ said: "" }),
      calls: [],
      lockedAfter: null,
      verdict: "undetermined",
      reason: /was not locked/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.5-2", probe, session(c.afterLock, c.calls, c.lockedAfter === undefined ? 3 : c.lockedAfter));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(20);
    });
});
