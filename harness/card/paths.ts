// Where the card's native parts live, and a build-on-demand for the interposer (setup builds it; a test run
// straight after a source edit should not load a stale library).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export const INTERPOSER_DIR = join(here, "interposer");
export const INTERPOSER_PATH = join(INTERPOSER_DIR, "build", "libuyum-p11.so");
export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";
export const OPENSSL_PKCS11_ENGINE = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so";

/** Builds the interposer when it is missing or older than any of its sources (*.c, *.h, Makefile); returns its path. */
export function ensureInterposer(): string {
  const sources = readdirSync(INTERPOSER_DIR).filter((f) => /\.[ch]$/.test(f) || f === "Makefile");
  const built = existsSync(INTERPOSER_PATH) ? statSync(INTERPOSER_PATH).mtimeMs : -1;
  const stale = built < 0 || sources.some((f) => built < statSync(join(INTERPOSER_DIR, f)).mtimeMs);
  if (stale) {
    // test files run in parallel: one builds, the others wait for it
    mkdirSync(join(INTERPOSER_DIR, "build"), { recursive: true });
    execFileSync("flock", [join(INTERPOSER_DIR, "build", ".lock"), "make", "--quiet", "-C", INTERPOSER_DIR], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  }
  return INTERPOSER_PATH;
}
