// The signer-role vector from the vector set's own scenario data, the verifier's answers fabricated per row.
import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { verifyVectorsEvidence, type EvidenceOptions } from "../../testing/probes/verify-vectors.ts";
import { CLAIMED_ROLE } from "../../vectors/scenarios.ts";
import probe from "./11.7.10-1.ts";

const profile = profileWith({ signatureFormats: ["CAdES"] });
const role =
  (o: EvidenceOptions["answer"]): EvidenceOptions["answer"] =>
  (r) =>
    r.tags.includes("signer-role") ? o?.(r) : undefined;

describe("11.7.10-1: the claimed signer role is shown", () => {
  const cases: { name: string; o: EvidenceOptions; verdict: string; reason: RegExp }[] = [
    {
      name: "the output names the role (any case)",
      o: {
        answer: role(() => ({ text: `GEÇERLİ / valid\nimzacı rolü (beyan): ${CLAIMED_ROLE.toLocaleUpperCase("tr")}` })),
      },
      verdict: "pass",
      reason: /shows the role "Genel Müdür Yardımcısı" the signer claims: cades-bes-attached-signer-role \(valid\)/,
    },
    {
      name: "valid, but the role is not in the output (flaw signer-role-hidden)",
      o: {},
      verdict: "fail",
      reason:
        /does not show the role "Genel Müdür Yardımcısı" the signer claims: cades-bes-attached-signer-role \(valid\)/,
    },
    {
      name: "no answer from the verifier",
      o: { answer: role(() => ({ verdict: "no-answer", text: "", ended: "timed out" })) },
      verdict: "undetermined",
      reason: /gave no answer: cades-bes-attached-signer-role \(timed out\)/,
    },
    {
      name: "the application does not declare CAdES: N-A",
      o: { declares: (d) => d.format !== "CAdES" },
      verdict: "not-applicable",
      reason: /in a form the application does not declare/,
    },
    {
      name: "a vector set without the signer-role vector",
      o: { absent: (d) => d.tags.includes("signer-role") },
      verdict: "undetermined",
      reason: /has no signature carrying a signer role/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("11.7.10-1", probe, { "verify-vectors": verifyVectorsEvidence(c.o) }, profile);
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
