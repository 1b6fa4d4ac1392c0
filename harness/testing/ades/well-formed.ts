// What every validation result must look like, whatever the input: used by the fuzz and sweep tests.
import { expect } from "vitest";
import { catalogueEntry } from "../../ades/catalogue.ts";
import type { ValidationResult } from "../../ades/report.ts";
import { INDICATIONS, SUB_INDICATIONS, type ValidationCheck } from "../../ades/verdict.ts";

/** A well-formed result: never an internal error, a known indication, catalogued checks with tr/en reasons. */
export function expectWellFormed(r: ValidationResult): void {
  expect(r.outcome, `${r.file}: ${r.checks[0]?.reason.en}`).not.toBe("internal-error");
  expect(["verdict", "unsupported"]).toContain(r.outcome);
  expect(INDICATIONS).toContain(r.indication);
  if (r.indication === "TOTAL-PASSED" || r.outcome === "unsupported") expect(r.subIndication).toBeUndefined();
  else
    expect(
      (SUB_INDICATIONS[r.indication] as readonly string[]).includes(r.subIndication!),
      `${r.indication}/${r.subIndication}`,
    ).toBe(true);
  expect(Array.isArray(r.checks)).toBe(true);
  expect(r.checks.length).toBeGreaterThan(0);
  const all: ValidationCheck[] = [...r.checks];
  const walk = (s: ValidationResult["signatures"][number]): void => {
    all.push(...s.checks);
    s.counterSignatures.forEach(walk);
  };
  r.signatures.forEach(walk);
  for (const c of all) {
    const entry = catalogueEntry(c.id);
    expect(entry, `check id "${c.id}" is not in the catalogue`).toBeDefined();
    if (c.subIndication) expect(entry!.subIndications, `${c.id}`).toContain(c.subIndication);
    expect(["passed", "failed", "indeterminate", "skipped"]).toContain(c.result);
    expect(c.reason.tr.length).toBeGreaterThan(0);
    expect(c.reason.en.length).toBeGreaterThan(0);
  }
  JSON.stringify(r);
}
