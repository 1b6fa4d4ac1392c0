// Canned verify-vectors evidence for the agreement probes' tests: one row per vector of the vector set's own
// scenario data (harness/vectors/scenarios.ts: the same ids, scenario numbers, tags and expected verdicts a
// generated manifest carries), with the application's answers fabricated per row. Right answers by default;
// a case changes the rows it is about.
import type { AppVerdict } from "../../drivers/face.ts";
import type { VerifierRow, VerifyVectorsEvidence } from "../../sessions/catalogue.ts";
import type { EvidenceRef } from "../../sessions/evidence.ts";
import { allScenarios, type ScenarioDef } from "../../vectors/scenarios.ts";
import { refOf } from "./given.ts";

let scenarios: ScenarioDef[] | undefined;
/** Every vector the generator knows, read once. */
export function vectorDefs(): ScenarioDef[] {
  return (scenarios ??= allScenarios());
}

/** What a conformant verifier says of a vector: valid for TOTAL-PASSED, otherwise invalid/indeterminate and why. */
export function rightAnswer(expected: VerifierRow["expected"], why: string): VerifierRow["app"] {
  if (expected.indication === "TOTAL-PASSED") return { verdict: "valid", text: "İmza geçerli." };
  const verdict: AppVerdict = expected.indication === "TOTAL-FAILED" ? "invalid" : "indeterminate";
  return { verdict, text: `${verdict === "invalid" ? "İmza geçersiz" : "Doğrulama tamamlanamadı"}: ${why}` };
}

export function rowOf(d: ScenarioDef): VerifierRow {
  const expected = { indication: d.expected.indication, subIndication: d.expected.subIndication };
  return {
    vector: d.id,
    scenario: d.scenario,
    kamusm: d.kamusm,
    tags: d.tags,
    format: d.format,
    packaging: d.packaging,
    level: d.level,
    profile: d.profile,
    validationTime: "2026-01-01T12:00:00Z",
    expected,
    app: rightAnswer(expected, d.expected.reason.tr),
    uyum: { ...expected, failedChecks: [] },
  };
}

export interface EvidenceOptions {
  /** which vectors the application declares (the rest go to notDeclared); all by default */
  declares?: (d: ScenarioDef) => boolean;
  /** vectors missing from the set altogether (neither given nor set aside) */
  absent?: (d: ScenarioDef) => boolean;
  /** the application's answer for a row, when not the right one */
  answer?: (r: VerifierRow) => Partial<VerifierRow["app"]> | undefined;
  timeTold?: boolean;
}

export const MATRIX: EvidenceRef = refOf("validation-report", "matrix", "json");

/** The session's evidence over the vector set, as a conformant application (changed by `o`) would leave it. */
export function verifyVectorsEvidence(o: EvidenceOptions = {}): VerifyVectorsEvidence {
  const defs = vectorDefs().filter((d) => !o.absent?.(d));
  const given = defs.filter((d) => o.declares?.(d) ?? true);
  const rows = given.map((d) => {
    const r = rowOf(d);
    const a = o.answer?.(r);
    return a ? { ...r, app: { ...r.app, ...a } } : r;
  });
  return {
    rows,
    notDeclared: defs
      .filter((d) => !(o.declares?.(d) ?? true))
      .map((d) => ({
        vector: d.id,
        scenario: d.scenario,
        reason: {
          tr: `uygulama ${d.format} ${d.level} bildirmiyor`,
          en: `the application does not declare ${d.format} ${d.level}`,
        },
      })),
    timeTold: o.timeTold ?? true,
    matrix: MATRIX,
  };
}
