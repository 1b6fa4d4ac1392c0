// Test helpers: a temporary copy of checklist/ with one deliberate defect, to prove each error class.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CHECKLIST_DIR } from "../checklist/load.ts";

/** Copies checklist/ to a temp dir and rewrites `file` (relative to it) with `edit`. */
export function brokenChecklist(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "uyum-checklist-"));
  cpSync(DEFAULT_CHECKLIST_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`test edit changed nothing in ${file}`);
  writeFileSync(path, after);
  return dir;
}

/** Writes a temporary YAML file and returns its path. */
export function tempYaml(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "uyum-profile-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
