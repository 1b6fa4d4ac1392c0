import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import type { ChangePinEvidence } from "../../sessions/catalogue.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, traceOf } from "../../testing/probes/given.ts";
import probe from "./4.4-3.ts";

const HOW = "the profile's changePin command, the old and the new PIN on standard input";
const change = (rv = "CKR_OK"): Partial<TraceEvent>[] => [
  { fn: "C_OpenSession", slot: 9, session: 1 },
  { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 1 },
  { fn: "C_SetPIN", session: 1, pin_given: true, rv },
  { fn: "C_Logout", session: 1 },
];
const loginOnly = change().filter((c) => c.fn !== "C_SetPIN");
function evidence(
  calls: Partial<TraceEvent>[] | null,
  o: { exitCode?: number; newPinWorks?: boolean; oldPinWorks?: boolean } = {},
): { "change-pin": ChangePinEvidence } {
  if (calls === null) return { "change-pin": { card: "own-card", trace: traceOf([]) } };
  return {
    "change-pin": {
      offered: { how: HOW },
      attempt: attemptOf({ exitCode: o.exitCode ?? 0, said: "PIN değiştirildi / PIN changed", name: "change-pin" }),
      newPinWorks: o.newPinWorks ?? true,
      oldPinWorks: o.oldPinWorks ?? false,
      card: "own-card",
      trace: traceOf(calls),
    },
  };
}

describe("4.4-3: the user can change the PIN", () => {
  const cases: {
    name: string;
    given: ReturnType<typeof evidence>;
    pinChange?: boolean;
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "C_SetPIN done, the new PIN opens the card, the old one not",
      given: evidence(change()),
      verdict: "pass",
      reason: /the card took C_SetPIN, the new PIN opens the card and the old one no longer does/,
    },
    {
      name: "says changed, never calls C_SetPIN (pin-change-noop)",
      given: evidence(loginOnly, { newPinWorks: false, oldPinWorks: true }),
      verdict: "fail",
      reason: /saw no successful C_SetPIN; .*reported success for a change never made/,
    },
    {
      name: "C_SetPIN refused by the card, the command says so",
      given: evidence(change("CKR_PIN_LEN_RANGE"), { exitCode: 7, newPinWorks: false, oldPinWorks: true }),
      verdict: "fail",
      reason: /no successful C_SetPIN \(CKR_PIN_LEN_RANGE\)/,
    },
    {
      name: "C_SetPIN done but the new PIN does not open the card (another PIN set)",
      given: evidence(change(), { newPinWorks: false, oldPinWorks: false }),
      verdict: "fail",
      reason: /the new PIN does not open the card/,
    },
    {
      name: "not offered, declared so: N-A",
      given: evidence(null),
      pinChange: false,
      verdict: "not-applicable",
      reason: /declares the application offers no PIN change/,
    },
    {
      name: "not offered, nothing declared: ?",
      given: evidence(null),
      verdict: "undetermined",
      reason: /names no PIN-change command .*declare pinChange: false/,
    },
    {
      name: "declared offered but no command to drive it: ?",
      given: evidence(null),
      pinChange: true,
      verdict: "undetermined",
      reason: /though it declares pinChange: true/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge(
        "4.4-3",
        probe,
        c.given,
        profileWith(c.pinChange === undefined ? {} : { pinChange: c.pinChange }),
      );
      expect(j.verdict, JSON.stringify(j.reason)).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
});
