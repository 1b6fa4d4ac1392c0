import { describe, expect, it } from "vitest";
import type { DegradedRow } from "../../sessions/catalogue.ts";
import { judge } from "../../testing/probes/given.ts";
import { LIVE, verifyDegradedEvidence, type DegradedOptions } from "../../testing/probes/verify-degraded.ts";
import probe from "./11.7.4-2.ts";

const run = (o: DegradedOptions = {}) => judge("11.7.4-2", probe, { "verify-degraded": verifyDegradedEvidence(o) });
const VALID = { verdict: "valid", text: "GEÇERLİ / valid" } as const;
const on = (cond: string) => (r: DegradedRow) => (r.vector === LIVE && r.condition === cond ? VALID : undefined);

describe("11.7.4-2: revocation data issued after the signing time", () => {
  it("✓ when the stale answers (issued before the signature) are not taken, and it says why", () => {
    const j = run();
    expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
    expect(j.reason.en).toMatch(/crl-stale; ocsp-stale/);
    expect(j.reason.en).not.toMatch(/revocation-down/);
  });
  for (const cond of ["crl-stale", "ocsp-stale"])
    it(`✗ when it calls the signature valid on the ${cond} answer`, () => {
      const j = run({ answer: on(cond) });
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(`${LIVE} @ ${cond}`);
    });
  it("not about the services being down: a 'valid' there is 11.5-4's, not this item's", () => {
    expect(run({ answer: on("revocation-down") }).verdict).toBe("pass");
  });
});
