// Loads an app profile: YAML syntax, the JSON Schema (unknown fields, types, capability values), then checks
// against the checklist (answers and declarations must name existing items of the right kind).
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import { displayPath, ValidationError, type Issue } from "../core/issues.ts";
import { describeAjvError, fieldName, locate, makeAjv, readYaml } from "../core/yaml.ts";
import { PROFILE_SCHEMA } from "./capabilities.ts";
import type { AppProfile } from "./types.ts";

let validator: ValidateFunction | undefined;
const schema = () => (validator ??= makeAjv().compile(PROFILE_SCHEMA));

/**
 * What profile checking needs of the checklist: its items by id, with their obligation, evidence kind and options.
 * Structural, so the profile (below the checklist in the layer order: K conditions read the profile) never imports
 * the checklist; a loaded Checklist is one.
 */
export interface ItemIndex {
  byId: ReadonlyMap<string, { obligation: string; evidence: { kind: string }; options?: readonly unknown[] }>;
}

export function validateProfile(path: string, checklist: ItemIndex): { profile?: AppProfile; issues: Issue[] } {
  const file = displayPath(resolve(path));
  const r = readYaml(resolve(path), file);
  if (!r.source) return { issues: r.issues };
  const src = r.source;
  const issues: Issue[] = [];
  if (src.data === null || typeof src.data !== "object" || Array.isArray(src.data))
    return { issues: [{ file, message: "an app profile must be a YAML mapping (app, assesses, capabilities, …)" }] };
  const v = schema();
  if (!v(src.data)) {
    for (const e of v.errors ?? []) {
      const d = describeAjvError(e);
      if (!d) continue;
      // answers.<id>.… and declarations.<id>.… are about that item
      const item =
        (d.path[0] === "answers" || d.path[0] === "declarations") && d.path.length > 1 ? String(d.path[1]) : undefined;
      issues.push({
        file,
        item,
        field: d.path.length ? fieldName(d.path) : undefined,
        message: d.message,
        ...locate(src, d.path),
      });
    }
    return { issues };
  }
  const data = src.data as Omit<AppProfile, "file">;
  for (const [id, answer] of Object.entries(data.answers ?? {})) {
    const at = (message: string) =>
      issues.push({ file, item: id, field: `answers.${id}`, message, ...locate(src, ["answers", id]) });
    const item = checklist.byId.get(id);
    if (!item) {
      at(`unknown item id "${id}" (not in the checklist)`);
      continue;
    }
    if (item.evidence.kind !== "form-field") {
      at(
        `item ${id} is not a form field (obligation ${item.obligation}, evidence ${item.evidence.kind}); answers are for B/form-field items`,
      );
      continue;
    }
    if (typeof answer === "object")
      for (const n of answer.selected ?? [])
        if (n > (item.options?.length ?? 0))
          at(`option ${n} does not exist: item ${id} has ${item.options?.length ?? 0} option(s)`);
  }
  for (const [id, decl] of Object.entries(data.declarations ?? {})) {
    const at = (message: string) =>
      issues.push({ file, item: id, field: `declarations.${id}`, message, ...locate(src, ["declarations", id]) });
    const item = checklist.byId.get(id);
    if (!item) at(`unknown item id "${id}" (not in the checklist)`);
    else if (item.evidence.kind !== "declared")
      at(`item ${id} is not declaration-based (evidence ${item.evidence.kind})`);
    else
      for (const n of decl.selected ?? [])
        if (n > (item.options?.length ?? 0))
          at(`option ${n} does not exist: item ${id} has ${item.options?.length ?? 0} option(s)`);
  }
  if (data.card) {
    const at = (field: string, message: string) =>
      issues.push({ file, field: `card.${field}`, message, ...locate(src, ["card", field]) });
    const module = resolve(dirname(resolve(path)), data.card.module);
    if (!existsSync(module)) at("module", `no PKCS#11 module at ${module} (is the vendor's driver installed?)`);
    else if (!statSync(module).isFile()) at("module", `${module} is not a file (give the module's .so)`);
    if (data.card.mayLock && !data.card.puk)
      at("mayLock", "mayLock: true needs puk (where the PUK comes from) to unblock the card afterwards");
    const trustAnchor = data.card.trustAnchor && resolve(dirname(resolve(path)), data.card.trustAnchor);
    if (trustAnchor && !existsSync(trustAnchor)) at("trustAnchor", `no file at ${trustAnchor}`);
    data.card = { ...data.card, module, ...(trustAnchor ? { trustAnchor } : {}) };
  }
  if (issues.length > 0) return { issues };
  return { profile: { ...data, file }, issues };
}

/** Loads a profile or throws a ValidationError (a UserError: one message, exit 2). */
export function loadProfile(path: string, checklist: ItemIndex): AppProfile {
  const r = validateProfile(path, checklist);
  if (!r.profile) throw new ValidationError(`app profile ${displayPath(resolve(path))} is invalid`, r.issues);
  return r.profile;
}
