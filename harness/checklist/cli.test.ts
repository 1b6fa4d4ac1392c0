// The real command, spawned: `node bin/uyum.js …`, as a user runs it.
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../core/shared-dir.ts";
import { UserError } from "../core/errors.ts";
import { loadProfile } from "../profile/load.ts";
import { filterItems } from "./commands.ts";
import { coverage, renderCoverage } from "../probes/coverage.ts";
import { formatIssue } from "../core/issues.ts";
import { loadChecklist, validateChecklist } from "./load.ts";
import { makePlan } from "./plan.ts";
import { renderPlanMarkdown, renderSummary, renderTable } from "./render.ts";
import { brokenChecklist, tempYaml } from "../testing/checklist.ts";

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, ["bin/uyum.js", ...args], { cwd: PROJECT_ROOT, timeout: 60_000 });
    let out = "";
    let err = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    p.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    p.on("error", fail);
    p.on("close", (code) => done({ code, out, err }));
  });
}

// Each spawn starts the whole CLI (tsx + every concern's modules): start them all at once, assert after.
const badProfile = tempYaml(
  "bozuk.yaml",
  "app: { name: X, version: '1' }\nassesses: [creation]\nanswers:\n  F-99: yok\n",
);
const COMMANDS = {
  json: ["checklist", "--json"],
  markdown: ["checklist", "--markdown"],
  plan: ["plan", "--app", "examples/profiles/ornek-ebys.yaml"],
  badProfile: ["plan", "--app", badProfile],
};
const results: Record<string, Run> = {};
const uyum = (name: keyof typeof COMMANDS) => results[name]!;

beforeAll(async () => {
  const entries = Object.entries(COMMANDS);
  const runs = await Promise.all(entries.map(([, args]) => run(args)));
  entries.forEach(([name], i) => (results[name] = runs[i]!));
});

describe("uyum checklist / plan (spawned)", () => {
  it("checklist --json prints every item, each K item with a condition", () => {
    const r = uyum("json");
    expect(r.code, r.err).toBe(0);
    const items = JSON.parse(r.out) as {
      id: string;
      obligation: string;
      condition?: { when: object };
      provenance: { source: string };
    }[];
    expect(items.length).toBe(163);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const k = items.filter((i) => i.obligation === "K");
    expect(k.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of k) expect(i.condition?.when, i.id).toBeDefined();
    expect(items.filter((i) => i.provenance.source === "inferred")).toHaveLength(74);
  });

  it("checklist --markdown renders every section and item, with provenance markers", () => {
    const r = uyum("markdown");
    expect(r.code, r.err).toBe(0);
    expect(r.out.match(/^## /gm)).toHaveLength(17);
    expect(r.out.match(/^- \*\*/gm)).toHaveLength(163);
    expect(r.out).toContain("- **15-6**† · **K**");
    expect(r.out).toContain("- **11.3-1**‡");
    expect(r.out).toContain("`declares timestamping`");
  });

  it("plan --app examples/profiles/ornek-ebys.yaml: applicable and N-A with reasons and counts", () => {
    const r = uyum("plan");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /^4\.1-5 +K +N-A +condition does not hold \(footnote 8\): the profile declares internationalUsers: no/m,
    );
    expect(r.out).toMatch(
      /^10-3 +K +applies +condition holds \(footnote 15\): the profile declares timestamping: yes/m,
    );
    expect(r.out).toMatch(/applies \d+, N-A \d+, undetermined 0 \(of 163\)/);
  });

  it("a broken profile: exit 2 and one message naming file, item and field", () => {
    const r = uyum("badProfile");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain('bozuk.yaml: item F-99: field "answers.F-99": unknown item id "F-99"');
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});

describe("the same views in-process", () => {
  const cl = loadChecklist();
  it("coverage: nothing covered, everything not assessed; --validate refuses a broken dir naming the problem", () => {
    expect(renderCoverage(coverage(cl, new Map()))).toContain("163 items: 0 with a probe, 163 without.");
    const dir = brokenChecklist("items/s10-imza-zamani.yaml", (t) =>
      t.replace("declares: timestamping", "declares: timestampng"),
    );
    const r = validateChecklist(dir);
    expect(r.checklist).toBeUndefined();
    expect(formatIssue(r.issues[0]!)).toContain(
      's10-imza-zamani.yaml: item 10-3: field "condition.when.declares": unknown capability "timestampng"',
    );
  });

  it("filters by section, obligation and part; the table lists what is left", () => {
    const k9 = filterItems(cl, { section: "9", obligation: "K" });
    expect(k9.map((i) => i.id)).toEqual(["9-2", "9-3", "9-4"]);
    expect(renderTable(k9, "en")).toMatch(/^9-2 +K +creation/m);
    const ver = filterItems(cl, { part: "verification" });
    expect(ver.every((i) => ["verification", "both", "general"].includes(i.part))).toBe(true);
    expect(filterItems(cl, { obligation: "z,o" }).length).toBe(110);
    expect(() => filterItems(cl, { obligation: "X" })).toThrow(UserError);
    expect(() => filterItems(cl, { section: "16" })).toThrow(/unknown section/);
    expect(() => filterItems(cl, { part: "signing" })).toThrow(/must be one of/);
  });

  it("plan --markdown groups by status with counts", () => {
    const md = renderPlanMarkdown(makePlan(cl, loadProfile("examples/profiles/minimal.yaml", cl)));
    expect(md).toContain("## Belirsiz / Undetermined (13)");
    expect(md).toMatch(
      /\| 2\.1-6 \| K \| belirsiz \(dipnot 4\): profil şunları bildirmeli: capabilities\.restrictsDocumentTypes/,
    );
  });

  it("summary counts match the checklist", () => {
    const s = renderSummary(cl);
    expect(s).toMatch(/^all +103 +30 +7 +23 +163 +89 +74$/m);
    expect(s).toContain("K items with a machine-evaluable condition: 30/30");
  });
});
