// Coverage: which checklist items have a probe. Having a probe is not a result: until a campaign runs, every
// item's mark is "not-assessed".
import type { Checklist, EvidenceKind } from "../checklist/types.ts";
import { validateProbes } from "./registry.ts";
import type { Mark, Probe } from "./types.ts";

export interface ItemCoverage {
  itemId: string;
  section: string;
  evidence: EvidenceKind;
  probes: string[];
  mark: Mark; // always "not-assessed" here: coverage never proves anything
}

export interface Coverage {
  items: ItemCoverage[];
  totals: {
    items: number;
    withProbe: number;
    withoutProbe: number;
    /** Items whose evidence kind is automated, and how many of them a probe covers. */
    automatedItems: number;
    automatedCovered: number;
    notAssessed: number;
  };
  bySection: { section: string; items: number; withProbe: number }[];
}

export function coverage(checklist: Checklist, probes: Probe[]): Coverage {
  const problems = validateProbes(probes, checklist);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const byItem = new Map<string, string[]>();
  for (const p of probes) for (const id of p.covers) byItem.set(id, [...(byItem.get(id) ?? []), p.id]);
  const items: ItemCoverage[] = checklist.items.map((i) => ({
    itemId: i.id,
    section: i.section,
    evidence: i.evidence.kind,
    probes: byItem.get(i.id) ?? [],
    mark: "not-assessed",
  }));
  const bySection = checklist.sections.map((s) => {
    const its = items.filter((i) => i.section === s.id);
    return { section: s.id, items: its.length, withProbe: its.filter((i) => i.probes.length > 0).length };
  });
  const automated = items.filter((i) => i.evidence === "automated");
  const withProbe = items.filter((i) => i.probes.length > 0).length;
  return {
    items,
    totals: {
      items: items.length,
      withProbe,
      withoutProbe: items.length - withProbe,
      automatedItems: automated.length,
      automatedCovered: automated.filter((i) => i.probes.length > 0).length,
      notAssessed: items.filter((i) => i.mark === "not-assessed").length,
    },
    bySection,
  };
}
