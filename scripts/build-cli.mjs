// Compiles the `uyum` command once (at setup) so a start does not pay for compiling TypeScript through tsx:
// esbuild bundles harness/cli.ts and the files loaded by path (probes) into dist/cli/ (git-ignored), ES modules
// split into chunks so the lazily imported command modules stay lazy; npm packages stay external (native
// addons, one copy). bin/uyum.js runs the build while it matches the sources (bin/build-state.js), tsx otherwise.
//   node scripts/build-cli.mjs [--if-stale]
// Two rewrites keep the bundled code behaving like its sources:
// - import.meta.url becomes the source file's own URL, so paths to files beside a module (schemas, helpers)
//   still point there;
// - import(expression) (the probe registry loading probe files by path) becomes __uyumRuntimeImport(expression),
//   which bin/uyum.js defines: it loads the compiled twin of a harness .ts file, so probes share the bundle's
//   modules. Only absolute URLs work there, which is what the registry passes.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, buildIsFresh, loadedByPathFiles, PROJECT_ROOT, recordBuild } from "../bin/build-state.js";
import { bundleForNode } from "./bundle-node.mjs";

if (process.argv.includes("--if-stale") && buildIsFresh()) process.exit(0);

const keepBehaviour = {
  name: "uyum-keep-behaviour",
  setup(b) {
    b.onLoad({ filter: /\/harness\/.*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replace(/(?<![\w.$])import\((?=\s*[^\s"'`])/g, "__uyumRuntimeImport(");
      return { contents: source, loader: "ts" };
    });
  },
};

// npm packages stay external, but for the two every start loads: inlined, they cost no package resolution.
const INLINED = ["commander", "reflect-metadata"];
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !INLINED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);
const entryPoints = ["harness/cli.ts", ...loadedByPathFiles()].map((f) => join(PROJECT_ROOT, f));
const inputs = await bundleForNode({
  entryPoints,
  outdir: BUILD_DIR,
  external,
  plugins: [keepBehaviour],
  requireAlias: "__uyumCreateRequire",
});
// npm packages are external, not inputs
recordBuild(inputs);
if (!process.env.UYUM_SETUP_QUIET)
  process.stderr.write(`built ${relative(PROJECT_ROOT, BUILD_DIR)}/ from ${entryPoints.length} entry points\n`);
