// `uyum checklist` and `uyum plan`: thin wrappers over load → filter/plan/coverage → render. The implementation
// is imported inside each action, so the other commands (and --help) neither pay for loading it nor break when
// it does not load.
import { resolve } from "node:path";
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";
import { DEFAULT_CHECKLIST_DIR } from "../core/paths.ts";
import type { Lang } from "./render.ts";
import { OBLIGATIONS, PARTS, type Checklist, type ChecklistItem } from "./types.ts";

interface ChecklistOpts {
  dir?: string;
  part?: string;
  section?: string;
  obligation?: string;
  json?: boolean;
  markdown?: boolean;
  summary?: boolean;
  coverage?: boolean;
  validate?: boolean;
  lang: string;
}

function lang(v: string): Lang {
  if (v !== "tr" && v !== "en") throw new UserError(`--lang ${v}: must be tr or en`);
  return v;
}

function only(opts: object, names: string[]): void {
  const set = names.filter((n) => (opts as Record<string, unknown>)[n]);
  if (set.length > 1) throw new UserError(`choose one of ${set.map((n) => `--${n}`).join(", ")}`);
}

/** The --part/--section/--obligation filters (exported for tests). */
export function filterItems(cl: Checklist, o: Pick<ChecklistOpts, "part" | "section" | "obligation">): ChecklistItem[] {
  let items = cl.items;
  if (o.part !== undefined) {
    if (!PARTS.includes(o.part as never)) throw new UserError(`--part ${o.part}: must be one of ${PARTS.join(", ")}`);
    // "both"/"general" items belong to every part
    items = items.filter((i) => i.part === o.part || i.part === "both" || i.part === "general");
  }
  if (o.section !== undefined) {
    const s = o.section.toUpperCase();
    if (!cl.sections.some((x) => x.id === s))
      throw new UserError(
        `--section ${o.section}: unknown section (one of ${cl.sections.map((x) => x.id).join(", ")})`,
      );
    items = items.filter((i) => i.section === s);
  }
  if (o.obligation !== undefined) {
    const wanted = o.obligation.toUpperCase().split(",");
    for (const w of wanted)
      if (!OBLIGATIONS.includes(w as never))
        throw new UserError(`--obligation ${o.obligation}: must be one of ${OBLIGATIONS.join(", ")} (comma-separated)`);
    items = items.filter((i) => wanted.includes(i.obligation));
  }
  return items;
}

export function registerChecklistCommands(program: Command): void {
  program
    .command("checklist")
    .description("show the KAMU SM control list (table; --json, --markdown, --summary, --coverage, --validate)")
    .option("--dir <dir>", "checklist directory", DEFAULT_CHECKLIST_DIR)
    .option("--part <part>", `only items of this part (${PARTS.join(", ")}); both/general items are always shown`)
    .option("--section <id>", "only this section (F, D, 1–15)")
    .option("--obligation <Z|K|O|B>", "only these obligations (comma-separated)")
    .option("--json", "print the items as JSON")
    .option("--markdown", "render the list as Markdown, grouped by section")
    .option("--summary", "counts by section × obligation and by provenance")
    .option("--coverage", "which items have probes (none is ever shown as passed)")
    .option("--validate", "validate the checklist directory; non-zero exit on any problem")
    .option("--lang <tr|en>", "language of the table", "en")
    .action(async (o: ChecklistOpts) => {
      // one view; --json is a format and combines only with --coverage (or the item list)
      only(o, ["markdown", "summary", "coverage", "validate"]);
      for (const other of ["markdown", "summary", "validate"]) only(o, ["json", other]);
      const dir = resolve(o.dir ?? DEFAULT_CHECKLIST_DIR);
      const l = lang(o.lang);
      const { displayPath, ValidationError } = await import("../core/issues.ts");
      const { loadChecklist, validateChecklist } = await import("./load.ts");
      const { renderMarkdown, renderSummary, renderTable } = await import("./render.ts");
      if (o.validate) {
        const r = validateChecklist(dir);
        if (!r.checklist) throw new ValidationError(`checklist ${displayPath(dir)} is invalid`, r.issues);
        process.stdout.write(
          `checklist ${displayPath(dir)}: valid (${r.checklist.items.length} items, ${r.checklist.sections.length} sections, ${r.checklist.footnotes.size} footnotes)\n`,
        );
        return;
      }
      const cl = loadChecklist(dir);
      if (o.summary) return void process.stdout.write(renderSummary(cl));
      if (o.coverage) {
        const { coverage, renderCoverage } = await import("../probes/coverage.ts");
        const { discoverProbes } = await import("../probes/registry.ts");
        const cov = coverage(cl, await discoverProbes(cl));
        return void process.stdout.write(o.json ? JSON.stringify(cov, null, 2) + "\n" : renderCoverage(cov));
      }
      const items = filterItems(cl, o);
      if (o.json) return void process.stdout.write(JSON.stringify(items, null, 2) + "\n");
      if (o.markdown) return void process.stdout.write(renderMarkdown(cl, items));
      process.stdout.write(renderTable(items, l));
    });

  program
    .command("plan")
    .description("which checklist items apply to an app profile, which are N-A and why, which are undetermined")
    .requiredOption("--app <profile>", "app profile (YAML)")
    .option("--dir <dir>", "checklist directory", DEFAULT_CHECKLIST_DIR)
    .option("--json", "print the plan as JSON")
    .option("--markdown", "render the plan as Markdown")
    .option("--lang <tr|en>", "language of the table", "en")
    .action(async (o: { app: string; dir: string; json?: boolean; markdown?: boolean; lang: string }) => {
      only(o, ["json", "markdown"]);
      const l = lang(o.lang);
      const { loadChecklist } = await import("./load.ts");
      const { loadProfile } = await import("../profile/load.ts");
      const { makePlan } = await import("./plan.ts");
      const { renderPlan, renderPlanMarkdown } = await import("./render.ts");
      const cl = loadChecklist(resolve(o.dir));
      const plan = makePlan(cl, loadProfile(o.app, cl));
      if (o.json) {
        const entries = plan.entries.map(({ item, ...e }) => ({
          ...e,
          obligation: item.obligation,
          section: item.section,
          provenance: item.provenance.source,
        }));
        return void process.stdout.write(JSON.stringify({ ...plan, entries }, null, 2) + "\n");
      }
      process.stdout.write(o.markdown ? renderPlanMarkdown(plan) : renderPlan(plan, l));
    });
}
