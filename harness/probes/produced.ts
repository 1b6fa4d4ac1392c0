// Questions the probes of sections 12, 14 and 15 ask of what the application produced from its own signatures
// (the upgrade, add-signatures and archive-renewal sessions). Pure functions over recorded evidence.
import type { Text } from "../core/text.ts";
import type { ProducedStep, ValidationSummary } from "../sessions/catalogue.ts";
import type { EvidenceRef } from "../sessions/evidence.ts";

export const LONG_TERM_LEVELS = ["X-L", "A", "B-LT", "B-LTA"];
export const ARCHIVE_LEVELS = ["A", "B-LTA"];

/** "upgrade CAdES BES → A" — how a reason names one step. */
export function stepName(s: ProducedStep): string {
  const what =
    s.operation === "upgrade" ? `upgrade ${s.format} ${s.from} → ${s.to}` : `${s.operation} ${s.format} (${s.from})`;
  return what;
}

export const passed = (v?: ValidationSummary) => v?.indication === "TOTAL-PASSED";

export function verdictText(v?: ValidationSummary): string {
  if (!v) return "not validated";
  const failed = v.failedChecks.length ? `; ${v.failedChecks.slice(0, 6).join(", ")}` : "";
  return `${v.indication}${v.subIndication ? `/${v.subIndication}` : ""} at ${v.level}${failed}`;
}

/** Evidence refs of a step: its output and report, else what the command printed. */
export function refsOf(s: ProducedStep): EvidenceRef[] {
  return [s.output, s.report, s.stderr].filter((r): r is EvidenceRef => r !== undefined);
}

/** The application's own first signature that a step started from (the "sign" step before it), if it is usable. */
export function baseProblem(steps: ProducedStep[], i: number): Text | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const b = steps[j]!;
    if (b.operation !== "sign") continue;
    if (!b.output)
      return {
        tr: `Uygulama başlangıç imzasını atamadı (${b.ended ?? "çıktı yok"}).`,
        en: `The application made no signature to start from (${b.ended ?? "no output"}).`,
      };
    return undefined;
  }
  return undefined;
}
