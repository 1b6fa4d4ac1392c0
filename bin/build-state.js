// Whether a compiled build in dist/ (uyum's CLI by scripts/build-cli.mjs in dist/cli, the reference application's
// CLI by scripts/build-ornek-imzaci.mjs in dist/ornek-imzaci) still matches its sources. A build records every
// source file that went into it (size, mtime and a SHA-256 over their contents), the listing of the folders whose
// files are loaded by path at run time (probes), and the checkout's location (the build holds absolute file
// URLs). A start stats those files (a millisecond or two); only when a size or mtime differs (an edit, a
// checkout) does it read and hash them, so a touched but unchanged file keeps the build usable.
// Plain JavaScript: it must run before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_DIR = join(PROJECT_ROOT, "dist", "cli");
/** Folders whose files are imported by path at run time (harness/probes/registry.ts): each file is an entry. */
export const LOADED_BY_PATH = ["harness/probes"];

/** Every non-test .ts file under the given folders (project-relative), relative to the project root, sorted. */
export function loadedByPathFiles(folders = LOADED_BY_PATH, root = PROJECT_ROOT) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(relative(root, p));
    }
  };
  for (const d of folders) if (existsSync(join(root, d))) walk(join(root, d));
  return out.sort();
}

function contentHash(root, files) {
  const h = createHash("sha256");
  for (const f of files)
    h.update(f)
      .update("\0")
      .update(readFileSync(join(root, f)))
      .update("\0");
  return h.digest("hex");
}

/**
 * The state of one build: `buildDir` holds build-state.json; `builder` (project-relative) is the script that
 * made it, an input like the sources; `loadedByPath` the folders whose file listing is part of the build.
 * `root` is the checkout (a test gives a copy).
 */
export function buildState({ buildDir, builder, loadedByPath = [], root = PROJECT_ROOT }) {
  const stateFile = join(buildDir, "build-state.json");
  return {
    /** Called by the build with the project-relative paths of its inputs. */
    record(inputs) {
      const files = [...new Set([...inputs, builder])].sort();
      const stats = Object.fromEntries(
        files.map((f) => {
          const st = statSync(join(root, f));
          return [f, [st.size, st.mtimeMs]];
        }),
      );
      const listing = loadedByPathFiles(loadedByPath, root);
      const state = { root, loadedByPath: listing, stats, hash: contentHash(root, files) };
      writeFileSync(stateFile, JSON.stringify(state) + "\n");
    },
    /** True when the build was made here from the sources as they are now. */
    isFresh() {
      let state;
      try {
        state = JSON.parse(readFileSync(stateFile, "utf8"));
      } catch {
        return false;
      }
      if (state.root !== root) return false;
      if (JSON.stringify(loadedByPathFiles(loadedByPath, root)) !== JSON.stringify(state.loadedByPath)) return false;
      const files = Object.keys(state.stats);
      try {
        const same = files.every((f) => {
          const st = statSync(join(root, f));
          return st.size === state.stats[f][0] && st.mtimeMs === state.stats[f][1];
        });
        return same || contentHash(root, files) === state.hash;
      } catch {
        return false; // a source file is gone
      }
    },
  };
}

const uyumBuild = buildState({ buildDir: BUILD_DIR, builder: "scripts/build-cli.mjs", loadedByPath: LOADED_BY_PATH });

/** Called by scripts/build-cli.mjs with the project-relative paths of its inputs. */
export function recordBuild(inputs) {
  uyumBuild.record(inputs);
}

/** True when dist/cli was built here from the sources as they are now. */
export function buildIsFresh() {
  return uyumBuild.isFresh();
}
