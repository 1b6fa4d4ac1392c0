// The cli driver: runs an application's command line from a template, as an assessor would type it. The
// template's placeholders ({input}, {output}, {module}, …) are filled from the session; the PIN reaches the
// application on standard input or in a named environment variable, never on the command line (argv is
// world-readable), and a template that would put it there is refused. The driver records what the command did
// (exit code or signal, stdout, stderr, whether it hung past its timeout): an application that crashes, hangs or
// writes nothing is a result with evidence, never an exception.
import { spawn } from "node:child_process";

export const PLACEHOLDERS = [
  "input",
  "output",
  "module",
  "card",
  "certificate",
  "chain",
  "keyUri",
  "keyLabel",
  "tokenLabel",
  "trustAnchor",
  "pkiDir",
  "pkiBaseUrl",
  "tsaUrl",
  "format",
  "level",
  "hash",
  // verifying: the signed document of a detached signature, and the validation time as ISO 8601, as seconds
  // since 1970 (openssl -attime) and as "YYYY-MM-DD HH:MM:SS" in UTC (xmlsec1 --verification-gmt-time)
  "detached",
  "at",
  "atUnix",
  "atDateTime",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Vars = Partial<Record<Placeholder, string>>;

/** How the PIN reaches the application. */
export type PinDelivery = { env: string } | { stdin: true } | { none: true };

export interface CommandTemplate {
  /** argv, first the program; each element may hold placeholders in braces. */
  command: string[];
  pin: PinDelivery;
  /** extra environment, values may hold placeholders */
  env?: Record<string, string>;
  timeoutSeconds?: number;
}

export interface CommandRun {
  /** the argv as run (no PIN can be in it) */
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  /** killed because it ran past the timeout */
  timedOut: boolean;
  /** could not be started at all (ENOENT, EACCES…) */
  spawnError?: string;
  stdout: string;
  stderr: string;
  ms: number;
  /** an http driver's exchange, not a process: argv[0] is "METHOD URL", exitCode 0 (done) or 1 (refused) */
  http?: boolean;
}

const PLACEHOLDER_RE = /\{([A-Za-z]+)\}/g;

/** Problems of a template, each naming what is wrong (unknown placeholder, no program, a PIN in argv). */
export function templateProblems(t: CommandTemplate): string[] {
  const problems: string[] = [];
  if (!Array.isArray(t.command) || t.command.length === 0 || !t.command[0]) problems.push("command: no program to run");
  const known = new Set<string>(PLACEHOLDERS);
  for (const part of [...(t.command ?? []), ...Object.values(t.env ?? {})])
    for (const m of part.matchAll(PLACEHOLDER_RE))
      if (!known.has(m[1]!))
        problems.push(
          `unknown placeholder {${m[1]}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}; the PIN is never a placeholder: use pin: { env: NAME } or pin: { stdin: true })`,
        );
  return problems;
}

export function fill(part: string, vars: Vars): string {
  return part.replace(PLACEHOLDER_RE, (whole, name: string) => {
    const v = vars[name as Placeholder];
    if (v === undefined) throw new Error(`placeholder ${whole} has no value in this session`);
    return v;
  });
}

/**
 * Runs the template. `pin` is handed over as the template says; if the filled argv contains the PIN anyway
 * (a literal in the template, a file name that happens to be it), the command is not run.
 */
export function runCommand(
  t: CommandTemplate,
  vars: Vars,
  o: { pin?: string; env?: Record<string, string>; cwd?: string; defaultTimeoutSeconds?: number } = {},
): Promise<CommandRun> {
  const argv = t.command.map((p) => fill(p, vars));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...o.env };
  for (const [k, v] of Object.entries(t.env ?? {})) env[k] = fill(v, vars);
  if (o.pin !== undefined && argv.some((a) => a.includes(o.pin!)))
    return Promise.resolve({
      argv: argv.map((a) => a.split(o.pin!).join("****")),
      exitCode: null,
      signal: null,
      timedOut: false,
      spawnError: "refused to run: the PIN would appear on the command line (argv is world-readable)",
      stdout: "",
      stderr: "",
      ms: 0,
    });
  if ("env" in t.pin && o.pin !== undefined) env[t.pin.env] = o.pin;
  const timeoutMs = (t.timeoutSeconds ?? o.defaultTimeoutSeconds ?? 60) * 1000;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, cwd: o.cwd, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let spawnError: string | undefined;
    const cap = 4 * 1024 * 1024; // an application that floods its output is recorded, not held whole
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout = (stdout + d).slice(0, cap)));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(0, cap)));
    child.stdin.on("error", () => {}); // an application that never reads its stdin closes it early
    if ("stdin" in t.pin && o.pin !== undefined) child.stdin.end(`${o.pin}\n`);
    else child.stdin.end();
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL"); // the whole process group: a hung app's helpers too
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (e) => (spawnError = `${(e as NodeJS.ErrnoException).code ?? "error"}: ${e.message}`));
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        argv,
        exitCode,
        signal,
        timedOut,
        spawnError,
        stdout,
        stderr,
        ms: Math.round(performance.now() - started),
      });
    });
  });
}

/** One line saying how a run ended, for reasons and summaries. */
export function describeRun(r: CommandRun): string {
  if (r.http) {
    if (r.timedOut) return `${r.argv[0]}: no answer in time`;
    if (r.spawnError) return `${r.argv[0]}: ${r.spawnError}`;
    return r.exitCode === 0
      ? `${r.argv[0]}: done`
      : `${r.argv[0]}: ${r.stderr.split("\n")[0]!.slice(0, 300) || "no success"}`;
  }
  if (r.spawnError) return `could not run ${r.argv[0]}: ${r.spawnError}`;
  if (r.timedOut) return `${r.argv[0]} did not finish in time and was stopped`;
  if (r.signal) return `${r.argv[0]} was killed by ${r.signal}`;
  // a face with no process of its own (the web face) ends without an exit code
  if (r.exitCode === null) return `${r.argv[0]} ended without signing`;
  return `${r.argv[0]} exited with ${r.exitCode}`;
}
