// Where the reference application's CLI is built (scripts/build-ornek-imzaci.mjs, run at setup) and whether that
// build may run: only while it matches the sources it was built from (bin/build-state.js), so the application
// under test is always its sources' application. Plain JavaScript: it runs before anything is compiled.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildState, PROJECT_ROOT } from "../../../../bin/build-state.js";

export const APP_SOURCE = "examples/apps/ornek-imzaci/cli.ts";
export const APP_BUILD_DIR = join(PROJECT_ROOT, "dist", "ornek-imzaci");
export const APP_BUILDER = "scripts/build-ornek-imzaci.mjs";

/** The build's state in a checkout (`root`; a test gives a copy) with its build folder. */
export function appBuildState(root = PROJECT_ROOT, buildDir = APP_BUILD_DIR) {
  return buildState({ buildDir, builder: APP_BUILDER, root });
}

/**
 * What bin/ornek-imzaci runs: the build's entry while the build is fresh, else the TypeScript sources (through
 * tsx). ORNEK_IMZACI_TSX=1 asks for the sources.
 */
export function chooseEntry(env = process.env, root = PROJECT_ROOT, buildDir = APP_BUILD_DIR) {
  const built = join(buildDir, APP_SOURCE.replace(/\.ts$/, ".js"));
  if (env.ORNEK_IMZACI_TSX) return { kind: "sources", path: join(root, APP_SOURCE), why: "ORNEK_IMZACI_TSX is set" };
  if (!existsSync(built)) return { kind: "sources", path: join(root, APP_SOURCE), why: "not built" };
  if (!appBuildState(root, buildDir).isFresh())
    return { kind: "sources", path: join(root, APP_SOURCE), why: "the build is older than the sources" };
  return { kind: "build", path: built };
}
