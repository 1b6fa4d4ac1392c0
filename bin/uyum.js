#!/usr/bin/env node
// The `uyum` command. Runs the compiled harness in dist/cli (scripts/build-cli.mjs, built at setup) while it
// matches the sources (bin/build-state.js), so a start costs no TypeScript compilation; otherwise, as in
// development after an edit, the TypeScript sources through tsx. UYUM_TSX=1 forces the sources.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, buildIsFresh, PROJECT_ROOT } from "./build-state.js";

// `uyum … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

let tsxRegistered = false;
async function useTsx() {
  if (tsxRegistered) return;
  const { register } = await import("tsx/esm/api");
  register();
  tsxRegistered = true;
}

const built = join(BUILD_DIR, "harness", "cli.js");
let main;
if (!process.env.UYUM_TSX && existsSync(built) && buildIsFresh()) {
  // The build turns import(expression) into this (scripts/build-cli.mjs): a harness .ts file loaded by path is
  // served by its compiled twin, so it shares the bundle's modules; anything else is imported as asked.
  const rootUrl = pathToFileURL(PROJECT_ROOT).href + "/";
  const buildUrl = pathToFileURL(BUILD_DIR).href + "/";
  globalThis.__uyumRuntimeImport = async (specifier) => {
    const url = String(specifier);
    if (url.startsWith(rootUrl + "harness/") && url.endsWith(".ts")) {
      const twin = buildUrl + url.slice(rootUrl.length).replace(/\.ts$/, ".js");
      if (existsSync(new URL(twin))) return import(twin);
      await useTsx();
    }
    return import(url);
  };
  ({ main } = await import(pathToFileURL(built).href));
} else {
  await useTsx();
  ({ main } = await import("../harness/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
