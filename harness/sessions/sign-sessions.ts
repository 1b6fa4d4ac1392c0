// The signing sessions: sign once per declared kind, and several in a row. Each asks the application to sign
// through the profile's driver, keeps what it did (stdout, stderr, the signature), validates every signature
// with uyum's validator against the campaign PKI (live CRL/OCSP), and keeps the card's PKCS#11 trace of the
// whole session. A command that fails or writes nothing is recorded, not thrown.
import { createHash } from "node:crypto";
import { readTrace, traceMark } from "../card/index.ts";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import type { SignOnceEvidence, SignSeveralEvidence } from "./catalogue.ts";
import type { SignAttempt } from "../drivers/face.ts";
import type { SessionContext } from "./context.ts";
import { describeRun } from "../drivers/cli.ts";
import type { FailedSigning, SignedOutput, TraceEvidence } from "./evidence.ts";
import type { ValidationResult } from "../ades/index.ts";

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
  const awaiting = awaitingGrace(validation);
  ctx.progress(
    `  ${name}: ${validation.indication}${validation.subIndication ? `/${validation.subIndication}` : ""}${awaiting ? ` (${awaiting.reason.en})` : ""}`,
  );
  return {
    requested: { format: a.format, level: a.level },
    signature: ctx.evidence.put("signature", a.output, a.outputExt),
    documentSha256: createHash("sha256").update(a.document).digest("hex"),
    validation,
    report: ctx.evidence.put("validation-report", JSON.stringify(validation, null, 2), "json"),
    ...(awaiting ? { awaiting } : {}),
  };
}

/**
 * A signature validated within its profile's grace period: the Turkish profiles P2 and P3 ask the verifier to
 * wait 24 h after the signing time (or its time-stamp) for revocation data issued after it, so right after
 * signing uyum's validator says INDETERMINATE/TRY_LATER (check grace-period) — the right verdict then, and no
 * fault of the signature or of the application. Said in so many words, so nobody reads it as a failure.
 */
export function awaitingGrace(v: ValidationResult): SignedOutput["awaiting"] {
  const grace = v.checks.find((c) => c.id === "grace-period" && c.result === "indeterminate");
  if (!grace || v.subIndication !== "TRY_LATER") return undefined;
  return {
    check: "grace-period",
    reason: {
      tr: `profil ${v.profile}: ${grace.reason.tr}; imza anında doğru karar TRY_LATER'dır, imzanın ya da uygulamanın kusuru değildir, süre dolunca yeniden doğrulanır`,
      en: `profile ${v.profile}: ${grace.reason.en}; TRY_LATER is the right verdict at signing time, no fault of the signature or of the application: validate again once it has passed`,
    },
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
  // a vendor's card holds what its issuer wrote: uyum cannot say it lacks the chain
  const cardChain = ctx.card.kind === "vendor" ? {} : { cardChain: ctx.card.chain.map((c) => c.label) };
  return { outputs, failures, ...cardChain, trace: traceSince(ctx, mark) };
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
