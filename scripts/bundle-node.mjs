// The one esbuild set-up both compiled commands share (scripts/build-cli.mjs: `uyum`; scripts/build-ornek-imzaci.mjs:
// the reference application): ES modules for Node split into chunks (what a command imports lazily stays lazy),
// a `require` for bundled CommonJS packages, linked source maps, the output folder made anew and marked as ES
// modules. Each caller says what is external and how its sources are rewritten (a plugin).
import { build } from "esbuild";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../bin/build-state.js";

/**
 * Bundles `entryPoints` (absolute paths) into `outdir`; returns the build's inputs inside the project
 * (project-relative, npm packages left out), or exits 1 on a build error.
 */
export async function bundleForNode({ entryPoints, outdir, external, plugins, requireAlias }) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints,
    outbase: PROJECT_ROOT,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external,
    // bundled CommonJS packages require() Node's modules: give them a require (under a name no source uses)
    banner: {
      js: `import { createRequire as ${requireAlias} } from "node:module";\nconst require = ${requireAlias}(import.meta.url);`,
    },
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    plugins,
  });
  if (result.errors.length) process.exit(1);
  writeFileSync(join(outdir, "package.json"), '{ "type": "module" }\n');
  // metafile paths are relative to the cwd
  return Object.keys(result.metafile.inputs)
    .map((f) => relative(PROJECT_ROOT, join(process.cwd(), f)))
    .filter((f) => !f.startsWith("node_modules/") && !f.startsWith(".."));
}
