// One provoked signing, as the sessions that provoke the application record it (wrong PIN, card pulled, bad
// documents, refused certificates, services down): how the run ended, what the application said (its own words,
// stdout and stderr), and the signature it wrote anyway, validated. The card's PIN is masked in what it said
// before anything is stored: an application that prints it is a finding (`pinShown`), not a secret to keep.
import { describeRun } from "../drivers/cli.ts";
import type { SignAttempt } from "../drivers/face.ts";
import type { SessionContext } from "./context.ts";
import type { AppAttempt } from "./evidence.ts";
import { validateOutput } from "./sign-sessions.ts";

const mask = (text: string, pin: string | undefined) => (pin ? text.split(pin).join("****") : text);

export async function recordAttempt(
  ctx: SessionContext,
  a: SignAttempt,
  name: string,
  pin?: string,
): Promise<AppAttempt> {
  const secret = pin ?? ctx.card.pin;
  const stdout = mask(a.run.stdout, secret);
  const stderr = mask(a.run.stderr, secret);
  const said = [stderr.trim(), stdout.trim()].filter(Boolean).join("\n").slice(0, 2000);
  const attempt: AppAttempt = {
    name,
    requested: { format: a.format, level: a.level },
    ended: describeRun(a.run),
    exitCode: a.run.exitCode,
    timedOut: a.run.timedOut,
    said,
    stdout: ctx.evidence.put("stdout", stdout, "txt"),
    stderr: ctx.evidence.put("stderr", stderr, "txt"),
    ...(secret && (a.run.stdout.includes(secret) || a.run.stderr.includes(secret)) ? { pinShown: true } : {}),
  };
  const screenWarnings = a.screen?.documentView?.warnings.map((w) => mask(w, secret)).filter(Boolean) ?? [];
  if (screenWarnings.length > 0) attempt.screenWarnings = screenWarnings;
  if (a.output && a.output.length > 0) attempt.output = await validateOutput(ctx, { ...a, output: a.output }, name);
  else
    ctx.progress(`  ${name}: no signature (${attempt.ended}${said ? `: ${said.split("\n")[0]!.slice(0, 100)}` : ""})`);
  return attempt;
}

/** Did the application write a signature? */
export const signed = (a: AppAttempt): boolean => a.output !== undefined;
