// The `uyum` entry point itself: every concern's commands are wired, unknown input is refused by name,
// and a reader closing the pipe early is not a crash.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "./core/shared-dir.ts";

const UYUM = join(PROJECT_ROOT, "bin", "uyum.js");
const run = (args: string[]) => spawnSync("bash", ["-c", args.join(" ")], { cwd: PROJECT_ROOT, encoding: "utf8" });

describe("uyum", () => {
  it("lists the commands of every concern in --help", () => {
    const r = run(["node", UYUM, "--help"]);
    expect(r.status).toBe(0);
    for (const command of ["checklist", "plan", "pki", "vectors", "validate", "validate-chain", "card"]) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    }
  });

  it("refuses an unknown command by name with a non-zero exit", () => {
    const r = run(["node", UYUM, "imzala"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("imzala");
  });

  it("exits quietly when its reader closes the pipe early (uyum … | head)", () => {
    const r = run(["set -o pipefail;", "node", UYUM, "checklist", "--markdown", "|", "head", "-c", "10"]);
    expect(Buffer.byteLength(r.stdout)).toBe(10);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.ts/);
    expect(r.status).toBe(0);
  });
});
