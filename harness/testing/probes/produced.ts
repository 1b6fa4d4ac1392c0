// Builds the evidence of the producing sessions (upgrade, add-signatures, archive-renewal) for probe tests:
// steps as a session records them, with validation summaries written by the test.
import type { ProduceSessionEvidence, ProducedStep, ValidationSummary } from "../../sessions/catalogue.ts";
import { refOf } from "./given.ts";

export function summary(level: string, o: Partial<ValidationSummary> = {}): ValidationSummary {
  return { indication: "TOTAL-PASSED", level, signatures: 1, failedChecks: [], ...o };
}

let n = 0;
/** One step with an output (distinct bytes per step, so refs differ). */
export function step(s: Omit<ProducedStep, "output" | "report"> & { wrote?: boolean }): ProducedStep {
  const { wrote = true, ...rest } = s;
  n++;
  return {
    ...rest,
    ...(wrote
      ? {
          output: refOf("signature", `output ${n}`, "p7s"),
          report: refOf("validation-report", JSON.stringify({ n, ...rest.validation }), "json"),
        }
      : {}),
  };
}

export const base = (level = "BES", v = summary(level)) =>
  step({ operation: "sign", format: "CAdES", to: level, from: "document", validation: v });

export function session(...steps: ProducedStep[]): ProduceSessionEvidence {
  return {
    offered: steps
      .filter((s) => s.operation !== "sign")
      .map((s) => ({ operation: s.operation as "upgrade", format: "CAdES" as const })),
    steps,
  };
}
