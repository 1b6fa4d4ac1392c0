// Text and Markdown views of the checklist, its summary, coverage and a plan. Pure functions: data in,
// string out (the CLI prints them; tests read them).
import type { Plan, PlanEntry } from "./plan.ts";
import { showPredicate } from "./predicate.ts";
import { OBLIGATIONS, type Checklist, type ChecklistItem } from "./types.ts";

export type Lang = "tr" | "en";

/** Marker for provenance in every view: † inferred row, ‡ seed row with inferred parts. */
export function provenanceMark(i: ChecklistItem): string {
  if (i.provenance.source === "inferred") return "†";
  return i.provenance.inferredParts ? "‡" : "";
}

const LEGEND = {
  tr: "† çıkarım: formun 26–40. sayfaları bulunamadı, satır yeniden kurgulandı · ‡ kaynak satır, bir kısmı çıkarım",
  en: "† inferred: pages 26–40 of the form were not available, the row is a reconstruction · ‡ seed row with inferred parts",
};

function cut(s: string, n: number): string {
  const one = s.replace(/\s+/g, " ");
  return one.length <= n ? one : one.slice(0, n - 1) + "…";
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell + " ".repeat(widths[c]! - [...cell].length))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function renderTable(items: ChecklistItem[], lang: Lang): string {
  const rows = [["id", "obl", "part", "evidence", "source", lang === "tr" ? "madde" : "requirement"]];
  for (const i of items)
    rows.push([
      i.id + provenanceMark(i),
      i.obligation,
      i.part,
      i.evidence.kind,
      `${i.provenance.source}/${i.provenance.confidence}`,
      cut(i.text[lang], 90),
    ]);
  return `${table(rows)}\n\n${items.length} item(s). ${LEGEND[lang]}\n`;
}

/** Counts by section × obligation and by provenance: the `npm start` view. */
export function renderSummary(cl: Checklist): string {
  const lines: string[] = [];
  lines.push("KAMU SM E-İmza Uygulaması Kontrol Listesi — uyum checklist summary", "");
  const rows = [["section", "title", ...OBLIGATIONS, "total", "seed", "inferred"]];
  const tot: Record<string, number> = { Z: 0, K: 0, O: 0, B: 0, total: 0, seed: 0, inferred: 0 };
  for (const s of cl.sections) {
    const its = cl.items.filter((i) => i.section === s.id);
    const c = (f: (i: ChecklistItem) => boolean) => its.filter(f).length;
    const row = OBLIGATIONS.map((o) => c((i) => i.obligation === o));
    const seed = c((i) => i.provenance.source === "seed");
    const inf = c((i) => i.provenance.source === "inferred");
    OBLIGATIONS.forEach((o, k) => (tot[o]! += row[k]!));
    tot.total! += its.length;
    tot.seed! += seed;
    tot.inferred! += inf;
    rows.push([s.id, cut(s.title.tr, 44), ...row.map(String), String(its.length), String(seed), String(inf)]);
  }
  rows.push([
    "all",
    "",
    ...OBLIGATIONS.map((o) => String(tot[o])),
    String(tot.total),
    String(tot.seed),
    String(tot.inferred),
  ]);
  lines.push(table(rows), "");
  const count = (key: (i: ChecklistItem) => string) => {
    const m = new Map<string, number>();
    for (const i of cl.items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return [...m].map(([k, v]) => `${k} ${v}`).join(", ");
  };
  lines.push(
    `provenance: ${count((i) => i.provenance.source + (i.provenance.inferredParts ? " (parts inferred)" : ""))}`,
  );
  lines.push(`confidence: ${count((i) => i.provenance.confidence)}`);
  lines.push(`obligation basis: ${count((i) => i.provenance.obligationBasis)}`);
  lines.push(`evidence: ${count((i) => i.evidence.kind)}`);
  lines.push(`part: ${count((i) => i.part)}`);
  lines.push(
    `K items with a machine-evaluable condition: ${cl.items.filter((i) => i.obligation === "K" && i.condition).length}/${cl.items.filter((i) => i.obligation === "K").length}`,
  );
  lines.push("", LEGEND.en);
  return lines.join("\n") + "\n";
}

/** The whole list, grouped by section and heading, bilingual, with provenance markers. */
export function renderMarkdown(cl: Checklist, items: ChecklistItem[] = cl.items): string {
  const out: string[] = [
    "# E-İmza Uygulaması Kontrol Listesi (KAMU SM) — uyum",
    "",
    `> ${LEGEND.tr}  `,
    `> ${LEGEND.en}`,
    "",
  ];
  for (const s of cl.sections) {
    const its = items.filter((i) => i.section === s.id);
    if (its.length === 0) continue;
    out.push(`## ${s.id} ${s.title.tr} / ${s.title.en}`, "");
    out.push(`*${s.part}${s.cwa ? ` · ${s.cwa}` : ""}*`, "");
    let heading: string | undefined;
    for (const i of its) {
      if (i.heading !== heading) {
        heading = i.heading;
        if (i.heading && i.headingTitle) out.push(`### ${i.heading} ${i.headingTitle.tr} / ${i.headingTitle.en}`, "");
      }
      out.push(...itemMarkdown(cl, i), "");
    }
  }
  return out.join("\n");
}

function itemMarkdown(cl: Checklist, i: ChecklistItem): string[] {
  const p = i.provenance;
  const out = [
    `- **${i.id}**${provenanceMark(i)} · **${i.obligation}** · ${i.evidence.kind} (${i.evidence.method}) · ${p.source}, ${p.confidence}, ${p.obligationBasis}`,
  ];
  if (i.lead) out.push(`  ${i.lead.tr}  `, `  *${i.lead.en}*  `);
  out.push(`  ${i.text.tr}  `, `  *${i.text.en}*`);
  for (const o of i.options ?? []) out.push(`  - ☐ ${o.tr} — *${o.en}*`);
  if (i.condition) {
    const fn = i.condition.footnotes?.length ? ` (dipnot/footnote ${i.condition.footnotes.join(", ")})` : "";
    out.push(
      `  - Koşul / Condition${fn}: ${i.condition.text.tr} — *${i.condition.text.en}* — \`${showPredicate(i.condition.when)}\``,
    );
  }
  for (const n of i.footnotes ?? []) {
    const f = cl.footnotes.get(n);
    if (f) out.push(`  - Dipnot ${n}: ${f.text.tr} — *${f.text.en}*`);
  }
  if (i.refs.length) out.push(`  - Refs: ${i.refs.join("; ")}`);
  if (i.relatedTests?.length) out.push(`  - KAMU SM test scenarios: ${i.relatedTests.join("; ")}`);
  if (p.inferenceReason) out.push(`  - Inference: ${p.inferenceReason}`);
  if (p.inferredParts) out.push(`  - Inferred parts: ${p.inferredParts}`);
  for (const n of p.notes ?? []) out.push(`  - Note: ${n}`);
  return out;
}

const STATUS = { applies: "applies", "not-applicable": "N-A", undetermined: "undetermined" } as const;

export function renderPlan(plan: Plan, lang: Lang): string {
  const p = plan.profile;
  const head = `plan for ${p.name} ${p.version}${p.vendor ? ` (${p.vendor})` : ""} — ${p.file} — assesses: ${p.assesses.join(", ")}`;
  const rows = [["id", "obl", "status", "reason"]];
  for (const e of plan.entries)
    rows.push([
      e.itemId + provenanceMark(e.item),
      e.item.obligation,
      STATUS[e.status] + answeredMark(e),
      cut(e.reason[lang], 110),
    ]);
  const c = plan.counts;
  return `${head}\n\n${table(rows)}\n\napplies ${c.applies}, N-A ${c["not-applicable"]}, undetermined ${c.undetermined} (of ${plan.entries.length}). ${LEGEND[lang]}\n`;
}

function answeredMark(e: PlanEntry): string {
  return e.answered === false ? " (unanswered)" : "";
}

export function renderPlanMarkdown(plan: Plan): string {
  const p = plan.profile;
  const c = plan.counts;
  const out = [
    `# Plan: ${p.name} ${p.version}${p.vendor ? ` — ${p.vendor}` : ""}`,
    "",
    `Profile: \`${p.file}\` · assesses: ${p.assesses.join(", ")}`,
    "",
    `| uygulanır / applies | N-A | belirsiz / undetermined | total |`,
    `| --- | --- | --- | --- |`,
    `| ${c.applies} | ${c["not-applicable"]} | ${c.undetermined} | ${plan.entries.length} |`,
    "",
    `> ${LEGEND.en}`,
    "",
  ];
  const groups: [string, PlanEntry[]][] = [
    ["Uygulanır / Applies", plan.entries.filter((e) => e.status === "applies")],
    ["Uygulanmaz / Not applicable", plan.entries.filter((e) => e.status === "not-applicable")],
    ["Belirsiz / Undetermined", plan.entries.filter((e) => e.status === "undetermined")],
  ];
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");
  for (const [title, es] of groups) {
    out.push(`## ${title} (${es.length})`, "");
    if (es.length === 0) continue;
    out.push("| id | obl | reason (tr) | reason (en) |", "| --- | --- | --- | --- |");
    for (const e of es)
      out.push(
        `| ${e.itemId}${provenanceMark(e.item)} | ${e.item.obligation} | ${esc(e.reason.tr)} | ${esc(e.reason.en)}${answeredMark(e)} |`,
      );
    out.push("");
  }
  return out.join("\n");
}
