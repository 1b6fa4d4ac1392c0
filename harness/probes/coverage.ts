// Coverage: which checklist items have a probe. Having a probe is not a result: until a campaign runs, every
// item's mark is "not-assessed".
import type { Checklist, EvidenceKind } from "../checklist/types.ts";
import type { LoadedProbe } from "./registry.ts";

export interface ItemCoverage {
  itemId: string;
  section: string;
  evidence: EvidenceKind;
  /** The probe file, when the item has one. */
  probe?: string;
  /** Always "not-assessed" here: coverage never proves anything. */
  mark: "not-assessed";
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

export function coverage(checklist: Checklist, probes: Map<string, LoadedProbe>): Coverage {
  const items: ItemCoverage[] = checklist.items.map((i) => ({
    itemId: i.id,
    section: i.section,
    evidence: i.evidence.kind,
    probe: probes.get(i.id)?.file,
    mark: "not-assessed",
  }));
  const bySection = checklist.sections.map((s) => {
    const its = items.filter((i) => i.section === s.id);
    return { section: s.id, items: its.length, withProbe: its.filter((i) => i.probe).length };
  });
  const automated = items.filter((i) => i.evidence === "automated");
  const withProbe = items.filter((i) => i.probe).length;
  return {
    items,
    totals: {
      items: items.length,
      withProbe,
      withoutProbe: items.length - withProbe,
      automatedItems: automated.length,
      automatedCovered: automated.filter((i) => i.probe).length,
      notAssessed: items.length,
    },
    bySection,
  };
}

export function renderCoverage(cov: Coverage): string {
  const t = cov.totals;
  const rows = [["section", "items", "with probe"]];
  for (const s of cov.bySection) rows.push([s.section, String(s.items), String(s.withProbe)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return [
    ...rows.map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    ),
    "",
    `${t.items} items: ${t.withProbe} with a probe, ${t.withoutProbe} without.`,
    `automated items: ${t.automatedItems}, of which ${t.automatedCovered} covered by a probe.`,
    `not assessed: ${t.notAssessed} (no campaign has run; an item no probe has proven is never ✓).`,
    `probes: ${cov.items
      .filter((i) => i.probe)
      .map((i) => i.itemId)
      .join(", ")}`,
    "",
  ].join("\n");
}
