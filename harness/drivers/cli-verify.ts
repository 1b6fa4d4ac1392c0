// The verifying face of a command-line application (driver.kind: cli): the profile's `driver.settings.verify`
// template, filled per signature, and the mapping of what the application answered (exit code, words) to a
// verdict. The mapping is data in the profile, because applications say it their own way: one that prints
// "geçersiz" for both invalid and indeterminate maps both to invalid, and the profile says so.
//
//   verify:
//     command: [app, verify, --in, "{input}", [--detached, "{detached}"], --at, "{at}"]
//     output: stdout            # where its words are (stdout | stderr | both; default both)
//     verdicts:                 # first rule that holds; then exit 0 → valid, any other exit → invalid
//       - { exit: 8, verdict: indeterminate }
//       - { match: "BELİRSİZ", verdict: indeterminate }
//
// A list inside `command` is an optional group: it is passed only when every placeholder in it has a value
// (e.g. [--detached, "{detached}"] for a detached signature only). The old form, a bare argv list, still reads
// (no optional groups, the default mapping). An application that does not answer (cannot be started, runs past
// its timeout, killed by a signal) gives "no-answer" whatever the rules say: a crash is not a verdict.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { AppProfile } from "../profile/types.ts";
import type { Issue } from "../core/issues.ts";
import { describeRun, runCommand, templateProblems, type CommandRun, type Vars } from "./cli.ts";
import type { AppVerdict, VerifyAttempt, VerifyingFace } from "./face.ts";
import { firstVerdict, verdictRuleProblems, type VerdictRule } from "./verdict-rules.ts";

export type { VerdictRule };

export interface VerifyTemplate {
  /** argv; a nested list is an optional group, passed when all its placeholders have values */
  command: (string | string[])[];
  output: "stdout" | "stderr" | "both";
  verdicts: VerdictRule[];
  env?: Record<string, string>;
  timeoutSeconds?: number;
}

const OUTPUTS = ["stdout", "stderr", "both"] as const;
const PLACEHOLDER_RE = /\{([A-Za-z]+)\}/g;

/** The profile's verify template, or undefined when it has none; problems name the field. */
export function cliVerifyTemplate(profile: AppProfile): { template?: VerifyTemplate; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (field: string, message: string) => issues.push({ file: profile.file, field, message });
  if (profile.driver?.kind !== "cli") return { issues };
  const raw = (profile.driver.settings as { verify?: unknown } | undefined)?.verify;
  if (raw === undefined) return { issues };
  const field = "driver.settings.verify";
  let t: Partial<VerifyTemplate> & Record<string, unknown>;
  if (Array.isArray(raw)) t = { command: raw as string[] };
  else if (raw && typeof raw === "object") t = { ...(raw as Record<string, unknown>) };
  else {
    at(field, "must be { command: [...], output?, verdicts? } (or a bare argv list)");
    return { issues };
  }
  const known = new Set(["command", "output", "verdicts", "env", "timeoutSeconds"]);
  for (const k of Object.keys(t))
    if (!known.has(k)) at(`${field}.${k}`, `unknown setting (known: ${[...known].join(", ")})`);
  const command = t.command;
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    command.some((p) => !(typeof p === "string" || (Array.isArray(p) && p.every((q) => typeof q === "string"))))
  ) {
    at(`${field}.command`, "must be a list of strings (argv, first the program; a nested list is an optional group)");
    return { issues };
  }
  if (typeof command[0] !== "string" || !command[0]) at(`${field}.command`, "the first element must be the program");
  if (!command.flat().some((p) => p.includes("{input}")))
    at(`${field}.command`, "never names the signature to verify: put {input} where the file goes");
  for (const p of templateProblems({
    command: command.flat(),
    env: t.env as Record<string, string>,
    pin: { none: true },
  }))
    at(`${field}.command`, p);
  const output = (t.output ?? "both") as VerifyTemplate["output"];
  if (!OUTPUTS.includes(output)) at(`${field}.output`, `must be one of ${OUTPUTS.join(", ")}`);
  const rules = t.verdicts ?? [];
  for (const p of verdictRuleProblems(rules, `${field}.verdicts`, ["exit"])) at(p.field, p.message);
  const verdicts = Array.isArray(rules) ? (rules as VerdictRule[]) : [];
  if (t.timeoutSeconds !== undefined && !(typeof t.timeoutSeconds === "number" && t.timeoutSeconds > 0))
    at(`${field}.timeoutSeconds`, "must be a positive number of seconds");
  if (issues.length) return { issues };
  // a program named relative to the profile ("./x", "../x") is found there, as the sign templates' are
  const program = command[0] as string;
  const resolved = /^\.\.?\//.test(program) ? resolve(dirname(profile.file), program) : program;
  return {
    template: {
      command: [resolved, ...command.slice(1)],
      output,
      verdicts,
      env: t.env as Record<string, string> | undefined,
      timeoutSeconds: t.timeoutSeconds as number | undefined,
    },
    issues,
  };
}

/** The argv of a template for these values: optional groups whose placeholders all have values, the rest as is. */
export function verifyArgv(t: VerifyTemplate, vars: Vars): string[] {
  const has = (part: string) => [...part.matchAll(PLACEHOLDER_RE)].every((m) => vars[m[1] as keyof Vars] !== undefined);
  return t.command.flatMap((p) => (Array.isArray(p) ? (p.every(has) ? p : []) : [p]));
}

/** Whether the template tells the application the validation time (in any of its spellings). */
export function tellsTime(t: VerifyTemplate): boolean {
  return t.command.flat().some((p) => /\{(at|atUnix|atDateTime)\}/.test(p));
}

/** What the application answered, mapped by the profile's rules, then the default. */
export function mapVerdict(
  t: Pick<VerifyTemplate, "verdicts" | "output">,
  run: Pick<CommandRun, "exitCode" | "signal" | "timedOut" | "spawnError" | "stdout" | "stderr">,
): { verdict: AppVerdict; text: string } {
  const text = (
    t.output === "stdout" ? run.stdout : t.output === "stderr" ? run.stderr : `${run.stdout}\n${run.stderr}`
  ).trim();
  if (run.spawnError || run.timedOut || run.signal || run.exitCode === null) return { verdict: "no-answer", text };
  const ruled = firstVerdict(t.verdicts, { exit: run.exitCode, text });
  if (ruled) return { verdict: ruled, text };
  return { verdict: run.exitCode === 0 ? "valid" : "invalid", text };
}

export interface CliVerifyOptions {
  template: VerifyTemplate;
  /** the campaign PKI's directory, base URL and trust anchor (a vector's own PKI may replace them per call) */
  pkiDir: string;
  pkiBaseUrl: string;
  rootPem: string;
  workDir: string;
  env?: Record<string, string>;
}

export function cliVerifyingFace(o: CliVerifyOptions): VerifyingFace {
  let n = 0;
  return {
    tellsTime: tellsTime(o.template),
    async verify(signature, v): Promise<VerifyAttempt> {
      const dir = join(o.workDir, "verify", `${String(++n).padStart(4, "0")}-${v.name.replace(/[^\w.-]+/g, "_")}`);
      mkdirSync(dir, { recursive: true });
      const input = join(dir, `${v.name.replace(/[^\w.-]+/g, "_")}.${signature.ext}`);
      writeFileSync(input, signature.bytes);
      let detached: string | undefined;
      if (v.detached) {
        detached = join(dir, "signed-document");
        writeFileSync(detached, v.detached);
      }
      const trustAnchor = join(dir, "trust-anchors.pem");
      writeFileSync(trustAnchor, v.pki?.anchorsPem ?? o.rootPem);
      const vars: Vars = {
        input,
        detached,
        at: v.at.toISOString(),
        atUnix: String(Math.floor(v.at.getTime() / 1000)),
        atDateTime: v.at.toISOString().slice(0, 19).replace("T", " "),
        trustAnchor,
        pkiDir: v.pki?.dir ?? o.pkiDir,
        pkiBaseUrl: v.pki?.baseUrl ?? o.pkiBaseUrl,
      };
      let run: CommandRun;
      try {
        run = await runCommand(
          {
            command: verifyArgv(o.template, vars),
            env: o.template.env,
            timeoutSeconds: o.template.timeoutSeconds,
            pin: { none: true },
          },
          vars,
          { env: o.env, cwd: dir, defaultTimeoutSeconds: 60 },
        );
      } catch (err) {
        // a placeholder this session has no value for: the profile's fault, said as such, not a verdict
        return { verdict: "no-answer", text: "", ended: `not run: ${(err as Error).message}` };
      }
      const { verdict, text } = mapVerdict(o.template, run);
      return { verdict, text, run, ...(verdict === "no-answer" ? { ended: describeRun(run) } : {}) };
    },
  };
}
