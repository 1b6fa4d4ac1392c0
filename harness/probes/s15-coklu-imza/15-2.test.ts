import { describe, expect, it } from "vitest";
import type { VerifierRow } from "../../sessions/catalogue.ts";
import { judge } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence, type EvidenceOptions } from "../../testing/probes/verify-vectors.ts";
import probe, { signersNamed } from "./15-2.ts";

const TWO = "imzacı / signer: CN=TEST Ayşe Yılmaz, C=TR\nimzacı / signer: CN=TEST Mehmet Demir, C=TR";
const multi = (r: VerifierRow) => r.tags.includes("multi") || /^(39_|P4_93_)/.test(r.scenario);
// a conformant verifier: its verdict, and one line per signer on every two-signature document
const perSigner = (r: VerifierRow) => (multi(r) ? { text: `${r.app.text}\n${TWO}` } : undefined);
const run = (o: EvidenceOptions = {}) => judge("15-2", probe, { "verify-vectors": verifyVectorsEvidence(o) });

describe("15-2: every signature verified separately, a result per signer", () => {
  it("reads distinct subject names", () => {
    expect(signersNamed(TWO)).toEqual(["TEST Ayşe Yılmaz", "TEST Mehmet Demir"]);
    expect(signersNamed("CN=A, C=TR; CN=A, O=x")).toEqual(["A"]);
  });

  it("✓ (suggested) when every two-signature document names two signers and the verdicts are right", () => {
    const j = run({ answer: perSigner });
    expect(j.verdict, JSON.stringify(j.reason)).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
  });

  it("✗ (suggested) when the output names one signer on a two-signature document", () => {
    const j = run({
      answer: (r) =>
        r.vector === "cades-multi-parallel-bes"
          ? { text: "GEÇERLİ / valid\nimzacı / signer: CN=TEST Ayşe Yılmaz, C=TR" }
          : perSigner(r),
    });
    expect(j.verdict).toBe("fail");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toContain("cades-multi-parallel-bes");
  });

  it("✗ when a document whose first signer is revoked is called valid (the second signature hides it)", () => {
    const j = run({
      answer: (r) => (r.vector === "kamusm-39-s-cades-bes-attached" ? { verdict: "valid", text: TWO } : perSigner(r)),
    });
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toContain("kamusm-39-s-cades-bes-attached");
  });

  it("N-A when no two-signature document is in a declared form", () => {
    expect(run({ declares: (d) => !(d.tags.includes("multi") || /^(39_|P4_93_)/.test(d.scenario)) }).verdict).toBe(
      "not-applicable",
    );
  });
});
