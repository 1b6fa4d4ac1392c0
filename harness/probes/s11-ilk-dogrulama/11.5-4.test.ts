import { describe, expect, it } from "vitest";
import type { DegradedCondition, DegradedRow } from "../../sessions/catalogue.ts";
import { judge } from "../../testing/probes/given.ts";
import { LIVE, verifyDegradedEvidence, type DegradedOptions } from "../../testing/probes/verify-degraded.ts";
import probe from "./11.5-4.ts";

const run = (o: DegradedOptions = {}) => judge("11.5-4", probe, { "verify-degraded": verifyDegradedEvidence(o) });
const on =
  (conditions: DegradedCondition[], a: Partial<DegradedRow["app"]>) =>
  (r: DegradedRow): Partial<DegradedRow["app"]> | undefined =>
    r.vector === LIVE && conditions.includes(r.condition) ? a : undefined;
const VALID = { verdict: "valid", text: "GEÇERLİ / valid" } as const;

describe("11.5-4: revocation data obtained from external sources; none, no 'valid'", () => {
  it("✓ valid with the services up, not valid and naming revocation whenever no data can be had", () => {
    const j = run();
    expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
    expect(j.reason.en).toMatch(/revocation-down.*revocation-slow.*crl-stale.*ocsp-stale/);
  });

  for (const cond of ["revocation-down", "revocation-slow", "crl-stale", "ocsp-stale"] as const)
    it(`✗ when it calls the signature valid with ${cond} (no revocation data)`, () => {
      const j = run({ answer: on([cond], VALID) });
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(`${LIVE} @ ${cond}`);
      expect(j.reason.en).toContain("TRY_LATER");
    });

  it("✗ when it calls it valid with one source down and uyum found none usable there either", () => {
    const j = run({
      answer: on(["crl-down"], VALID),
      edit: (r) =>
        r.condition === "crl-down"
          ? { uyum: { indication: "INDETERMINATE", subIndication: "TRY_LATER", failedChecks: ["revocation"] } }
          : undefined,
    });
    expect(j.verdict).toBe("fail");
  });

  it("✓ when it falls back to OCSP with the CRL down and says valid (uyum found the OCSP answer)", () => {
    const j = run({ answer: on(["crl-down"], VALID) });
    expect(j.verdict).toBe("pass");
  });

  it("✓ when with one source down it does not fall back (not valid), said in the reason", () => {
    const j = run({ answer: on(["ocsp-down"], { verdict: "indeterminate", text: "OCSP yok" }) });
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(/does not fall back/);
  });

  it("a 'valid' in the slow condition is right when the services still sent the answers it waited for", () => {
    const waited = (late: number) =>
      run({
        answer: on(["revocation-slow"], { ...VALID, elapsedMs: 13_000 }),
        edit: (r) => (r.condition === "revocation-slow" ? { lateAnswers: late } : undefined),
      });
    expect(waited(2).verdict).toBe("pass");
    expect(waited(0).verdict).toBe("fail");
  });

  it("✗ when it says not valid without naming revocation as the reason", () => {
    const j = run({ answer: on(["revocation-down"], { verdict: "indeterminate", text: "Doğrulama başarısız." }) });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/did not say the reason is revocation/);
  });

  it("✗ when it does not call the signature valid with the services up (does not fetch)", () => {
    const j = run({ answer: on(["services-up"], { verdict: "indeterminate", text: "iptal bilgisi yok" }) });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/does not obtain the revocation data/);
  });

  it("? when the app did not answer, when uyum itself failed with the services up, when nothing deprived it", () => {
    expect(
      run({ answer: on(["revocation-down"], { verdict: "no-answer", text: "", ended: "timed out" }) }).verdict,
    ).toBe("undetermined");
    expect(
      run({
        edit: (r) =>
          r.condition === "services-up" ? { uyum: { indication: "INDETERMINATE", failedChecks: ["x509"] } } : undefined,
      }).verdict,
    ).toBe("undetermined");
    expect(
      run({ edit: (r) => ({ uyum: { indication: "TOTAL-PASSED", failedChecks: [] } }), answer: () => VALID }).verdict,
    ).toBe("undetermined");
  });

  it("N-A when no declared kind fetches its revocation data; ? when the driver has no verifier", () => {
    expect(run({ without: "live" }).verdict).toBe("not-applicable");
    const ev = verifyDegradedEvidence();
    const j = judge("11.5-4", probe, {
      "verify-degraded": { ...ev, rows: [], unavailable: { tr: "doğrulayıcı yok", en: "no verifier" } },
    });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toContain("no verifier");
  });
});
