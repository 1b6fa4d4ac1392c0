// Test support for harness/card: a real test PKI (built by harness/pki from the committed YAML), card
// directories in one temp root per test file, and runners that keep every command's output so a test can
// scan all of it for PINs.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPki, loadPkiConfig, writePki } from "../pki/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const UYUM_BIN = join(root, "bin", "uyum.js");
export const PKI_YAML = join(root, "vectors", "pki", "kamusm-test-pki.yaml");

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp root for one test file; everything the tests write goes under it. */
export function testRoot(name: string): string {
  return mkdtempSync(join(tmpdir(), `uyum-card-${name}-`));
}

/** Writes the default test PKI (harness/pki, from vectors/pki) under root. */
export async function writeTestPki(rootDir: string): Promise<string> {
  const dir = join(rootDir, "pki");
  await writePki(await buildPki(loadPkiConfig(PKI_YAML)), dir);
  return dir;
}

/** Runs commands and keeps what they printed (for the PIN scan), except output marked secret. */
export class Runner {
  readonly outputs: { what: string; text: string }[] = [];

  run(
    cmd: string,
    args: string[],
    opts: { env?: Record<string, string>; secretOutput?: boolean; input?: string } = {},
  ): Ran {
    const r = spawnSync(cmd, args, {
      env: { ...process.env, ...(opts.env ?? {}) },
      encoding: "utf8",
      input: opts.input,
      timeout: 60_000,
    });
    const ran = { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    if (!opts.secretOutput) this.outputs.push({ what: `${cmd} ${args[0] ?? ""}`, text: ran.stdout + ran.stderr });
    else this.outputs.push({ what: `${cmd} ${args[0] ?? ""} (stderr)`, text: ran.stderr });
    return ran;
  }

  uyum(args: string[], opts: { env?: Record<string, string>; secretOutput?: boolean } = {}): Ran {
    return this.run(process.execPath, [UYUM_BIN, ...args], opts);
  }
}
