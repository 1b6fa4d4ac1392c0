import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import probe from "./4.1-6.ts";

const pulled: Partial<TraceEvent>[] = [
  { fn: "C_Login", user: "CKU_USER", pin_given: true },
  { fn: "C_SignInit", mech: "CKM_SHA256_RSA_PKCS" },
  { fn: "C_Sign", rv: "CKR_DEVICE_REMOVED" },
];
const session = (attempt: ReturnType<typeof attemptOf>, calls = pulled) => ({
  "card-removed": {
    requested: { format: "CAdES", level: "BES" },
    fault: "pulled at C_Sign",
    attempt,
    trace: traceOf(calls),
  },
});

describe("4.1-6: a card pulled while signing is reported as a failure", () => {
  const cases = [
    {
      name: "error exit and a message",
      attempt: attemptOf({ said: "ornek-imzaci: CARD_REMOVED: the card was removed", exitCode: 5 }),
      verdict: "pass",
      reason: /wrote no signature, ended with an error .* «ornek-imzaci: CARD_REMOVED/,
    },
    {
      name: "silent success exit (card-removed-silent)",
      attempt: attemptOf({ said: "", exitCode: 0 }),
      verdict: "fail",
      reason: /exiting with success: the failure was not reported/,
    },
    {
      name: "says something but exits with success and writes nothing",
      attempt: attemptOf({ said: "tamamlandı", exitCode: 0 }),
      verdict: "fail",
      reason: /exiting with success/,
    },
    {
      name: "error exit but no message",
      attempt: attemptOf({ said: "", exitCode: 5 }),
      verdict: "fail",
      reason: /saying nothing/,
    },
    { name: "hangs", attempt: attemptOf({ timedOut: true }), verdict: "fail", reason: /did not finish/ },
    {
      name: "never reached C_Sign",
      attempt: attemptOf({ said: "usage", exitCode: 2 }),
      calls: [{ fn: "C_Initialize" }],
      verdict: "undetermined",
      reason: /never pulled/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-6", probe, session(c.attempt, c.calls ?? pulled));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
