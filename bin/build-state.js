// Whether the compiled CLI in dist/cli (built by scripts/build-cli.mjs) still matches its sources. The build
// records every source file that went into it (size, mtime and a SHA-256 over their contents), the listing of
// the folders whose files are loaded by path at run time (probes), and the checkout's location (the build holds
// absolute file URLs). A start stats those files (a millisecond or two); only when a size or mtime differs
// (an edit, a checkout) does it read and hash them, so a touched but unchanged file keeps the build usable.
// Plain JavaScript: it must run before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_DIR = join(PROJECT_ROOT, "dist", "cli");
const STATE_FILE = join(BUILD_DIR, "build-state.json");
/** Folders whose files are imported by path at run time (harness/probes/registry.ts): each file is an entry. */
export const LOADED_BY_PATH = ["harness/probes"];

/** Every non-test .ts file under the folders loaded by path, relative to the project root, sorted. */
export function loadedByPathFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(relative(PROJECT_ROOT, p));
    }
  };
  for (const d of LOADED_BY_PATH) if (existsSync(join(PROJECT_ROOT, d))) walk(join(PROJECT_ROOT, d));
  return out.sort();
}

function contentHash(files) {
  const h = createHash("sha256");
  for (const f of files)
    h.update(f)
      .update("\0")
      .update(readFileSync(join(PROJECT_ROOT, f)))
      .update("\0");
  return h.digest("hex");
}

/** Called by the build with the project-relative paths of its inputs. */
export function recordBuild(inputs) {
  const files = [...new Set([...inputs, "scripts/build-cli.mjs"])].sort();
  const stats = Object.fromEntries(
    files.map((f) => {
      const st = statSync(join(PROJECT_ROOT, f));
      return [f, [st.size, st.mtimeMs]];
    }),
  );
  const state = { root: PROJECT_ROOT, loadedByPath: loadedByPathFiles(), stats, hash: contentHash(files) };
  writeFileSync(STATE_FILE, JSON.stringify(state) + "\n");
}

/** True when dist/cli was built here from the sources as they are now. */
export function buildIsFresh() {
  let state;
  try {
    state = JSON.parse(readFileSync(STATE_FILE, "utf8"));
  } catch {
    return false;
  }
  if (state.root !== PROJECT_ROOT) return false;
  if (JSON.stringify(loadedByPathFiles()) !== JSON.stringify(state.loadedByPath)) return false;
  const files = Object.keys(state.stats);
  try {
    const same = files.every((f) => {
      const st = statSync(join(PROJECT_ROOT, f));
      return st.size === state.stats[f][0] && st.mtimeMs === state.stats[f][1];
    });
    return same || contentHash(files) === state.hash;
  } catch {
    return false; // a source file is gone
  }
}
