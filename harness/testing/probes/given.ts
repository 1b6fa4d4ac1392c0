// Canned evidence for table-driven probe tests: real files where a probe reads files (signatures made by real
// tools, validated by uyum's validator as a session would), and traces written event by event. What a session
// would store, without an application.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadChecklist } from "../../checklist/load.ts";
import { validateBytes, parseCert, pemOrDer } from "../../ades/index.ts";
import type { TraceEvent } from "../../card/trace.ts";
import type { AppProfile } from "../../profile/types.ts";
import type { SessionEvidence, SessionId } from "../../sessions/catalogue.ts";
import type { EvidenceKind, EvidenceRef, SignedOutput, TraceEvidence } from "../../sessions/evidence.ts";
import { applyProbe } from "../../probes/judge.ts";
import type { Judgement, Probe } from "../../probes/kit.ts";

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** The reference a campaign store would give these bytes. */
export function refOf(kind: EvidenceKind, bytes: Uint8Array | string, ext: string): EvidenceRef {
  const h = sha256(bytes);
  return { kind, path: `evidence/${h}.${ext}`, sha256: h };
}

/** A trace from call descriptions; `seq` numbers them as the interposer's file positions would. */
export function traceOf(calls: Partial<TraceEvent>[]): TraceEvidence {
  const events = calls.map((c, seq): TraceEvent => ({
    t: new Date(Date.UTC(2026, 0, 1, 10, 0, seq)).toISOString(),
    pid: 1,
    rv: "CKR_OK",
    fn: "?",
    ...c,
    seq,
  }));
  return { ref: refOf("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events };
}

/** The calls of one signature as a careful application makes them: open, login (PIN), sign, logout, close. */
export function signWithLogin(): Partial<TraceEvent>[] {
  return [
    { fn: "C_OpenSession", session: 1 },
    { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 1 },
    { fn: "C_SignInit", session: 1, mech: "CKM_SHA256_RSA_PKCS" },
    { fn: "C_Sign", session: 1, in_len: 51, out_len: 256 },
    { fn: "C_Logout", session: 1 },
    { fn: "C_CloseSession", session: 1 },
  ];
}

/** A signature under the login already open (no new C_Login). */
export function signUnderOpenLogin(): Partial<TraceEvent>[] {
  return [
    { fn: "C_SignInit", session: 1, mech: "CKM_SHA256_RSA_PKCS" },
    { fn: "C_Sign", session: 1, in_len: 51, out_len: 256 },
  ];
}

/**
 * A signature file as the sign-once session records it: the bytes, and uyum's validator's result on them
 * (validated against `rootPem` at `at`).
 */
export async function signedOutput(
  file: string,
  rootPem: string,
  requested: SignedOutput["requested"],
  at?: Date,
  detachedContent?: Uint8Array,
): Promise<SignedOutput> {
  const bytes = new Uint8Array(readFileSync(file));
  const validation = await validateBytes(file, bytes, {
    anchors: pemOrDer(new TextEncoder().encode(rootPem)).map(parseCert),
    at,
    detachedContent,
  });
  return {
    requested,
    signature: refOf("signature", bytes, "sig"),
    validation,
    report: refOf("validation-report", JSON.stringify(validation), "json"),
  };
}

/** A profile as loadProfile would return it, with the capabilities a case needs. */
export function profileWith(capabilities: AppProfile["capabilities"] = {}): AppProfile {
  return {
    app: { name: "deneme", version: "1" },
    assesses: ["creation"],
    capabilities,
    file: "deneme.yaml",
  };
}

let checklist: ReturnType<typeof loadChecklist> | undefined;

/** Judges `probe` as the campaign would (missing sessions and throws handled), for the item `itemId`. */
export function judge(
  itemId: string,
  probe: Probe,
  evidence: Partial<SessionEvidence>,
  profile: AppProfile = profileWith(),
): Judgement | { verdict: "not-assessed"; reason: { tr: string; en: string } } {
  checklist ??= loadChecklist();
  const item = checklist.byId.get(itemId);
  if (!item) throw new Error(`no checklist item ${itemId}`);
  const outcome = applyProbe(
    { item, file: `(test of ${itemId})`, probe },
    evidence,
    profile,
    refOf("profile", JSON.stringify(profile), "yaml"),
  );
  return outcome.status === "judged" ? outcome.judgement : { verdict: "not-assessed", reason: outcome.reason };
}

export type { SessionId };
