// Where ../shared (the project's read-only reference material) is, and whether it may be missing.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./paths.ts";

export { PROJECT_ROOT };

/** ../shared beside the project (override with UYUM_SHARED), or undefined when absent. */
export function sharedDir(): string | undefined {
  const dir = process.env.UYUM_SHARED ?? resolve(PROJECT_ROOT, "..", "shared");
  return existsSync(dir) ? dir : undefined;
}

/**
 * For tests: the shared dir, or a reason to skip. With CI=true a missing ../shared is an error,
 * never a skip, so CI cannot pass by not looking.
 */
export function sharedDirForTests(): { dir?: string; skipReason?: string } {
  const dir = sharedDir();
  if (dir) return { dir };
  if (process.env.CI === "true") throw new Error("../shared is missing, and CI=true requires it");
  return { skipReason: "../shared is absent (outside CI): skipping tests that read it" };
}
