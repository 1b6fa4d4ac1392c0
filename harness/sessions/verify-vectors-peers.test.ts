// The engine on real verifiers nobody here wrote: `openssl cms -verify` (CAdES) and `xmlsec1 --verify` (XAdES),
// through their example profiles. The matrix records what each says: right on the signature math (a broken
// digest or signature value is invalid), and "valid" on a signature whose certificate was revoked before it was
// made, since neither looks at revocation — the disagreement the probes of sections 11–15 read.
import { describe, expect, it } from "vitest";
import { verifierContext } from "../testing/sessions/verifier.ts";
import { agrees, verifyVectors } from "./verify-vectors.ts";

const verdicts = async (profile: string, ids: string[]) => {
  const e = await verifyVectors(verifierContext(profile), { only: (s) => ids.includes(s.id) });
  return { e, said: Object.fromEntries(e.rows.map((r) => [r.vector, [r.app.verdict, agrees(r)]])) };
};

describe("verify-vectors on real verifiers", () => {
  it("openssl cms -verify: right on the math and the root, 'valid' on a revoked signer; XAdES not given", async () => {
    const { e, said } = await verdicts("examples/profiles/openssl-cms-verify.yaml", [
      "cades-bes-attached",
      "cades-t-detached",
      "kamusm-05-cades-bes-attached",
      "kamusm-07-cades-bes-attached",
      "cades-bes-unknown-root",
      "kamusm-16-1-cades-t-attached",
      "xades-bes-enveloped",
    ]);
    expect(e.timeTold).toBe(true);
    expect(said).toEqual({
      "cades-bes-attached": ["valid", true],
      "cades-t-detached": ["valid", true],
      "kamusm-05-cades-bes-attached": ["invalid", true], // HASH_FAILURE
      "kamusm-07-cades-bes-attached": ["invalid", true], // SIG_CRYPTO_FAILURE
      "cades-bes-unknown-root": ["invalid", false], // INDETERMINATE expected: openssl has no third answer
      "kamusm-16-1-cades-t-attached": ["valid", false], // revoked before signing: TOTAL-FAILED/REVOKED expected
    });
    expect(e.rows.find((r) => r.vector === "kamusm-16-1-cades-t-attached")!.uyum).toMatchObject({
      indication: "TOTAL-FAILED",
      subIndication: "REVOKED",
    });
    expect(e.notDeclared).toEqual([
      {
        vector: "xades-bes-enveloped",
        scenario: "level",
        reason: expect.objectContaining({ en: expect.stringMatching(/does not declare XAdES/) }),
      },
    ]);
  }, 300_000);

  it("xmlsec1 --verify: right on the math, 'valid' on a revoked signer", async () => {
    const { said } = await verdicts("examples/profiles/xmlsec1-verify.yaml", [
      "xades-bes-enveloped",
      "kamusm-07-xades-bes-enveloped",
      "kamusm-17-1-xades-t-enveloped",
    ]);
    expect(said).toEqual({
      "xades-bes-enveloped": ["valid", true],
      "kamusm-07-xades-bes-enveloped": ["invalid", true],
      "kamusm-17-1-xades-t-enveloped": ["valid", false],
    });
  }, 300_000);
});
