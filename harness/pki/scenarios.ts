// The negative-matrix view of a built PKI: which certificates, CRLs, responders and TSAs carry each scenario
// tag, and the KAMU SM checklist numbers they stand for (`uyum pki scenarios`).
import { pkiIndex } from "./store.ts";
import type { Pki } from "./types.ts";

/** scenario tag → labels and KAMU SM numbers, in the YAML's order */
export function scenarioTable(p: Pki): { scenario: string; labels: string[]; kamusm: string[] }[] {
  const idx = pkiIndex(p);
  const kam = new Map<string, Set<string>>();
  const add = (s: string | undefined, k: string[] | undefined) => {
    if (!s) return;
    const set = kam.get(s) ?? new Set<string>();
    for (const x of k ?? []) set.add(x);
    kam.set(s, set);
  };
  for (const e of p.entities.values()) add(e.scenario, e.kamusm);
  for (const c of p.crls.values()) add(c.scenario, c.kamusm);
  for (const r of p.ocspResponders.values()) add(r.scenario, r.kamusm);
  for (const t of p.tsas.values()) add(t.scenario, t.kamusm);
  return Object.entries(idx.scenarios).map(([scenario, labels]) => ({
    scenario,
    labels,
    kamusm: [...(kam.get(scenario) ?? [])],
  }));
}
