// The report's data, from a campaign and the checklist: what each item's mark is as shown (no silent pass: an
// item without a result is "not assessed", never ✓; a suggestion stays a suggestion until confirmed; N-A and ?
// carry their reason), the summaries, the hash table, the method appendix. Pure: no clock, no I/O beyond strings
// and evidence thumbnails, so the same campaign renders the same report.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Checklist, Obligation } from "../checklist/types.ts";
import { OBLIGATIONS } from "../checklist/types.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import type { Text } from "../core/text.ts";
import type { Finding } from "../campaign/results.ts";
import type { Campaign } from "./campaign.ts";

export type Lang = "tr" | "en";
/** What the report shows for an item: the four marks, "suggested" (unconfirmed) and "not assessed". */
export type Shown = "pass" | "fail" | "undetermined" | "not-applicable" | "suggested" | "not-assessed";
export const SHOWN: Shown[] = ["pass", "fail", "undetermined", "not-applicable", "suggested", "not-assessed"];
export const SYMBOL: Record<Shown, string> = {
  pass: "✓",
  fail: "✗",
  undetermined: "?",
  "not-applicable": "N-A",
  suggested: "~",
  "not-assessed": "—",
};

export const REPORTS_DIR = join(PROJECT_ROOT, "reports");
export type Strings = Record<string, string>;

export function loadStrings(lang: Lang): Strings {
  return JSON.parse(readFileSync(join(REPORTS_DIR, "strings", `${lang}.json`), "utf8")) as Strings;
}

/** The mark as shown: a suggestion counts as nothing until an assessor confirms it. */
export function shownMark(r: Finding | undefined): Shown {
  if (!r) return "not-assessed";
  if (r.mark === "not-assessed") return "not-assessed";
  if (r.suggested && !r.confirmed) return "suggested";
  return r.mark;
}

export interface ItemRow {
  id: string;
  obligation: Obligation;
  section: string;
  text: string;
  shown: Shown;
  symbol: string;
  /** for a suggestion: the machine's suggested mark */
  suggestedSymbol?: string;
  confirmedBy?: string;
  reason?: string;
  evidence: { kind: string; path: string; sha256: string; locator?: string }[];
  thumbnails: string[];
  inferred: boolean;
  probe?: string;
}

export type Counts = Record<Shown, number> & { total: number };
/** the counts in SHOWN order, for a table row */
const cells = (c: Counts) => SHOWN.map((k) => c[k]);
const zero = (): Counts => ({
  pass: 0,
  fail: 0,
  undetermined: 0,
  "not-applicable": 0,
  suggested: 0,
  "not-assessed": 0,
  total: 0,
});

export interface ReportData {
  lang: Lang;
  campaign: Campaign["json"];
  items: ItemRow[];
  byObligation: ({ key: string; cells: number[] } & Counts)[];
  bySection: ({ key: string; title: string; cells: number[] } & Counts)[];
  total: Counts;
  totalCells: number[];
  software: { files: { path: string; sha256: string }[]; digest?: string; source: Campaign["softwareSource"] };
  /** the campaign's facts as the cover shows them */
  cover: {
    id: string;
    harnessVersion?: string;
    harnessSha256?: string;
    environment: { label: string; value: string }[];
  };
  method: { id: string; how: string; probe?: string }[];
  declarations: { item: string; accepted: boolean; statement?: string }[];
  answers: { item: string; answer: string }[];
  verifierAgreement: { vector: string; expected: string; app: string; uyum: string; agree: boolean }[];
}

const MAX_THUMB = 2 * 1024 * 1024;

/** A probe as the method appendix shows it (from harness/probes' registry). */
export interface ProbeInfo {
  how: Text;
  file: string;
}

export function reportData(
  c: Campaign,
  checklist: Checklist,
  lang: Lang,
  probes: Map<string, ProbeInfo> = new Map(),
): ReportData {
  const pick = (t: Text | undefined) => (t ? t[lang] : undefined);
  const strings = loadStrings(lang);
  const items: ItemRow[] = checklist.items.map((item) => {
    const r = c.results.get(item.id);
    const shown = shownMark(r);
    const evidence = (r?.evidence ?? []).map((e) => ({
      kind: e.kind,
      path: e.path,
      sha256: e.sha256,
      locator: e.locator,
    }));
    const thumbnails = (r?.evidence ?? [])
      .filter((e) => e.kind === "screenshot" && /\.png$/i.test(e.path))
      .map((e) => readFileSync(join(c.dir, e.path)))
      .filter((b) => b.length <= MAX_THUMB)
      .map((b) => `data:image/png;base64,${b.toString("base64")}`);
    return {
      id: item.id,
      obligation: item.obligation,
      section: item.section,
      text: item.text[lang],
      shown,
      symbol: SYMBOL[shown],
      suggestedSymbol: shown === "suggested" ? SYMBOL[r!.mark] : undefined,
      confirmedBy: r?.confirmed?.by,
      reason: pick(r?.reason),
      evidence,
      thumbnails,
      inferred: item.provenance.source === "inferred",
      probe: r?.probe,
    };
  });
  const total = zero();
  const byOb = new Map<string, Counts>(OBLIGATIONS.map((o) => [o, zero()]));
  const bySec = new Map<string, Counts>(checklist.sections.map((s) => [s.id, zero()]));
  for (const row of items) {
    for (const c of [total, byOb.get(row.obligation)!, bySec.get(row.section)!]) {
      c[row.shown]++;
      c.total++;
    }
  }
  const method = checklist.items.flatMap((item) => {
    const p = probes.get(item.id);
    return p ? [{ id: item.id, how: p.how[lang], probe: p.file }] : [];
  });
  return {
    lang,
    campaign: c.json,
    items,
    byObligation: [...byOb].map(([key, v]) => ({ key, ...v, cells: cells(v) })),
    bySection: checklist.sections.map((s) => ({
      key: s.id,
      title: s.title[lang],
      ...bySec.get(s.id)!,
      cells: cells(bySec.get(s.id)!),
    })),
    total,
    totalCells: cells(total),
    software: {
      files: [...c.manifestFiles].map(([path, sha256]) => ({ path, sha256 })),
      digest: c.digest,
      source: c.softwareSource,
    },
    cover: {
      id: c.json.id ?? basename(c.dir),
      harnessVersion: c.json.harness?.version ?? c.json.uyum?.version,
      harnessSha256: c.json.harness?.sha256,
      environment: Object.entries(c.json.environment ?? {}).map(([k, v]) => ({
        label: strings[`env.${k}`] ?? k,
        value: String(v),
      })),
    },
    method,
    declarations: c.json.declarations ?? [],
    answers: c.json.answers ?? [],
    verifierAgreement: (c.json.verifierAgreement ?? []).map((v) => ({ ...v, agree: v.app === v.expected })),
  };
}

/** The machine-readable twin (InSpec-like): per item id, mark as shown, the raw mark, reason, evidence, probe. */
export function resultsJson(d: ReportData): string {
  return (
    JSON.stringify(
      {
        version: 1,
        campaign: d.campaign.id,
        app: d.campaign.app,
        software: { algorithm: "SHA-256", digest: d.software.digest },
        summary: d.total,
        items: d.items.map((i) => ({
          id: i.id,
          obligation: i.obligation,
          mark: i.shown,
          ...(i.suggestedSymbol ? { suggested: i.suggestedSymbol } : {}),
          ...(i.confirmedBy ? { confirmedBy: i.confirmedBy } : {}),
          reason: i.reason,
          evidence: i.evidence,
          probe: i.probe,
        })),
      },
      null,
      2,
    ) + "\n"
  );
}

const xmlEsc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

/** JUnit XML for vendors' CI: one testcase per item; ✗ is a failure, ? and not assessed are not passes (skipped). */
export function junitXml(d: ReportData): string {
  const n = d.total;
  const cases = d.items.map((i) => {
    const name = `${i.id} [${i.obligation}]`;
    const msg = xmlEsc(i.reason ?? "");
    const body =
      i.shown === "fail"
        ? `<failure message="${msg}"/>`
        : i.shown === "pass"
          ? ""
          : `<skipped message="${xmlEsc(i.shown)}${msg ? `: ${msg}` : ""}"/>`;
    return `  <testcase classname="uyum.${xmlEsc(i.section)}" name="${xmlEsc(name)}">${body}</testcase>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuite name="uyum ${xmlEsc(d.campaign.app.name)} ${xmlEsc(d.campaign.app.version)}" tests="${n.total}" failures="${n.fail}" skipped="${n.total - n.fail - n.pass}">\n` +
    cases.join("\n") +
    `\n</testsuite>\n`
  );
}
