// The sessions that need the application to produce from a signature it made: `upgrade` (its own BES / B-B taken
// step by step to every level the profile's upgrade templates name: T, X-L, A / B-LT, B-LTA), `add-signatures`
// (a parallel and a serial signature added to its own signature) and `archive-renewal` (an A / B-LTA signature
// given a new archive time-stamp). Every output is validated by uyum's validator against the campaign PKI with
// live revocation, and the long-term ones also on their own embedded data; what the app did is kept as evidence.
// A command that fails or writes nothing is recorded, never thrown.
import { oid } from "../asn1/der.ts";
import { parseCert, pemOrDer, validateBytes, type ValidationResult } from "../ades/index.ts";
import { describeRun } from "../drivers/cli.ts";
import type { ProduceRequest } from "../drivers/face.ts";
import { SIGNATURE_LEVELS, type SignatureFormat, type SignatureLevel } from "../core/signature-forms.ts";
import type { ProduceSessionEvidence, ProducedStep, ValidationSummary } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import type { EvidenceRef } from "./evidence.ts";
import { documentFor } from "./sign-sessions.ts";

const LOWEST: Record<SignatureFormat, SignatureLevel[]> = {
  CAdES: ["BES", "EPES", "T"],
  XAdES: ["BES", "EPES", "T"],
  PAdES: ["B-B", "B-T"],
};
const order = (l?: SignatureLevel) => (l ? SIGNATURE_LEVELS.indexOf(l as (typeof SIGNATURE_LEVELS)[number]) : -1);

// id-aa-ets-archiveTimestampV2 and id-aa-ets-archiveTimestampV3, as DER OIDs
const ATS_OIDS = ["1.2.840.113549.1.9.16.2.48", "0.4.0.1733.2.4"].map((o) => Buffer.from(oid(o)));

/** Archive time-stamps in a signature file: CAdES ATSv2/v3 attributes, PAdES document time-stamps. */
export function archiveTimestampCount(bytes: Uint8Array, format: SignatureFormat): number {
  const b = Buffer.from(bytes);
  const count = (needle: Buffer) => {
    let n = 0;
    for (let i = b.indexOf(needle); i >= 0; i = b.indexOf(needle, i + 1)) n++;
    return n;
  };
  if (format === "PAdES") return count(Buffer.from("/ETSI.RFC3161"));
  if (format === "XAdES") return count(Buffer.from("ArchiveTimeStamp>")) / 2;
  return ATS_OIDS.reduce((n, o) => n + count(o), 0);
}

async function validate(
  ctx: SessionContext,
  name: string,
  bytes: Uint8Array,
  document: Uint8Array,
  fetch: boolean,
  now?: () => Date,
): Promise<{ summary: ValidationSummary; result: ValidationResult }> {
  const result = await validateBytes(name, bytes, {
    anchors: pemOrDer(new TextEncoder().encode(ctx.rootPem)).map(parseCert),
    detachedContent: document,
    fetch,
    fetchTimeoutMs: 5000,
    ...(now ? { now } : {}),
  });
  return {
    result,
    summary: {
      indication: result.indication,
      ...(result.subIndication ? { subIndication: result.subIndication } : {}),
      level: result.level,
      signatures: result.signatures.length,
      failedChecks: result.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id),
    },
  };
}

export interface Held {
  bytes: Uint8Array;
  ext: string;
  level: string;
  ref: EvidenceRef;
}

/** The application's own signature of `format` at its lowest declared level, validated; undefined when it made none. */
export async function baseSignature(
  ctx: SessionContext,
  format: SignatureFormat,
  document: Uint8Array,
  name: string,
  prefer: SignatureLevel[] = LOWEST[format],
): Promise<{ held?: Held; step: ProducedStep }> {
  const kinds = ctx.app.signing?.kinds().filter((k) => k.format === format) ?? [];
  const kind = prefer.map((l) => kinds.find((k) => k.level === l)).find(Boolean) ?? kinds[0];
  const step: ProducedStep = { operation: "sign", format, from: "document" };
  if (!kind) {
    step.ended = `the application declares no ${format} signing to start from`;
    return { step };
  }
  step.to = kind.level;
  const a = await ctx.app.signing!.sign(kind, document, name);
  if (!a.output?.length) {
    step.ended = describeRun(a.run);
    return { step };
  }
  const ref = ctx.evidence.put("signature", a.output, a.outputExt);
  const v = await validate(ctx, name, a.output, document, true);
  step.output = ref;
  step.validation = v.summary;
  ctx.progress(`  ${name}: ${v.summary.indication} ${v.summary.level}`);
  return { held: { bytes: a.output, ext: a.outputExt, level: v.summary.level, ref }, step };
}

/** Ask for one operation on `held`; validate what comes out (live, and on its own data when `offline`), at
 *  `now` (the services' clock) when given. */
export async function produceStep(
  ctx: SessionContext,
  req: ProduceRequest,
  held: Held,
  document: Uint8Array,
  name: string,
  offline: boolean,
  now?: () => Date,
): Promise<{ held?: Held; step: ProducedStep }> {
  const a = await ctx.app.producing!.produce(req, held, document, name);
  const step: ProducedStep = {
    operation: req.operation,
    format: req.format,
    ...(req.to ? { to: req.to } : {}),
    from: held.level,
    input: held.ref,
    stdout: ctx.evidence.put("stdout", a.run.stdout, "txt"),
    stderr: ctx.evidence.put("stderr", a.run.stderr, "txt"),
    archiveTimestampsBefore: archiveTimestampCount(held.bytes, req.format),
  };
  if (!a.output?.length || a.run.exitCode !== 0) {
    step.ended = describeRun(a.run);
    if (!a.output?.length) return { step };
  }
  const ref = ctx.evidence.put("signature", a.output!, a.outputExt);
  const live = await validate(ctx, name, a.output!, document, true, now);
  step.output = ref;
  step.validation = live.summary;
  step.report = ctx.evidence.put("validation-report", JSON.stringify(live.result, null, 2), "json");
  const seen = live.result.signatures[0]?.inspection;
  if (seen) {
    const { certificateValues, revocationValues, certificateRefs, revocationRefs } = seen;
    step.embedded = { certificateValues, revocationValues, certificateRefs, revocationRefs };
  }
  step.archiveTimestampsAfter = archiveTimestampCount(a.output!, req.format);
  if (offline) step.offline = (await validate(ctx, `${name}-offline`, a.output!, document, false, now)).summary;
  ctx.progress(
    `  ${name}: ${live.summary.indication} ${live.summary.level}${step.offline ? ` (own data: ${step.offline.indication})` : ""}`,
  );
  return { held: { bytes: a.output!, ext: a.outputExt, level: live.summary.level, ref }, step };
}

const longTerm = (l?: string) => l === "X-L" || l === "A" || l === "B-LT" || l === "B-LTA";

export async function upgradeSession(ctx: SessionContext): Promise<ProduceSessionEvidence> {
  const ops = ctx.app.producing?.operations().filter((o) => o.operation === "upgrade") ?? [];
  const steps: ProducedStep[] = [];
  const formats = [...new Set(ops.map((o) => o.format))];
  for (const [i, format] of formats.entries()) {
    const document = documentFor(300 + i);
    const base = await baseSignature(ctx, format, document, `upgrade-${format}-base`);
    steps.push(base.step);
    let held = base.held;
    for (const req of ops.filter((o) => o.format === format).sort((a, b) => order(a.to) - order(b.to))) {
      if (!held) break;
      const r = await produceStep(ctx, req, held, document, `upgrade-${format}-${req.to}`, longTerm(req.to));
      steps.push(r.step);
      held = r.held ?? held;
    }
  }
  return { offered: ops, steps };
}

export async function addSignaturesSession(ctx: SessionContext): Promise<ProduceSessionEvidence> {
  const ops =
    ctx.app.producing?.operations().filter((o) => o.operation === "cosign" || o.operation === "countersign") ?? [];
  const steps: ProducedStep[] = [];
  for (const [i, req] of ops.entries()) {
    const document = documentFor(400 + i);
    // the lowest level: a profile policy (P2's grace period) would leave the first signature not yet provable
    const base = await baseSignature(ctx, req.format, document, `${req.operation}-${req.format}-base`);
    steps.push(base.step);
    if (!base.held) continue;
    steps.push((await produceStep(ctx, req, base.held, document, `${req.operation}-${req.format}`, false)).step);
  }
  return { offered: ops, steps };
}

export async function archiveRenewalSession(ctx: SessionContext): Promise<ProduceSessionEvidence> {
  const all = ctx.app.producing?.operations() ?? [];
  const ops = all.filter((o) => o.operation === "archive");
  const steps: ProducedStep[] = [];
  for (const [i, req] of ops.entries()) {
    const document = documentFor(500 + i);
    const toA = all.find(
      (o) => o.operation === "upgrade" && o.format === req.format && (o.to === "A" || o.to === "B-LTA"),
    );
    const base = await baseSignature(ctx, req.format, document, `archive-${req.format}-base`);
    steps.push(base.step);
    let held = base.held;
    if (held && toA) {
      const r = await produceStep(ctx, toA, held, document, `archive-${req.format}-to-${toA.to}`, true);
      steps.push(r.step);
      held = r.held;
    }
    if (!held) continue;
    steps.push((await produceStep(ctx, req, held, document, `archive-${req.format}-renewed`, true)).step);
  }
  return { offered: ops, steps };
}
