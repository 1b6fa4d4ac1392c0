import { describe, expect, it } from "vitest";
import { verifyVectorsEvidence, MATRIX } from "../../testing/probes/verify-vectors.ts";
import { givesReason, judgeAgreement, rowOutcome, selects, specProblems, type AgreementSpec } from "./agreement.ts";

const revoked: AgreementSpec = { vectors: ["16_1", "17_1"], controls: ["8"], checks: ["revocation"] };

describe("selectors", () => {
  it.each([
    ["16_1", { scenario: "16_1" }, true],
    ["16_1", { scenario: "16_10" }, false],
    ["40-49:*", { scenario: "40-49:tsa-expired" }, true],
    ["40-49:*", { scenario: "40" }, false],
    ["tag:revocation", { scenario: "x", tags: ["chain", "revocation"] }, true],
    ["tag:revocation", { scenario: "revocation" }, false],
    ["*", { scenario: "anything" }, true],
  ])("%s on %j → %s", (s, v, want) => expect(selects(s, v)).toBe(want));

  it("a spec with an unknown check id, a mid-string star or no controls is refused", () => {
    expect(specProblems({ vectors: ["4*0"], controls: [], checks: ["no-such-check", "revocation-ca"] })).toEqual([
      "no controls: a verifier that rejects everything would pass",
      'check id "no-such-check" is not in harness/ades/catalogue.ts',
      'selector "4*0" is malformed',
    ]);
  });
});

describe("one row against its expected verdict", () => {
  const row = (indication: "TOTAL-PASSED" | "TOTAL-FAILED" | "INDETERMINATE", verdict: string) =>
    rowOutcome({ expected: { indication }, app: { verdict, text: "" } } as never);
  it.each([
    ["TOTAL-PASSED", "valid", "right"],
    ["TOTAL-PASSED", "indeterminate", "wrong"],
    ["TOTAL-FAILED", "invalid", "right"],
    ["TOTAL-FAILED", "indeterminate", "right"],
    ["TOTAL-FAILED", "valid", "wrong"],
    ["INDETERMINATE", "indeterminate", "right"],
    ["INDETERMINATE", "invalid", "right-coarse"],
    ["INDETERMINATE", "valid", "wrong"],
    ["INDETERMINATE", "no-answer", "no-answer"],
  ] as const)("expected %s, app %s → %s", (e, v, want) => expect(row(e, v)).toBe(want));
});

describe("judgeAgreement", () => {
  it("✓ cites the matrix at each judged vector", () => {
    const j = judgeAgreement(revoked, verifyVectorsEvidence());
    expect(j.verdict).toBe("pass");
    expect(j.evidence.every((e) => e.sha256 === MATRIX.sha256)).toBe(true);
    expect(j.evidence.map((e) => e.locator)).toEqual(
      expect.arrayContaining([
        "kamusm-16-1-cades-bes-attached",
        "kamusm-17-1-cades-t-attached",
        "kamusm-08-cades-bes-attached",
      ]),
    );
  });

  it("✗ names every wrong vector, its check ids, and that the app was not told the time", () => {
    const ev = verifyVectorsEvidence({
      timeTold: false,
      answer: (r) => (/^kamusm-1[67]-1-/.test(r.vector) ? { verdict: "valid", text: "İmza geçerli." } : undefined),
    });
    for (const r of ev.rows) if (r.scenario === "16_1") r.uyum.failedChecks = ["revocation", "format"];
    const j = judgeAgreement(revoked, ev);
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/got \d+ of \d+ test signatures wrong/);
    expect(j.reason.en).toContain(
      'kamusm-16-1-cades-bes-attached (scenario 16_1): expected INDETERMINATE/REVOKED_NO_POE, the app said "valid" ("İmza geçerli."); revocation',
    );
    expect(j.reason.en).toContain("could not tell the application the validation time");
    expect(j.evidence.map((e) => e.locator)).toContain("kamusm-17-1-cades-bes-attached");
  });

  it("? when no control was given, even though every vector was rightly rejected", () => {
    const j = judgeAgreement(revoked, verifyVectorsEvidence({ absent: (d) => d.scenario === "8" }));
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/cannot be told from a verifier that rejects everything/);
  });

  it("? with the session's own reason when it could give the application nothing", () => {
    const ev = {
      ...verifyVectorsEvidence({ absent: () => true }),
      unavailable: { tr: "doğrulayıcı yok", en: "no verifier" },
    };
    const j = judgeAgreement(revoked, ev);
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toContain("no verifier");
  });

  it("N-A only when the item's vectors were all set aside: some declared is judged (here ✓)", () => {
    const cadesOnly = (d: { format: string }) => d.format === "CAdES";
    expect(judgeAgreement(revoked, verifyVectorsEvidence({ declares: cadesOnly })).verdict).toBe("pass");
    const j = judgeAgreement(revoked, verifyVectorsEvidence({ declares: (d) => d.format === "PAdES" && false }));
    expect(j.verdict).toBe("not-applicable");
    expect(j.reason.en).toMatch(/None of this item's test signatures is in a form the application declares/);
  });

  it("tags select rows; reasons: a bare verdict word is no reason", () => {
    const spec: AgreementSpec = { vectors: ["tag:tamper"], controls: ["8"], checks: [], reasons: true };
    expect(judgeAgreement(spec, verifyVectorsEvidence()).verdict).toBe("pass");
    const j = judgeAgreement(
      spec,
      verifyVectorsEvidence({
        answer: (r) => (r.scenario === "5" ? { verdict: "invalid", text: "GEÇERSİZ" } : undefined),
      }),
    );
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/gave no reason/);
  });
});

describe("givesReason", () => {
  it.each([
    ["GEÇERSİZ", false],
    ["İmza geçersiz.", false],
    ["Signature is not valid", false],
    ["", false],
    ["İmza geçersiz: sertifika iptal edilmiş", true],
    ['{"verdict":"invalid","reason":{"en":"the certificate was revoked"}}', true],
  ])("%j → %s", (t, want) => expect(givesReason(t)).toBe(want));
});
