// The probe registry: probes are found by path, never registered by hand. The probe of item 7.5-1, which the
// checklist keeps in items/s07-sscd-iletisimi.yaml, is harness/probes/s07-sscd-iletisimi/7.5-1.ts, with its
// table-driven test beside it (7.5-1.test.ts). Discovery refuses a file whose name is not an item of its
// folder's checklist file, an item with two probes, a file that does not export a probe, and a probe that reads
// a session nobody defines.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Checklist, ChecklistItem } from "../checklist/types.ts";
import { ValidationError, closest, type Issue } from "../core/issues.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { isSessionId } from "../sessions/catalogue.ts";
import type { Probe } from "./kit.ts";

export const PROBES_DIR = join(PROJECT_ROOT, "harness", "probes");

/** Folders of the probes folder that hold the kit's own code, not probes of one checklist file. */
const NOT_ITEM_FOLDERS = new Set(["by-kind", "verification"]);

export interface LoadedProbe {
  item: ChecklistItem;
  /** The probe file, relative to the project root (what findings and reports cite). */
  file: string;
  /** Its test beside it, relative to the project root, when there is one. */
  testFile?: string;
  probe: Probe;
}

/** The probe files under `dir`, one entry per candidate (folder + file name), tests left out. */
export function probeFiles(dir = PROBES_DIR): { folder: string; name: string; path: string }[] {
  const out: { folder: string; name: string; path: string }[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const sub = join(dir, folder);
    if (NOT_ITEM_FOLDERS.has(folder) || !statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub).sort())
      if (f.endsWith(".ts") && !f.endsWith(".test.ts")) out.push({ folder, name: f.slice(0, -3), path: join(sub, f) });
  }
  return out;
}

/** Path rules only (no import): each file names an item of the checklist file its folder is named after. */
export function layoutIssues(checklist: Checklist, files: ReturnType<typeof probeFiles>): Issue[] {
  const stems = new Map<string, ChecklistItem[]>();
  for (const item of checklist.items) {
    const stem = basename(item.file, ".yaml");
    stems.set(stem, [...(stems.get(stem) ?? []), item]);
  }
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const file = relative(PROJECT_ROOT, f.path);
    const items = stems.get(f.folder);
    if (!items) {
      const hint = closest(f.folder, stems.keys());
      issues.push({
        file,
        message: `folder "${f.folder}" is not the name of a checklist file (checklist/items/<name>.yaml)${hint ? ` (did you mean "${hint}"?)` : ""}`,
      });
      continue;
    }
    const item = checklist.byId.get(f.name);
    if (!item) {
      const hint = closest(
        f.name,
        items.map((i) => i.id),
      );
      issues.push({
        file,
        message: `"${f.name}" is not an item id of ${f.folder}.yaml${hint ? ` (did you mean "${hint}"?)` : ""}`,
      });
    } else if (basename(item.file, ".yaml") !== f.folder) {
      issues.push({
        file,
        item: item.id,
        message: `item ${item.id} is in ${basename(item.file)}, so its probe belongs in harness/probes/${basename(item.file, ".yaml")}/`,
      });
    }
    const before = seen.get(f.name);
    if (before) issues.push({ file, item: f.name, message: `item ${f.name} has two probes (the other: ${before})` });
    seen.set(f.name, file);
  }
  return issues;
}

function isProbe(x: unknown): x is Probe {
  const p = x as Probe | undefined;
  return (
    typeof p === "object" &&
    p !== null &&
    typeof p.judge === "function" &&
    Array.isArray(p.uses) &&
    typeof p.how?.tr === "string" &&
    typeof p.how?.en === "string"
  );
}

/** Finds, imports and checks every probe; throws a ValidationError naming each problem. */
export async function discoverProbes(checklist: Checklist, dir = PROBES_DIR): Promise<Map<string, LoadedProbe>> {
  if (!existsSync(dir)) return new Map();
  const files = probeFiles(dir);
  const issues = layoutIssues(checklist, files);
  const found = new Map<string, LoadedProbe>();
  for (const f of files) {
    const file = relative(PROJECT_ROOT, f.path);
    if (issues.some((i) => i.file === file)) continue;
    const mod = (await import(pathToFileURL(f.path).href)) as { default?: unknown };
    if (!isProbe(mod.default)) {
      issues.push({
        file,
        item: f.name,
        message: "does not export a probe as default (export default defineProbe({…}))",
      });
      continue;
    }
    for (const s of mod.default.uses)
      if (!isSessionId(s))
        issues.push({ file, item: f.name, field: "uses", message: `reads session "${s}", which no session defines` });
    const test = f.path.replace(/\.ts$/, ".test.ts");
    found.set(f.name, {
      item: checklist.byId.get(f.name)!,
      file,
      testFile: existsSync(test) ? relative(PROJECT_ROOT, test) : undefined,
      probe: mod.default,
    });
  }
  if (issues.length) throw new ValidationError("probes", issues);
  // The declared and form-field items without a probe of their own are served by the two generic probes of
  // by-kind/, keyed on the item's evidence kind (they read the profile's declarations and answers).
  const generic = join(dir, "by-kind");
  for (const kind of ["declared", "form-field"] as const) {
    const path = join(generic, `${kind}.ts`);
    if (!existsSync(path)) continue;
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    if (!isProbe(mod.default))
      throw new ValidationError("probes", [
        { file: relative(PROJECT_ROOT, path), message: "does not export a probe as default" },
      ]);
    const test = path.replace(/\.ts$/, ".test.ts");
    for (const item of checklist.items)
      if (item.evidence.kind === kind && !found.has(item.id))
        found.set(item.id, {
          item,
          file: relative(PROJECT_ROOT, path),
          testFile: existsSync(test) ? relative(PROJECT_ROOT, test) : undefined,
          probe: mod.default,
        });
  }
  return found;
}
