// A signature validated within its profile's grace period is said to be waiting, not failing: the rule of
// awaitingGrace (sign-sessions.ts), over validation results as uyum's validator writes them.
import { describe, expect, it } from "vitest";
import type { ValidationResult } from "../ades/index.ts";
import type { ValidationCheck } from "../ades/verdict.ts";
import { awaitingGrace } from "./sign-sessions.ts";

const GRACE: ValidationCheck = {
  id: "grace-period",
  result: "indeterminate",
  subIndication: "TRY_LATER",
  reason: {
    tr: "kesinleşme süresi dolmadı",
    en: "the grace period (24 h) after 2026-12-03T11:59:14.000Z has not elapsed",
  },
};
const result = (o: Partial<ValidationResult>): ValidationResult => ({
  file: "sign-once-CAdES-T",
  outcome: "verdict",
  format: "CAdES",
  level: "T",
  profile: "P2",
  indication: "INDETERMINATE",
  subIndication: "TRY_LATER",
  checks: [GRACE],
  signatures: [],
  validationTime: "2026-12-03T11:59:20.000Z",
  ...o,
});

describe("awaitingGrace: TRY_LATER within the grace period is named as such", () => {
  it("a P2 CAdES-T right after signing: waiting for the grace period, the right verdict at signing time", () => {
    const a = awaitingGrace(result({}));
    expect(a?.check).toBe("grace-period");
    expect(a?.reason.en).toMatch(
      /^profile P2: the grace period \(24 h\) after .* has not elapsed; TRY_LATER is the right verdict at signing time, no fault/,
    );
    expect(a?.reason.tr).toMatch(/^profil P2: kesinleşme süresi dolmadı/);
  });
  it("TRY_LATER for another reason (revocation data missing) is not excused", () => {
    expect(awaitingGrace(result({ checks: [{ ...GRACE, id: "revocation" }] }))).toBeUndefined();
  });
  it("a worse verdict with the grace check also open is not excused (the failure decides)", () => {
    expect(awaitingGrace(result({ indication: "TOTAL-FAILED", subIndication: "SIG_CRYPTO_FAILURE" }))).toBeUndefined();
  });
  it("a P1 signature that passed has nothing to wait for", () => {
    expect(
      awaitingGrace(result({ profile: "P1", indication: "TOTAL-PASSED", subIndication: undefined, checks: [] })),
    ).toBeUndefined();
  });
});
