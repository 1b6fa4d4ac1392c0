import { describe, expect, it } from "vitest";
import { judge, refOf, traceOf } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import type { ScreenSessionEvidence, WrongPinOnceEvidence } from "../../sessions/catalogue.ts";
import type { AppAttempt } from "../../sessions/evidence.ts";
import probe from "./4.1-2.ts";

const attempt = (said: string): AppAttempt => ({
  name: "wrong-pin",
  requested: { format: "CAdES", level: "BES" },
  ended: "web ended without signing",
  exitCode: null,
  timedOut: false,
  said,
  stdout: refOf("stdout", said, "txt"),
  stderr: refOf("stderr", "", "txt"),
});
const wrongPin = (said: string | null): WrongPinOnceEvidence => ({
  requested: { format: "CAdES", level: "BES" },
  ...(said === null ? {} : { wrong: attempt(said), right: attempt("signed OK") }),
  pinMaxTries: 3,
  trace: traceOf([{ fn: "C_Login", rv: "CKR_PIN_INCORRECT" }]),
});
const good = screenEvidence();

describe("4.1-2: messages state the consequences correctly", () => {
  const cases: {
    name: string;
    review?: () => ScreenSessionEvidence;
    cancel?: () => ScreenSessionEvidence;
    said?: string | null;
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "warning, cancel, wrong PIN and success all told",
      verdict: "pass",
      reason: /legal effect; a cancelled signing says "İmza iptal edildi\."/,
    },
    {
      name: "no qualified-signature warning",
      review: () => screenEvidence({ confirmView: { ...good.confirmView!, qualifiedWarning: undefined } }),
      verdict: "fail",
      reason: /no qualified-signature warning/,
    },
    {
      name: "a warning without its legal effect",
      review: () =>
        screenEvidence({
          confirmView: { ...good.confirmView!, qualifiedWarning: "Nitelikli elektronik imza oluşturulacak." },
        }),
      verdict: "fail",
      reason: /does not state the qualified signature and its legal effect/,
    },
    {
      name: "cancelled, but a signature was made",
      cancel: () =>
        screenEvidence({ cancelled: true, outcome: { status: "cancelled", message: "İmza iptal edildi." } }),
      verdict: "fail",
      reason: /cancelled at the warning but a signature was made/,
    },
    {
      name: "a cancel told as an error",
      cancel: () => unsignedEvidence({ cancelled: true, outcome: { status: "cancelled", message: "Hata 17." } }),
      verdict: "fail",
      reason: /does not say it was cancelled/,
    },
    {
      name: "a wrong PIN told as a general error",
      said: "İşlem başarısız oldu.",
      verdict: "fail",
      reason: /not called a PIN problem/,
    },
    {
      name: "no cancel possible: its message unseen",
      cancel: () => unsignedEvidence({ cancelled: false, outcome: { status: "signed", message: "" } }),
      verdict: "undetermined",
      reason: /could not cancel/,
    },
    { name: "no wrong PIN tried", said: null, verdict: "undetermined", reason: /no wrong PIN could be tried/ },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("4.1-2", probe, {
        "window-review": c.review?.() ?? screenEvidence(),
        "cancel-at-warning": c.cancel?.() ?? unsignedEvidence({ cancelled: true }),
        "wrong-pin-once": wrongPin(c.said === undefined ? "PIN hatalı. Kalan deneme hakkı: 2." : c.said),
      });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
