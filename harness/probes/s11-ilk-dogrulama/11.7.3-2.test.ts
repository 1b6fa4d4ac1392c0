import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence } from "../../testing/probes/verify-vectors.ts";
import probe from "./11.7.3-2.ts";

agreementCases("11.7.3-2", probe, {
  catches: ["cades-bes-subroot-expired", "cades-t-subroot-expired", "xades-bes-subroot-expired"],
  accepts: ["kamusm-08-cades-bes-attached"],
});

describe("11.7.3-2: the vendor's declaration", () => {
  const declaring = (accepted: boolean): AppProfile => ({
    ...profileWith({}),
    declarations: { "11.7.3-2": { accepted, statement: "denetlenir" } },
  });
  it("does not count once the verifier was driven (a ✗ stays ✗)", () => {
    const ev = verifyVectorsEvidence({
      answer: (r) => (r.vector === "cades-t-subroot-expired" ? { verdict: "valid", text: "geçerli" } : undefined),
    });
    expect(judge("11.7.3-2", probe, { "verify-vectors": ev }, declaring(true)).verdict).toBe("fail");
  });
  it("is a suggested ✓ (refused: ✗) when there was no verifier to drive", () => {
    const none = { ...verifyVectorsEvidence({ absent: () => true }), unavailable: { tr: "yüz yok", en: "no face" } };
    const yes = judge("11.7.3-2", probe, { "verify-vectors": none }, declaring(true));
    expect(yes.verdict).toBe("pass");
    expect("suggested" in yes && yes.suggested).toBe(true);
    expect(judge("11.7.3-2", probe, { "verify-vectors": none }, declaring(false)).verdict).toBe("fail");
  });
});
