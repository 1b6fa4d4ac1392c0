// The table every agreement probe's test runs (harness/probes/s11…s15/<id>.test.ts): evidence built from the
// vector set's scenario data with the application's answers fabricated per row, and the mark each case must get.
// A case that needs a kind of vector the item does not select (an INDETERMINATE one called invalid, a positive
// one among the item's vectors) is left out of that item's table, not faked.
import { describe, expect, it } from "vitest";
import type { VerifierRow } from "../../sessions/catalogue.ts";
import { selects, specProblems, type AgreementSpec } from "../../probes/verification/agreement.ts";
import type { Probe } from "../../probes/kit.ts";
import { judge } from "./given.ts";
import { vectorDefs, verifyVectorsEvidence, type EvidenceOptions } from "./verify-vectors.ts";

type AgreementProbe = Probe & { spec: AgreementSpec };

const picks = (ss: string[], v: { scenario: string; tags?: string[] }) => ss.some((s) => selects(s, v));

/** What the item's own test states apart from its spec: vectors a "valid" on which is ✗ (catches), and vectors
 *  it must see called valid (accepts). Dropping a scenario from a probe's spec turns its test red here. */
export interface ItemFacts {
  catches: string[];
  accepts: string[];
}

export function agreementCases(itemId: string, probe: AgreementProbe, facts: ItemFacts): void {
  const spec = probe.spec;
  const defs = vectorDefs();
  const subject = (v: { scenario: string; tags?: string[] }) => picks(spec.vectors, v);
  const control = (v: { scenario: string; tags?: string[] }) => !subject(v) && picks(spec.controls, v);
  const negatives = defs.filter((d) => subject(d) && d.expected.indication !== "TOTAL-PASSED");
  const positives = defs.filter((d) => subject(d) && d.expected.indication === "TOTAL-PASSED");
  const controls = defs.filter(control);
  const indeterminate = negatives.find((d) => d.expected.indication === "INDETERMINATE");
  const run = (o: EvidenceOptions = {}, s: AgreementProbe = probe) =>
    judge(itemId, s, { "verify-vectors": verifyVectorsEvidence(o) });
  const onRow = (id: string, a: Partial<VerifierRow["app"]>) => (r: VerifierRow) => (r.vector === id ? a : undefined);

  describe(`${itemId}: verifier agreement`, () => {
    it("its spec names catalogue check ids, and every selector finds vectors of the set", () => {
      expect(specProblems(spec)).toEqual([]);
      for (const s of [...spec.vectors, ...spec.controls])
        expect(
          defs.some((d) => selects(s, d)),
          `selector ${s}`,
        ).toBe(true);
      expect(negatives.length, "vectors a verifier must not call valid").toBeGreaterThan(0);
    });

    for (const id of facts.catches)
      it(`✗ when ${id} is called valid`, () => {
        expect(defs.map((d) => d.id)).toContain(id);
        const j = run({ answer: onRow(id, { verdict: "valid", text: "İmza geçerli." }) });
        expect(j.verdict).toBe("fail");
        expect(j.reason.en).toContain(id);
      });
    for (const id of facts.accepts)
      it(`✗ when ${id} is not called valid`, () => {
        expect(defs.map((d) => d.id)).toContain(id);
        const j = run({ answer: onRow(id, { verdict: "invalid", text: "İmza geçersiz: bir neden" }) });
        expect(j.verdict).toBe("fail");
        expect(j.reason.en).toContain(id);
      });

    it("✓ when every vector got its expected verdict", () => {
      const j = run();
      expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
      if ("evidence" in j) expect(j.evidence.map((e) => e.locator)).toContain(negatives[0]!.id);
    });

    it("✗ when one of its vectors that is not valid is called valid, naming the vector and its check ids", () => {
      const bad = negatives[0]!;
      const j = run({ answer: onRow(bad.id, { verdict: "valid", text: "İmza geçerli." }) });
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(bad.id);
      if ("evidence" in j) expect(j.evidence.map((e) => e.locator)).toContain(bad.id);
    });

    it("the ✗ names the validator's check ids that explain the vector", () => {
      const bad = negatives[negatives.length - 1]!;
      const ev = verifyVectorsEvidence({ answer: onRow(bad.id, { verdict: "valid", text: "geçerli" }) });
      const checks = spec.checks.length ? spec.checks.slice(0, 1) : ["signature-value"];
      for (const r of ev.rows) if (r.vector === bad.id) r.uyum.failedChecks = ["format", ...checks];
      const j = judge(itemId, probe, { "verify-vectors": ev });
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(`${bad.id} (scenario ${bad.scenario})`);
      for (const c of checks) expect(j.reason.en).toContain(c);
    });

    it("✗ when a control is not called valid", () => {
      const c = controls[0] ?? positives[0];
      if (!c) return;
      const j = run({ answer: onRow(c.id, { verdict: "invalid", text: "İmza geçersiz: bilinmeyen hata" }) });
      expect(j.verdict).toBe("fail");
      expect(j.reason.en).toContain(c.id);
    });

    if (positives.length > 0)
      it("✗ when one of its vectors that is valid (e.g. revoked after a time-stamp) is not called valid", () => {
        const p = positives[0]!;
        const j = run({ answer: onRow(p.id, { verdict: "indeterminate", text: "Doğrulama tamamlanamadı: iptal" }) });
        expect(j.verdict).toBe("fail");
        expect(j.reason.en).toContain(p.id);
      });

    if (indeterminate)
      it("✓ when an INDETERMINATE vector is called invalid, saying so (KAMU SM's geçersiz covers both)", () => {
        const j = run({ answer: onRow(indeterminate.id, { verdict: "invalid", text: "İmza geçersiz: nedeni" }) });
        expect(j.verdict).toBe("pass");
        expect(j.reason.en).toMatch(/said "invalid" for 1 INDETERMINATE/);
        expect(j.reason.en).toContain(indeterminate.id);
      });

    it("? when the application gave no answer on one of its vectors", () => {
      const bad = negatives[0]!;
      const j = run({ answer: onRow(bad.id, { verdict: "no-answer", text: "", ended: "exited with 7" }) });
      expect(j.verdict).toBe("undetermined");
      expect(j.reason.en).toContain(bad.id);
      expect(j.reason.en).toContain("exited with 7");
    });

    it("N-A when every vector it needs is in a form the application does not declare (never ✗)", () => {
      const j = run({ declares: (d) => !subject(d) });
      expect(j.verdict).toBe("not-applicable");
      expect(j.reason.en).toMatch(/does not declare/);
    });

    it("? when the vectors it needs are missing from the set (the session ran)", () => {
      const j = run({ absent: subject });
      expect(j.verdict).toBe("undetermined");
      expect(j.reason.en).toMatch(/the vector set lacks them/);
    });

    it("? when no control it must call valid was given (a verifier rejecting all cannot be told apart)", () => {
      if (positives.length > 0) return;
      const j = run({ absent: control });
      expect(j.verdict).toBe("undetermined");
    });

    if (spec.reasons)
      it("✗ when a signature it does not call valid gets no reason, only the verdict", () => {
        const bad = negatives[0]!;
        const j = run({ answer: onRow(bad.id, { text: "geçersiz" }) });
        expect(j.verdict).toBe("fail");
        expect(j.reason.en).toMatch(/gave no reason/);
      });
  });
}
