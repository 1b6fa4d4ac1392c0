import { expect, it } from "vitest";
import { agreementCases } from "../../testing/probes/agreement-cases.ts";
import { judge } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence } from "../../testing/probes/verify-vectors.ts";
import probe from "./13.1.2-4.ts";

agreementCases("13.1.2-4", probe, {
  catches: ["kamusm-02-cades-bes-attached", "kamusm-13-cades-bes-detached", "xades-bes-detached-html-script"],
  accepts: ["kamusm-08-cades-bes-attached"],
});

it("13.1.2-4: an observed item's mark is only suggested", () => {
  const j = judge("13.1.2-4", probe, { "verify-vectors": verifyVectorsEvidence() });
  expect(j).toMatchObject({ verdict: "pass", suggested: true });
});
