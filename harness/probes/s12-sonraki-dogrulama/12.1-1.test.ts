import { describe, expect, it } from "vitest";
import type { DegradedRow } from "../../sessions/catalogue.ts";
import { judge } from "../../testing/probes/given.ts";
import { EMBEDDED, verifyDegradedEvidence, type DegradedOptions } from "../../testing/probes/verify-degraded.ts";
import probe from "./12.1-1.ts";

const run = (o: DegradedOptions = {}) => judge("12.1-1", probe, { "verify-degraded": verifyDegradedEvidence(o) });
const offline = (a: Partial<DegradedRow["app"]>) => (r: DegradedRow) =>
  r.vector === EMBEDDED && r.condition === "all-down" ? a : undefined;

describe("12.1-1: subsequent verification uses the validation data stored in the signature", () => {
  it("✓ when a signature carrying its validation data is valid with every service down", () => {
    const j = run();
    expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
    expect(j.reason.en).toContain(EMBEDDED);
  });

  it("✗ when offline it is not valid (the app needs the services, ignores the stored data)", () => {
    const j = run({ answer: offline({ verdict: "indeterminate", text: "SİL alınamadı" }) });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/does not use the validation data stored/);
    expect(j.reason.en).toContain(EMBEDDED);
  });

  it("✗ when it is not valid even with the services up", () => {
    const j = run({
      answer: (r) => (r.vector === EMBEDDED && r.condition === "services-up" ? { verdict: "invalid" } : undefined),
    });
    expect(j.verdict).toBe("fail");
  });

  it("? when uyum itself does not find it valid offline; ? when the app did not answer", () => {
    expect(
      run({
        edit: (r) =>
          r.condition === "all-down"
            ? { uyum: { indication: "INDETERMINATE", subIndication: "TRY_LATER", failedChecks: ["revocation"] } }
            : undefined,
      }).verdict,
    ).toBe("undetermined");
    expect(run({ answer: offline({ verdict: "no-answer", text: "", ended: "crashed" }) }).verdict).toBe("undetermined");
  });

  it("N-A when no declared kind carries its validation data", () => {
    expect(run({ without: "embedded" }).verdict).toBe("not-applicable");
  });
});
