// `uyum explain ITEM`: the one-minute path from an item id to everything about it: the requirement (tr/en,
// obligation, K condition, provenance), the probe that proves it and how, the sessions it reads, its test, and,
// given a campaign, the finding with its evidence (each file checked against its SHA-256).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Checklist, ChecklistItem } from "../checklist/types.ts";
import { UserError } from "../core/errors.ts";
import { closest } from "../core/issues.ts";
import type { LoadedProbe } from "../probes/registry.ts";
import { SESSIONS } from "../sessions/catalogue.ts";
import type { Finding } from "./results.ts";

const OBLIGATION_NAMES = {
  Z: "zorunlu / mandatory",
  K: "koşullu / conditional",
  O: "opsiyonel / optional",
  B: "bilgi / informational",
};
const MARK_SIGNS = { pass: "✓", fail: "✗", undetermined: "?", "not-applicable": "N-A", "not-assessed": "not assessed" };

export function findItem(checklist: Checklist, id: string): ChecklistItem {
  const item = checklist.byId.get(id);
  if (item) return item;
  const hint = closest(id, checklist.byId.keys());
  throw new UserError(`no checklist item "${id}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
}

const indent = (text: string, by = "    ") =>
  text
    .trim()
    .split("\n")
    .map((l) => by + l)
    .join("\n");

export function explainItem(
  checklist: Checklist,
  item: ChecklistItem,
  probe: LoadedProbe | undefined,
  campaign?: { dir: string; finding: Finding | undefined },
): string {
  const out: string[] = [];
  const heading = item.headingTitle ? ` › ${item.headingTitle.en}` : "";
  out.push(`${item.id}  ${item.obligation} (${OBLIGATION_NAMES[item.obligation]})  ${item.part}`);
  out.push(`section ${item.section}: ${item.sectionTitle.tr} / ${item.sectionTitle.en}${heading}`);
  out.push("", "requirement:");
  if (item.lead) out.push(indent(`tr: ${item.lead.tr}`), indent(`en: ${item.lead.en}`));
  out.push(indent(`tr: ${item.text.tr}`), indent(`en: ${item.text.en}`));
  for (const [n, o] of (item.options ?? []).entries()) out.push(indent(`option ${n + 1}: ${o.tr} / ${o.en}`));
  for (const n of item.footnotes ?? []) {
    const f = checklist.footnotes.get(n);
    if (f) out.push(indent(`footnote ${n}: ${f.text.en}`));
  }
  if (item.condition)
    out.push(
      "",
      "condition (K: N-A when it does not hold):",
      indent(`tr: ${item.condition.text.tr}`),
      indent(`en: ${item.condition.text.en}`),
      indent(`as data: ${JSON.stringify(item.condition.when)}`),
    );
  const p = item.provenance;
  out.push(
    "",
    `evidence: ${item.evidence.kind} (${[item.evidence.method, ...(item.evidence.also ?? [])].join(", ")})`,
    `provenance: ${p.source}, confidence ${p.confidence}, obligation ${p.obligationBasis}${p.inferenceReason ? ` (${p.inferenceReason})` : ""}`,
    `defined in: checklist/${item.file}`,
  );
  if (item.refs.length) out.push(`references: ${item.refs.join(", ")}`);
  out.push("");
  if (!probe) out.push('probe: none yet: the item is "not assessed" in every campaign until one proves it');
  else {
    out.push(
      `probe: ${probe.file}`,
      "  how:",
      indent(`tr: ${probe.probe.how.tr}`),
      indent(`en: ${probe.probe.how.en}`),
    );
    out.push(`  sessions: ${probe.probe.uses.map((s) => `${s} (${SESSIONS[s].what.en})`).join("; ")}`);
    out.push(`test: ${probe.testFile ?? "none (a probe without its table-driven test is not done)"}`);
  }
  if (campaign) {
    out.push("", `campaign: ${campaign.dir}`);
    const f = campaign.finding;
    if (!f) out.push("  finding: none recorded: not assessed");
    else {
      const suggestion = f.suggested
        ? f.confirmed
          ? `, confirmed by ${f.confirmed.by}`
          : ", suggested (not confirmed)"
        : "";
      out.push(
        `  mark: ${MARK_SIGNS[f.mark]}${suggestion}`,
        indent(`tr: ${f.reason.tr}`),
        indent(`en: ${f.reason.en}`),
      );
      if (f.probe) out.push(`  judged by: ${f.probe}`);
      for (const e of f.evidence) {
        const path = join(campaign.dir, e.path);
        const state = !existsSync(path)
          ? "MISSING"
          : createHash("sha256").update(readFileSync(path)).digest("hex") === e.sha256
            ? "sha256 ok"
            : "SHA-256 DIFFERS (the file changed after the campaign recorded it)";
        out.push(`  evidence: ${e.kind} ${path}${e.locator ? ` @ ${e.locator}` : ""} (${state})`);
      }
    }
  }
  return out.join("\n") + "\n";
}
