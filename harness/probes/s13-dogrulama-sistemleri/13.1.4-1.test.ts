import { expect, it } from "vitest";
import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import { judge } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence } from "../../testing/probes/verify-vectors.ts";
import probe from "./13.1.4-1.ts";

agreementCases("13.1.4-1", probe, {
  catches: ["kamusm-16-1-cades-bes-attached", "kamusm-07-xades-bes-enveloped"],
  accepts: ["kamusm-08-cades-bes-attached"],
});

it("13.1.4-1: an observed item's mark is only suggested", () => {
  const j = judge("13.1.4-1", probe, { "verify-vectors": verifyVectorsEvidence() });
  expect(j).toMatchObject({ verdict: "pass", suggested: true });
});
