// Loads checklist/ (sections.yaml, footnotes.yaml, items/*.yaml): every file is checked against its JSON
// Schema, then across files (unique ids, sections/headings/footnotes that exist, K items with a condition
// over known capabilities). Every problem names the file, the item and the field.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { displayPath, ValidationError, type Issue } from "../core/issues.ts";
import { DEFAULT_CHECKLIST_DIR, PROJECT_ROOT } from "../core/paths.ts";
import {
  fieldName,
  listItemLabel,
  locate,
  makeAjv,
  readYaml,
  schemaIssues,
  type PathSeg,
  type YamlSource,
} from "../core/yaml.ts";
import { checkPredicate } from "./predicate.ts";
import type { Checklist, ChecklistItem, Footnote, Section } from "./types.ts";

export { DEFAULT_CHECKLIST_DIR };
const SCHEMA_DIR = join(PROJECT_ROOT, "checklist", "schema");

let validators: { items: ValidateFunction; sections: ValidateFunction; footnotes: ValidateFunction } | undefined;
function schemas() {
  if (!validators) {
    const ajv = makeAjv();
    const load = (f: string) => ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, f), "utf8")));
    validators = {
      items: load("items.schema.json"),
      sections: load("sections.schema.json"),
      footnotes: load("footnotes.schema.json"),
    };
  }
  return validators;
}

export interface LoadResult {
  checklist?: Checklist;
  issues: Issue[];
}

/** Validates and loads a checklist directory; `issues` is empty exactly when `checklist` is set. */
export function validateChecklist(dir = DEFAULT_CHECKLIST_DIR): LoadResult {
  const issues: Issue[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return { issues: [{ file: displayPath(dir), message: "not a checklist directory (missing)" }] };
  const v = schemas();

  // sections.yaml
  const secPath = join(dir, "sections.yaml");
  const sec = readYaml(secPath, displayPath(secPath));
  issues.push(...sec.issues);
  let sections: Section[] = [];
  if (sec.source) {
    const si = schemaIssues(sec.source, v.sections, listItemLabel(sec.source.data, "sections", "id", "section "));
    issues.push(...si);
    if (si.length === 0) sections = (sec.source.data as { sections: Section[] }).sections;
  }
  const sectionById = new Map(sections.map((s) => [s.id, s]));

  // footnotes.yaml
  const fnPath = join(dir, "footnotes.yaml");
  const fn = readYaml(fnPath, displayPath(fnPath));
  issues.push(...fn.issues);
  const footnotes = new Map<number, Footnote>();
  if (fn.source) {
    const fi = schemaIssues(fn.source, v.footnotes, listItemLabel(fn.source.data, "footnotes", "number", "footnote "));
    issues.push(...fi);
    if (fi.length === 0)
      for (const f of (fn.source.data as { footnotes: Footnote[] }).footnotes) footnotes.set(f.number, f);
  }

  // items/*.yaml
  const itemsDir = join(dir, "items");
  const files = existsSync(itemsDir)
    ? readdirSync(itemsDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (files.length === 0) issues.push({ file: displayPath(itemsDir), message: "no item files (*.yaml)" });
  const items: ChecklistItem[] = [];
  const firstSeen = new Map<string, { file: string; line?: number }>();
  const haveSectionsAndFootnotes = sec.source !== undefined && fn.source !== undefined;
  for (const f of files) {
    const path = join(itemsDir, f);
    const r = readYaml(path, displayPath(path));
    issues.push(...r.issues);
    if (!r.source) continue;
    const src = r.source;
    const si = schemaIssues(src, v.items, listItemLabel(src.data, "items", "id", ""));
    issues.push(...si);
    if (si.length > 0) continue;
    const list = (src.data as { items: ChecklistItem[] }).items;
    list.forEach((raw, i) => {
      const at = (field: PathSeg[], message: string) =>
        issues.push({
          file: src.file,
          item: raw.id,
          field: fieldName(field),
          message,
          ...locate(src, ["items", i, ...field]),
        });

      const prev = firstSeen.get(raw.id);
      if (prev) at(["id"], `duplicate id: also defined in ${prev.file}${prev.line ? ` (line ${prev.line})` : ""}`);
      else firstSeen.set(raw.id, { file: src.file, line: locate(src, ["items", i, "id"]).line });

      if (raw.obligation === "K" && !raw.condition)
        at(
          ["condition"],
          "K (koşullu) item without a condition: add condition.text (the footnote, tr/en) and condition.when (a predicate)",
        );
      if (raw.obligation !== "K" && raw.condition)
        at(["condition"], `only K items have a condition (this item is ${raw.obligation})`);
      if (raw.condition)
        for (const c of checkPredicate(raw.condition.when, ["condition", "when"])) at(c.path, c.message);

      if (!haveSectionsAndFootnotes) return; // cannot cross-check against broken sections/footnotes files
      const s = sectionById.get(raw.section);
      if (!s) at(["section"], `unknown section "${raw.section}" (not in sections.yaml)`);
      else {
        if ((s.part === "creation" || s.part === "verification") && raw.part !== s.part)
          at(["part"], `section ${s.id} is a ${s.part} section, but the item says ${raw.part}`);
        if (raw.heading !== undefined && !s.headings.some((h) => h.id === raw.heading))
          at(["heading"], `unknown heading "${raw.heading}": not a heading of section ${s.id} in sections.yaml`);
      }
      (raw.footnotes ?? []).forEach((n, k) => {
        if (!footnotes.has(n)) at(["footnotes", k], `unknown footnote ${n} (not in footnotes.yaml)`);
      });
      (raw.condition?.footnotes ?? []).forEach((n, k) => {
        const fo = footnotes.get(n);
        if (!fo) at(["condition", "footnotes", k], `unknown footnote ${n} (not in footnotes.yaml)`);
        else if (fo.type !== "condition")
          at(["condition", "footnotes", k], `footnote ${n} is explanatory, not a condition`);
      });
      if (s) {
        const headingTitle = s.headings.find((h) => h.id === raw.heading)?.title;
        items.push({ ...raw, file: `items/${f}`, sectionTitle: s.title, ...(headingTitle ? { headingTitle } : {}) });
      }
    });
  }

  if (issues.length > 0) return { issues };
  return { checklist: { dir, sections, footnotes, items, byId: new Map(items.map((i) => [i.id, i])) }, issues };
}

/** Loads a checklist or throws a ValidationError (a UserError: one message, exit 2). */
export function loadChecklist(dir = DEFAULT_CHECKLIST_DIR): Checklist {
  const r = validateChecklist(dir);
  if (!r.checklist) throw new ValidationError(`checklist ${displayPath(dir)} is invalid`, r.issues);
  return r.checklist;
}
