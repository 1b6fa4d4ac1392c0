// Compiles the reference application's CLI (examples/apps/ornek-imzaci/cli.ts) once, at setup, so that each of
// the hundreds of calls a campaign makes (one process per vector verified, per signature made) does not pay for
// compiling TypeScript through tsx: esbuild bundles it into dist/ornek-imzaci/ (git-ignored), ES modules split
// into chunks so what cli.ts imports lazily (the card, the signature makers) stays lazy for a `verify`.
// npm packages are bundled in, but for native addons (pkcs11js). bin/ornek-imzaci runs the build only while it
// matches the sources and the installed packages (bin/bundle-state.js beside it), the sources through tsx otherwise.
//   node scripts/build-ornek-imzaci.mjs [--if-stale]
// import.meta.url becomes the source file's own URL, so files read beside a module (flaws.yaml, samples) are
// still read from the sources.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../bin/build-state.js";
import { APP_BUILD_DIR, APP_SOURCE, appBuildState } from "../examples/apps/ornek-imzaci/bin/bundle-state.js";
import { bundleForNode } from "./bundle-node.mjs";

const state = appBuildState();
if (process.argv.includes("--if-stale") && state.isFresh()) process.exit(0);

// a dynamic import of a computed path would resolve beside the bundle, not the source: refuse to build it
const dynamicImports = [];
const keepBehaviour = {
  name: "ornek-imzaci-keep-behaviour",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (/(?<![\w.$])import\(\s*[^\s"'`]/.test(source)) dynamicImports.push(relative(PROJECT_ROOT, args.path));
      return {
        contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: "ts",
      };
    });
  },
};

/** Installed packages that are native addons (a binding.gyp): they are loaded from node_modules, never bundled. */
function nativeAddons(nodeModules) {
  const names = [];
  for (const e of readdirSync(nodeModules)) {
    const inScope = e.startsWith("@") ? readdirSync(join(nodeModules, e)).map((n) => `${e}/${n}`) : [e];
    for (const name of inScope) if (existsSync(join(nodeModules, name, "binding.gyp"))) names.push(name);
  }
  return names;
}

// npm packages are bundled too (resolving and loading a package's many files is most of a start otherwise), but
// for native addons (pkcs11js), which cannot be: they stay external, loaded from node_modules
const nativePackages = nativeAddons(join(PROJECT_ROOT, "node_modules"));
const inputs = await bundleForNode({
  entryPoints: [join(PROJECT_ROOT, APP_SOURCE)],
  outdir: APP_BUILD_DIR,
  external: nativePackages.flatMap((name) => [name, `${name}/*`]),
  plugins: [keepBehaviour],
  requireAlias: "__appCreateRequire",
});
if (dynamicImports.length) {
  rmSync(APP_BUILD_DIR, { recursive: true, force: true });
  process.stderr.write(`build-ornek-imzaci: import(expression) in ${dynamicImports.join(", ")}: not bundled\n`);
  process.exit(1);
}
// the build's inputs: the project's sources, and for the npm packages in it the lock they were installed from
// (setup's `npm ci` installs exactly it; a stat of one file instead of hundreds at every start)
state.record([...inputs, "package-lock.json"]);
if (!process.env.UYUM_SETUP_QUIET)
  process.stderr.write(`built ${relative(PROJECT_ROOT, APP_BUILD_DIR)}/ from ${inputs.length} source files\n`);
