// Canned verify-degraded evidence for the probes' tests: the session's conditions (harness/sessions/verify-degraded.ts
// CONDITIONS, the same ids, faults and "deprives" flags) over one vector that fetches its revocation data and one
// that carries it, with uyum's verdicts as the conditions make them and a conformant application's answers. A case
// changes the rows it is about.
import type { DegradedCondition, DegradedRow, VerifyDegradedEvidence } from "../../sessions/catalogue.ts";
import { CONDITIONS, SLOW_DELAY_MS } from "../../sessions/verify-degraded.ts";
import { refOf } from "./given.ts";

const SIGNED_AT = new Date("2026-01-15T10:00:00Z");
const TRY_LATER = { indication: "INDETERMINATE", subIndication: "TRY_LATER", failedChecks: ["revocation"] } as const;
const PASSED = { indication: "TOTAL-PASSED", failedChecks: [] } as const;
/** conditions in which a verifier that consults every source still finds revocation data */
const STILL_REACHABLE = new Set<DegradedCondition>(["services-up", "crl-down", "ocsp-down", "tsa-down", "all-down"]);

function row(vector: string, source: "live" | "embedded", cond: (typeof CONDITIONS)[number]): DegradedRow {
  const reachable = source === "embedded" || STILL_REACHABLE.has(cond.id);
  return {
    vector,
    scenario: "8",
    format: "XAdES",
    level: source === "live" ? "T" : "X-L",
    profile: source === "live" ? "P2" : "P3",
    revocationSource: source,
    condition: cond.id,
    faults: cond.faults(SIGNED_AT).map(([t, f]) => `${t}: ${f.fault}`),
    deprives: cond.deprives,
    ...(cond.id === "revocation-slow" ? { lateAnswers: 0 } : {}),
    validationTime: "2026-06-01T12:00:00Z",
    app: reachable
      ? { verdict: "valid", text: "GEÇERLİ / valid", elapsedMs: 900 }
      : {
          verdict: "indeterminate",
          text: "BELİRSİZ / indeterminate: imzacı sertifikası için geçerli iptal bilgisi yok (SİL/OCSP alınamadı)",
          elapsedMs: 900,
        },
    uyum: reachable ? { ...PASSED, failedChecks: [] } : { ...TRY_LATER, failedChecks: ["revocation"] },
  };
}

export const LIVE = "kamusm-08-xades-t-enveloped";
export const EMBEDDED = "kamusm-08-xades-x-l-enveloped";

export interface DegradedOptions {
  /** the application's answer for a row, when not the conformant one */
  answer?: (r: DegradedRow) => Partial<DegradedRow["app"]> | undefined;
  /** change a row otherwise (uyum's verdict, late answers) */
  edit?: (r: DegradedRow) => Partial<DegradedRow> | undefined;
  /** leave out the rows of one source (the application declares no such kind) */
  without?: "live" | "embedded";
}

export function verifyDegradedEvidence(o: DegradedOptions = {}): VerifyDegradedEvidence {
  const rows: DegradedRow[] = [];
  for (const cond of CONDITIONS) {
    if (o.without !== "live" && ["all", "live", "timestamped"].includes(cond.on)) rows.push(row(LIVE, "live", cond));
    if (o.without !== "embedded" && ["all", "embedded"].includes(cond.on)) rows.push(row(EMBEDDED, "embedded", cond));
  }
  return {
    rows: rows.map((r) => {
      const e = { ...r, ...o.edit?.(r) };
      const a = o.answer?.(e);
      return a ? { ...e, app: { ...e.app, ...a } } : e;
    }),
    slowDelayMs: SLOW_DELAY_MS,
    timeTold: true,
    matrix: refOf("validation-report", "degraded-matrix", "json"),
  };
}
