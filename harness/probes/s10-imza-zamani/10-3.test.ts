import { describe, expect, it } from "vitest";
import type { ValidationCheck } from "../../ades/verdict.ts";
import type { BadTimestampCase, BadTimestampsEvidence, TimestampFault } from "../../sessions/catalogue.ts";
import type { AppAttempt } from "../../sessions/evidence.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, traceOf } from "../../testing/probes/given.ts";
import probe from "./10-3.ts";

const TS_FORGED: ValidationCheck = {
  id: "timestamp-signature",
  result: "failed",
  reason: {
    tr: "imza zaman damgası: imza doğrulanamadı",
    en: "signature time-stamp: the token's signature does not verify",
  },
  subIndication: "SIG_CRYPTO_FAILURE",
};
const TS_OK: ValidationCheck = { id: "timestamp-signature", result: "passed", reason: { tr: "geçerli", en: "valid" } };

/** A CAdES-T the app wrote, as uyum's validator reported it: its time-stamp checks and how many time-stamps. */
function signedT(checks: ValidationCheck[], timestamps = 1): AppAttempt {
  const a = attemptOf({ signed: true, name: "imza" });
  a.output!.validation = {
    ...a.output!.validation,
    signatures: [
      {
        id: "S1",
        checks,
        timestamps: Array.from({ length: timestamps }, () => ({ kind: "signature", ok: true })),
      },
    ],
  } as unknown as NonNullable<AppAttempt["output"]>["validation"];
  return a;
}
const refused = (said: string) => attemptOf({ said, exitCode: 7 });
const c = (fault: TimestampFault, attempt: AppAttempt): BadTimestampCase => ({
  fault,
  description: { tr: `durum ${fault}`, en: `case ${fault}` },
  attempt,
});
const BAD: TimestampFault[] = ["forged-signature", "wrong-imprint", "untrusted-tsa", "expired-tsa"];
const REFUSALS = BAD.map((f) => c(f, refused(`INTERNAL: the time-stamp token is not valid (${f})`)));
const session = (cases: BadTimestampCase[], o: Partial<BadTimestampsEvidence> = {}) => ({
  "bad-timestamps": { cases, notTried: [], trace: traceOf([]), ...o },
});

describe("10-3: the time-stamp's validity is checked when the application adds one", () => {
  const cases: { name: string; given: ReturnType<typeof session>; verdict: string; reason: RegExp }[] = [
    {
      name: "signs with a good token, refuses every bad one with a message",
      given: session([c("none", signedT([TS_OK])), ...REFUSALS]),
      verdict: "pass",
      reason:
        /signed with a good token and wrote no signature with any bad one: case forged-signature: the application wrote no signature .*not valid \(forged-signature\)/,
    },
    {
      name: "puts a forged token into the signature (tsa-token-unchecked)",
      given: session([c("none", signedT([TS_OK])), c("forged-signature", signedT([TS_FORGED])), ...REFUSALS.slice(1)]),
      verdict: "fail",
      reason:
        /case forged-signature: the application wrote a signature with it all the same; uyum's validator: timestamp-signature: signature time-stamp: the token's signature does not verify/,
    },
    {
      name: "hangs on a bad token",
      given: session([
        c("none", signedT([TS_OK])),
        c("wrong-imprint", attemptOf({ timedOut: true })),
        ...REFUSALS.slice(2),
      ]),
      verdict: "fail",
      reason: /case wrong-imprint: the application did not finish and was stopped/,
    },
    {
      name: "writes a signature without any time-stamp when the token is bad: not a bad token used, not a check seen",
      given: session([c("none", signedT([TS_OK])), c("untrusted-tsa", signedT([], 0))]),
      verdict: "undetermined",
      reason: /case untrusted-tsa: the application wrote a signature with no time-stamp/,
    },
    {
      name: "cannot time-stamp even with a good token: refusing bad ones proves nothing",
      given: session([c("none", refused("TSA error")), ...REFUSALS]),
      verdict: "undetermined",
      reason: /Even with a good time-stamp the application wrote no signature/,
    },
    {
      name: "no time-stamped level declared to the driver",
      given: session([], { skipped: "the profile declares no time-stamped level" }),
      verdict: "undetermined",
      reason: /No time-stamped signature could be asked for: the profile declares no time-stamped level/,
    },
  ];
  for (const k of cases)
    it(k.name, () => {
      const j = judge("10-3", probe, k.given, profileWith({ timestamping: true }));
      expect(j.verdict, JSON.stringify(j.reason)).toBe(k.verdict);
      expect(j.reason.en).toMatch(k.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
  it("cites the validator's failed time-stamp check", () => {
    const j = judge(
      "10-3",
      probe,
      session([c("none", signedT([TS_OK])), c("forged-signature", signedT([TS_FORGED]))]),
      profileWith({ timestamping: true }),
    );
    expect("evidence" in j && j.evidence.some((r) => r.locator === "S1 timestamp-signature")).toBe(true);
  });
});
