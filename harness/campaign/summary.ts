// The terminal summary of a campaign: per section ✓ ✗ ? N-A and not assessed (suggested marks counted apart),
// then every ✗ and ? with its reason, so a reader sees at once what failed and why.
import type { Checklist } from "../checklist/types.ts";
import type { Finding, Mark } from "./results.ts";

const COLUMNS: [Mark, string][] = [
  ["pass", "✓"],
  ["fail", "✗"],
  ["undetermined", "?"],
  ["not-applicable", "N-A"],
  ["not-assessed", "not assessed"],
];

export function renderSummary(checklist: Checklist, findings: Finding[], lang: "tr" | "en" = "en"): string {
  const bySection = new Map<string, Finding[]>();
  for (const f of findings) {
    const s = checklist.byId.get(f.item)!.section;
    bySection.set(s, [...(bySection.get(s) ?? []), f]);
  }
  const rows = [["section", ...COLUMNS.map(([, h]) => h), "suggested"]];
  const count = (fs: Finding[], m: Mark) => String(fs.filter((f) => f.mark === m && !f.suggested).length);
  for (const s of checklist.sections) {
    const fs = bySection.get(s.id);
    if (fs) rows.push([s.id, ...COLUMNS.map(([m]) => count(fs, m)), String(fs.filter((f) => f.suggested).length)]);
  }
  rows.push(["all", ...COLUMNS.map(([m]) => count(findings, m)), String(findings.filter((f) => f.suggested).length)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
  );
  const notable = findings.filter((f) => f.mark === "fail" || f.mark === "undetermined");
  return [
    ...table,
    "",
    ...notable.map(
      (f) => `${f.mark === "fail" ? "✗" : "?"}${f.suggested ? " (suggested)" : ""} ${f.item}: ${f.reason[lang]}`,
    ),
    ...(notable.length ? [""] : []),
  ].join("\n");
}
