import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { base, session, step, summary } from "../../testing/probes/produced.ts";
import probe from "./15-5.ts";

const add = (operation: "cosign" | "countersign", v = summary("T", { signatures: operation === "cosign" ? 2 : 1 })) =>
  step({ operation, format: "CAdES", from: "T", validation: v });

describe("15-5: adding a signature keeps the existing ones valid", () => {
  const cases = [
    {
      name: "parallel and serial added, everything valid",
      s: session(base("T"), add("cosign"), base("T"), add("countersign")),
      verdict: "pass",
      reason: /After cosign and countersign the document, the first signature included, is TOTAL-PASSED/,
    },
    {
      name: "a counter-signature with a wrong digest",
      s: session(
        base("T"),
        add(
          "countersign",
          summary("T", {
            indication: "TOTAL-FAILED",
            subIndication: "HASH_FAILURE",
            failedChecks: ["counter-signature"],
          }),
        ),
      ),
      verdict: "fail",
      reason: /countersign CAdES \(T\): TOTAL-FAILED\/HASH_FAILURE at T; counter-signature/,
    },
    {
      name: "cosign that did not add a signer",
      s: session(base("T"), add("cosign", summary("T", { signatures: 1 }))),
      verdict: "fail",
      reason: /no parallel one was added/,
    },
    {
      name: "the first signature was already invalid",
      s: session(base("T", summary("T", { indication: "INDETERMINATE" })), add("cosign")),
      verdict: "undetermined",
      reason: /not valid to begin with/,
    },
    {
      name: "no command to add a signature",
      s: session(base("T")),
      verdict: "undetermined",
      reason: /no command to add a signature/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge(
        "15-5",
        probe,
        { "add-signatures": c.s },
        profileWith({ multipleSignatures: ["serial", "parallel"] }),
      );
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
