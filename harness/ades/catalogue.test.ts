import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, catalogueEntry, STEPS } from "./catalogue.ts";
import { verdictOf } from "./checks.ts";
import { SUB_INDICATIONS, type ValidationCheck } from "./verdict.ts";

const HERE = import.meta.dirname;

/** Every check id written literally in the validator's sources (call sites and check objects). */
function idsInSources(): { id: string; file: string }[] {
  const out: { id: string; file: string }[] = [];
  for (const f of readdirSync(HERE)) {
    if (!f.endsWith(".ts") || f.endsWith(".test.ts") || f === "catalogue.ts" || f === "etsi-report.ts") continue;
    const src = readFileSync(join(HERE, f), "utf8");
    const re = /\b(?:\w*[cC]h\w*|checks)\.(?:pass|fail|indet|skip|add)\(\s*"([^"]+)"|\bid:\s*"([a-z0-9-]+)"/g;
    for (const m of src.matchAll(re)) out.push({ id: m[1] ?? m[2], file: f });
    // Computed ids: `timestamp-${kind}` and `revocation-ca-${i}` are catalogued by family.
    for (const m of src.matchAll(/`(timestamp|revocation-ca)-\$\{/g)) out.push({ id: `${m[1]}-*`, file: f });
  }
  return out;
}

describe("validation check catalogue", () => {
  it("catalogues every check id the validator's sources use", () => {
    const used = idsInSources();
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter(({ id }) => {
      if (id === "timestamp-*")
        return !["signature", "content", "esc", "archive", "document"].every((k) => catalogueEntry(`timestamp-${k}`));
      if (id === "revocation-ca-*") return !catalogueEntry("revocation-ca-1");
      return !catalogueEntry(id);
    });
    expect(missing).toEqual([]);
  });

  it("gives every entry a question and a failure answer in Turkish and English, a known step and sub-indications", () => {
    const subs = new Set<string>([...SUB_INDICATIONS["TOTAL-FAILED"], ...SUB_INDICATIONS.INDETERMINATE]);
    const steps = new Set<string>(STEPS.map((s) => s.id));
    for (const [id, e] of Object.entries(CATALOGUE)) {
      expect(id).toMatch(/^[a-z0-9-]+$/);
      for (const t of [e.question, e.failure]) {
        expect(t.tr.trim(), id).not.toBe("");
        expect(t.en.trim(), id).not.toBe("");
      }
      expect(steps.has(e.step), id).toBe(true);
      for (const s of e.subIndications) expect(subs.has(s), `${id}: ${s}`).toBe(true);
    }
    expect(Object.keys(CATALOGUE).length).toBeGreaterThanOrEqual(34);
  });

  it("lets a counter-signature carry up every sub-indication a signature's validation may return (derived, not hand-listed)", () => {
    const all = new Set<string>([...SUB_INDICATIONS["TOTAL-FAILED"], ...SUB_INDICATIONS.INDETERMINATE]);
    const cs = new Set<string>(CATALOGUE["counter-signature"].subIndications);
    expect([...all].filter((s) => !cs.has(s))).toEqual([]);
    for (const s of ["OUT_OF_BOUNDS_NOT_REVOKED", "REVOCATION_OUT_OF_BOUNDS_NO_POE", "NO_POE"])
      expect(cs.has(s)).toBe(true);
    // and so everything any other check may yield
    for (const [id, e] of Object.entries(CATALOGUE))
      for (const s of e.subIndications) expect(cs.has(s), `${id}: ${s}`).toBe(true);
    expect(cs.size).toBe(all.size);
  });

  it("resolves revocation-ca-N to its family, and refuses ids it does not know", () => {
    expect(catalogueEntry("revocation-ca-3")?.id).toBe("revocation-ca");
    expect(catalogueEntry("revocation-ca")).toBeUndefined();
    expect(catalogueEntry("no-such-check")).toBeUndefined();
  });

  it("decides the verdict by step order, not by the order checks were recorded", () => {
    const c = (id: ValidationCheck["id"], result: ValidationCheck["result"], sub?: ValidationCheck["subIndication"]) =>
      ({ id, result, subIndication: sub, reason: { tr: "-", en: "-" } }) as ValidationCheck;
    // Recorded late, decides first: the signing certificate is identified (5.2.3) before acceptance (5.2.8).
    const late = [
      c("profile-ess", "indeterminate", "SIG_CONSTRAINTS_FAILURE"),
      c("chain", "indeterminate", "NO_CERTIFICATE_CHAIN_FOUND"),
      c("signing-certificate", "indeterminate", "NO_SIGNING_CERTIFICATE_FOUND"),
    ];
    expect(verdictOf(late)).toEqual({ indication: "INDETERMINATE", subIndication: "NO_SIGNING_CERTIFICATE_FOUND" });
    expect(verdictOf([...late].reverse())).toEqual(verdictOf(late));
    // A failure of cryptographic verification is final, over an earlier-recorded indeterminate chain.
    const crypto = [
      c("chain", "indeterminate", "NO_CERTIFICATE_CHAIN_FOUND"),
      c("pdf-modifications", "failed", "SIG_CONSTRAINTS_FAILURE"),
      c("signature-value", "failed", "SIG_CRYPTO_FAILURE"),
    ];
    expect(verdictOf(crypto)).toEqual({ indication: "TOTAL-FAILED", subIndication: "SIG_CRYPTO_FAILURE" });
    expect(verdictOf([c("format", "passed")])).toEqual({ indication: "TOTAL-PASSED" });
  });
});
