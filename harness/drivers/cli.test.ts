import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeRun, runCommand, templateProblems } from "./cli.ts";

const PIN = "481516";
const sh = (script: string, pin: Parameters<typeof runCommand>[0]["pin"] = { none: true }) => ({
  command: ["sh", "-c", script, "sh", "{output}"],
  pin,
  timeoutSeconds: 5,
});

describe("the cli driver", () => {
  it("hands the PIN on stdin or in the named variable, never on the command line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uyum-cli-"));
    const viaStdin = await runCommand(
      sh('read p; printf "%s" "$p" > "$1"', { stdin: true }),
      { output: join(dir, "a") },
      { pin: PIN },
    );
    expect(readFileSync(join(dir, "a"), "utf8")).toBe(PIN);
    const viaEnv = await runCommand(
      sh('printf "%s" "$KART_PIN" > "$1"', { env: "KART_PIN" }),
      { output: join(dir, "b") },
      { pin: PIN },
    );
    expect(readFileSync(join(dir, "b"), "utf8")).toBe(PIN);
    for (const r of [viaStdin, viaEnv]) {
      expect(r.exitCode).toBe(0);
      expect(r.argv.join(" ")).not.toContain(PIN);
    }
  });

  it("refuses to run a template that would put the PIN in argv", async () => {
    const r = await runCommand({ command: ["echo", `--pin=${PIN}`], pin: { stdin: true } }, {}, { pin: PIN });
    expect(r.spawnError).toMatch(/PIN would appear on the command line/);
    expect(r.argv.join(" ")).not.toContain(PIN);
  });

  it("a crash, a hang and a missing program are results, not exceptions", async () => {
    const crash = await runCommand(sh("kill -SEGV $$"), { output: "/dev/null" });
    expect(describeRun(crash)).toBe("sh was killed by SIGSEGV");
    const hang = await runCommand({ ...sh("sleep 30 & sleep 30"), timeoutSeconds: 1 }, { output: "/dev/null" });
    expect(hang.timedOut).toBe(true);
    expect(describeRun(hang)).toBe("sh did not finish in time and was stopped");
    const missing = await runCommand({ command: ["/nonexistent/imzaci"], pin: { none: true } }, {});
    expect(describeRun(missing)).toMatch(/could not run \/nonexistent\/imzaci: ENOENT/);
  });

  it("names unknown placeholders and says the PIN is never one", () => {
    expect(templateProblems({ command: ["imzaci", "{input}", "{pin}"], pin: { stdin: true } })).toEqual([
      expect.stringMatching(/unknown placeholder \{pin\} .*the PIN is never a placeholder/),
    ]);
    expect(templateProblems({ command: [], pin: { stdin: true } })).toEqual(["command: no program to run"]);
    expect(templateProblems({ command: ["imzaci", "{input}", "-o", "{output}"], pin: { stdin: true } })).toEqual([]);
  });
});
