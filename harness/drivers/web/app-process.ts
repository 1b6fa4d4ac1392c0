// Starts a web application the way its profile says (a command printing one JSON line of URLs) and stops it.
// A command that exits, prints no JSON or hangs past its timeout is a clear error naming what it did, never a hang.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface RunningApp {
  urls: Record<string, unknown>;
  /** what it wrote on stderr so far (the last 64 KiB) */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startApp(
  argv: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunningApp> {
  const proc = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd, env: o.env, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-65536)));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((ok) => proc.once("exit", ok));
    proc.kill("SIGTERM");
    const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(t);
  };
  const line = await new Promise<string>((ok, fail) => {
    const rl = createInterface({ input: proc.stdout });
    const timer = setTimeout(
      () =>
        fail(new Error(`${argv.join(" ")}: printed no URLs in ${o.timeoutMs / 1000} s; stderr: ${err.slice(-500)}`)),
      o.timeoutMs,
    );
    rl.once("line", (l) => {
      clearTimeout(timer);
      ok(l);
    });
    proc.once("error", (e) => {
      clearTimeout(timer);
      fail(new Error(`${argv[0]}: could not start: ${e.message}`));
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(
        new Error(`${argv.join(" ")}: exited (${signal ?? code}) before printing its URLs; stderr: ${err.slice(-500)}`),
      );
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  let urls: Record<string, unknown>;
  try {
    urls = JSON.parse(line) as Record<string, unknown>;
    if (typeof urls !== "object" || urls === null) throw new Error("not an object");
  } catch (e) {
    await stop();
    throw new Error(
      `${argv.join(" ")}: its first line is not a JSON object of URLs (${(e as Error).message}): ${line.slice(0, 200)}`,
    );
  }
  proc.stdout.resume();
  return { urls, stderr: () => err, stop };
}
