// The signing sessions: sign once per declared kind, and several in a row. Each asks the application to sign
// through the profile's driver, keeps what it did (stdout, stderr, the signature), validates every signature
// with uyum's validator against the campaign PKI (live CRL/OCSP), and keeps the card's PKCS#11 trace of the
// whole session. A command that fails or writes nothing is recorded, not thrown.
import { readTrace, traceMark } from "../card/index.ts";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import type { SignOnceEvidence, SignSeveralEvidence } from "./catalogue.ts";
import type { SignAttempt } from "../drivers/face.ts";
import type { SessionContext } from "./context.ts";
import { describeRun } from "../drivers/cli.ts";
import type { FailedSigning, SignedOutput, TraceEvidence } from "./evidence.ts";

/** A short document per signature, distinct so no two signatures share a digest. */
export function documentFor(n: number): Uint8Array {
  return new TextEncoder().encode(`T.C. Örnek Kurum\nSayı: E-${1000 + n}\nKonu: uyum değerlendirme belgesi ${n}\n`);
}

async function record(ctx: SessionContext, a: SignAttempt, name: string): Promise<SignedOutput | FailedSigning> {
  ctx.evidence.put("document", a.document, "txt");
  const stdout = ctx.evidence.put("stdout", a.run.stdout, "txt");
  const stderr = ctx.evidence.put("stderr", a.run.stderr, "txt");
  if (!a.output || a.output.length === 0) {
    const ended = describeRun(a.run);
    ctx.progress(`  ${name}: no signature written (${ended})`);
    return { requested: { format: a.format, level: a.level }, ended, stdout, stderr };
  }
  return validateOutput(ctx, { ...a, output: a.output }, name);
}

/** A signature the application wrote, stored and validated with uyum's validator (live CRL/OCSP). */
export async function validateOutput(
  ctx: SessionContext,
  a: SignAttempt & { output: Uint8Array },
  name: string,
): Promise<SignedOutput> {
  const validation = await validateBytes(name, a.output, {
    anchors: pemOrDer(new TextEncoder().encode(ctx.rootPem)).map(parseCert),
    detachedContent: a.document,
    fetch: true,
    fetchTimeoutMs: 5000,
  });
  ctx.progress(`  ${name}: ${validation.indication}${validation.subIndication ? `/${validation.subIndication}` : ""}`);
  return {
    requested: { format: a.format, level: a.level },
    signature: ctx.evidence.put("signature", a.output, a.outputExt),
    validation,
    report: ctx.evidence.put("validation-report", JSON.stringify(validation, null, 2), "json"),
  };
}

export function traceSince(ctx: SessionContext, mark: ReturnType<typeof traceMark>): TraceEvidence {
  const events = readTrace(ctx.card.dir, mark);
  return { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events };
}

export async function signOnce(ctx: SessionContext): Promise<SignOnceEvidence> {
  const mark = traceMark(ctx.card.dir);
  const outputs: SignedOutput[] = [];
  const failures: FailedSigning[] = [];
  const face = ctx.app.signing;
  for (const [i, kind] of (face?.kinds() ?? []).entries()) {
    const name = `sign-once-${kind.format}-${kind.level}`;
    const out = await record(ctx, await face!.sign(kind, documentFor(i), name), name);
    if ("ended" in out) failures.push(out);
    else outputs.push(out);
  }
  return { outputs, failures, trace: traceSince(ctx, mark) };
}

export const SIGN_SEVERAL_COUNT = 3;

export async function signSeveral(ctx: SessionContext): Promise<SignSeveralEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  const outputs: SignedOutput[] = [];
  const failures: FailedSigning[] = [];
  if (kind)
    for (let i = 0; i < SIGN_SEVERAL_COUNT; i++) {
      const name = `sign-several-${i + 1}`;
      const out = await record(ctx, await face!.sign(kind, documentFor(100 + i), name), name);
      if ("ended" in out) failures.push(out);
      else outputs.push(out);
    }
  return { requested: kind ? SIGN_SEVERAL_COUNT : 0, outputs, failures, trace: traceSince(ctx, mark) };
}
