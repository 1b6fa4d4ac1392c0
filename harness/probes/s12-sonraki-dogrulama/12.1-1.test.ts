import { describe, expect, it } from "vitest";
import type { DegradedRow, VerifierRow } from "../../sessions/catalogue.ts";
import { judge } from "../../testing/probes/given.ts";
import { EMBEDDED, verifyDegradedEvidence, type DegradedOptions } from "../../testing/probes/verify-degraded.ts";
import { verifyVectorsEvidence, type EvidenceOptions } from "../../testing/probes/verify-vectors.ts";
import probe from "./12.1-1.ts";

const run = (o: DegradedOptions = {}, v: EvidenceOptions = {}) =>
  judge("12.1-1", probe, { "verify-degraded": verifyDegradedEvidence(o), "verify-vectors": verifyVectorsEvidence(v) });
const offline = (a: Partial<DegradedRow["app"]>) => (r: DegradedRow) =>
  r.vector === EMBEDDED && r.condition === "all-down" ? a : undefined;

describe("12.1-1: subsequent verification uses the validation data stored in the signature", () => {
  it("✓ valid offline on its stored data; not valid when the stored data is expired or missing", () => {
    const j = run();
    expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
    expect(j.reason.en).toContain(EMBEDDED);
    expect(j.reason.en).toMatch(/did not call \d+ valid \(kamusm-18-/);
  });

  it("✗ when offline it is not valid (the app needs the services, ignores the stored data)", () => {
    const j = run({ answer: offline({ verdict: "indeterminate", text: "SİL alınamadı" }) });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/does not use the validation data stored/);
    expect(j.reason.en).toContain(EMBEDDED);
  });

  for (const id of ["kamusm-18-xades-x-l-enveloped", "kamusm-73-cades-x-l-detached", "kamusm-75-xades-x-l-enveloped"])
    it(`✗ when ${id} (stored revocation data expired / missing) is called valid`, () => {
      const j = run(
        {},
        { answer: (r: VerifierRow) => (r.vector === id ? { verdict: "valid", text: "geçerli" } : undefined) },
      );
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(id);
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

  it("? when no signature with bad stored data is in a declared form; N-A when none carries its data", () => {
    const j = run({}, { declares: (d) => !["18", "73", "75"].includes(d.scenario) });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/whether it reads that data is not proven/);
    expect(run({ without: "embedded" }).verdict).toBe("not-applicable");
  });
});
