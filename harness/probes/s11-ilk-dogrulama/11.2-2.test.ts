import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence } from "../../testing/probes/verify-vectors.ts";
import probe from "./11.2-2.ts";

agreementCases("11.2-2", probe, {
  catches: ["cades-p2-t-inside-grace-period", "xades-p2-t-inside-grace-period"],
  accepts: ["cades-p2-t", "xades-p2-t"],
});

const answered = (): AppProfile => ({ ...profileWith({}), answers: { "11.2-2": "24 saat" } });

describe("11.2-2: the stated grace period", () => {
  it("is written beside the observed verdicts, ✓ and ✗ alike, and does not soften a ✗", () => {
    const ok = judge("11.2-2", probe, { "verify-vectors": verifyVectorsEvidence() }, answered());
    expect(ok.verdict).toBe("pass");
    expect("suggested" in ok && ok.suggested).toBeFalsy();
    expect(ok.reason.en).toContain("Stated grace period: Recorded: 24 saat");
    const hasty = verifyVectorsEvidence({
      answer: (r) =>
        r.vector === "cades-p2-t-inside-grace-period" ? { verdict: "valid", text: "geçerli" } : undefined,
    });
    const bad = judge("11.2-2", probe, { "verify-vectors": hasty }, answered());
    expect(bad.verdict).toBe("fail");
    expect(bad.reason.en).toContain("24 saat");
  });
  it("stands in, suggested, only when the session had no verifier to drive", () => {
    const none = { ...verifyVectorsEvidence({ absent: () => true }), unavailable: { tr: "yüz yok", en: "no face" } };
    const j = judge("11.2-2", probe, { "verify-vectors": none }, answered());
    expect(j.verdict).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toMatch(/24 saat.*Not observed: no face/);
    expect(judge("11.2-2", probe, { "verify-vectors": none }, profileWith({})).verdict).toBe("undetermined");
  });
});
