// The PIN-change face of a command-line application (driver.settings.changePin): one command that changes the
// card's user PIN. The old and the new PIN never go on the command line: with pin: { stdin: true } they are the
// first two lines of standard input (old, then new); with pin: { env: OLD, newEnv: NEW } two environment
// variables. The template may name the card ({module}, {tokenLabel}, {card}).
import { dirname, resolve } from "node:path";
import type { Issue } from "../core/issues.ts";
import type { AppProfile } from "../profile/types.ts";
import { fill, runCommand, templateProblems, type CommandRun, type CommandTemplate } from "./cli.ts";
import { sessionVars, type CliFaceOptions } from "./cli-face.ts";
import type { PinChangeFace } from "./face.ts";

export type ChangePinTemplate = CommandTemplate & { pin: { stdin: true } | { env: string; newEnv: string } };

export function cliChangePinTemplate(profile: AppProfile): { template?: ChangePinTemplate; issues: Issue[] } {
  const raw = (profile.driver?.settings as { changePin?: unknown } | undefined)?.changePin;
  if (profile.driver?.kind !== "cli" || raw === undefined) return { issues: [] };
  const issues: Issue[] = [];
  const field = "driver.settings.changePin";
  const t = raw as Partial<ChangePinTemplate>;
  const pin = t.pin as Record<string, unknown> | undefined;
  if (!pin || !(pin.stdin === true || (typeof pin.env === "string" && typeof pin.newEnv === "string")))
    issues.push({
      file: profile.file,
      field: `${field}.pin`,
      message:
        "say how the old and new PIN reach the application: { stdin: true } (old PIN, then new PIN, one a line) or { env: OLD_VAR, newEnv: NEW_VAR } (never argv)",
    });
  for (const p of templateProblems(t as CommandTemplate)) issues.push({ file: profile.file, field, message: p });
  if (issues.length) return { issues };
  const program = t.command![0]!;
  if (/^\.\.?\//.test(program)) t.command = [resolve(dirname(profile.file), program), ...t.command!.slice(1)];
  return { template: t as ChangePinTemplate, issues };
}

export function cliPinChangeFace(
  o: Omit<CliFaceOptions, "templates"> & { template: ChangePinTemplate },
): PinChangeFace {
  const t = o.template;
  const how =
    "stdin" in t.pin
      ? "the profile's changePin command, the old and the new PIN on standard input"
      : `the profile's changePin command, the old and the new PIN in $${t.pin.env} and $${t.pin.newEnv}`;
  return {
    how,
    async change(newPin: string): Promise<CommandRun> {
      const vars = sessionVars(o);
      // runCommand refuses to run with the PIN it is handed in argv; both PINs are checked here
      const argv = t.command.map((p) => fill(p, vars));
      if (argv.some((a) => a.includes(newPin) || a.includes(o.pin)))
        return {
          argv: argv.map((a) => a.split(newPin).join("****").split(o.pin).join("****")),
          exitCode: null,
          signal: null,
          timedOut: false,
          spawnError: "refused to run: a PIN would appear on the command line (argv is world-readable)",
          stdout: "",
          stderr: "",
          ms: 0,
        };
      if ("stdin" in t.pin) return runCommand(t, vars, { pin: `${o.pin}\n${newPin}`, env: o.card.env, cwd: o.workDir });
      return runCommand(t, vars, { pin: o.pin, env: { ...o.card.env, [t.pin.newEnv]: newPin }, cwd: o.workDir });
    },
  };
}
