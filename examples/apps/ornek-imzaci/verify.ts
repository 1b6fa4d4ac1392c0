// The application's verifier (verification page, CLI `verify`, HTTP verify endpoint): uyum's validator with the
// application's trust anchor and live revocation. The flawed verifiers drop the checks their flaw ignores and
// call the rest valid, as a careless verifier does.
import { validateBytes, type ValidationResult } from "../../../harness/ades/index.ts";
import type { ValidationCheck } from "../../../harness/ades/verdict.ts";
import type { FlawId } from "./flaws.ts";
import type { AppPki } from "./pki-context.ts";

export interface Verdict {
  verdict: "valid" | "invalid" | "indeterminate";
  /** why not valid (tr / en), from the first check that did not pass */
  reason?: { tr: string; en: string };
  signer?: string;
  /** every signature of the file (parallel and counter-signatures too): its signer and uyum's indication */
  signers: { subject?: string; indication: string }[];
  signingTime?: string;
  format: string;
  level: string;
  checks: { id: string; result: string; en: string }[];
}

/** The file's signatures and, after each, its counter-signatures (serial signatures), depth first. */
function everySignature(ss: ValidationResult["signatures"]): ValidationResult["signatures"] {
  return ss.flatMap((s) => [s, ...everySignature(s.counterSignatures ?? [])]);
}

/** Checks a flawed verifier does not look at. */
function ignoredBy(flaw: FlawId | undefined, c: ValidationCheck): boolean {
  const sub = c.subIndication ?? "";
  if (flaw === "verify-revoked-valid") return c.id === "revocation" || /REVOKED/.test(sub);
  if (flaw === "verify-ignores-digest") return sub === "HASH_FAILURE" || /digest/.test(c.id);
  if (flaw === "verify-ignores-expiry") return sub === "EXPIRED" || /OUT_OF_BOUNDS/.test(sub);
  if (flaw === "verify-untrusted-root") return sub === "NO_CERTIFICATE_CHAIN_FOUND";
  // no answer from the CRL/OCSP services (or only a stale one) taken as "not revoked"
  if (flaw === "verify-valid-without-revocation") return /^revocation/.test(c.id) && sub === "TRY_LATER";
  if (flaw === "verify-skips-grace-period") return c.id === "grace-period";
  if (flaw === "verify-ignores-policy-hash") return c.id === "profile-policy-hash";
  return false;
}

export async function verifySignature(
  bytes: Uint8Array,
  o: {
    pki: AppPki;
    detached?: Uint8Array;
    flaw?: FlawId;
    name?: string;
    /** validate at this instant (revocation still fetched live); else at the PKI's "now" */
    at?: Date;
    /** trust these roots instead of the configured one */
    anchors?: AppPki["anchors"];
  },
): Promise<Verdict> {
  const at = o.at ?? (await o.pki.now());
  let r: ValidationResult;
  try {
    r = await validateBytes(o.name ?? "imza", bytes, {
      anchors: o.anchors ?? o.pki.anchors,
      extraCerts: o.pki.intermediates,
      at,
      detachedContent: o.detached,
      fetch: true,
      fetchTimeoutMs: 10_000,
    });
  } catch (err) {
    // a bug of the validator is the application's, never a verdict on the user's file
    throw new Error(`internal error while verifying: ${(err as Error).message}`);
  }
  const all = [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
  const left = all.filter((c) => c.result !== "passed" && c.result !== "skipped" && !ignoredBy(o.flaw, c));
  const verdict: Verdict["verdict"] =
    r.indication === "TOTAL-PASSED" || left.length === 0
      ? "valid"
      : left.some((c) => c.result === "failed")
        ? "invalid"
        : "indeterminate";
  const first = left.find((c) => c.result === "failed") ?? left[0];
  return {
    verdict,
    reason: verdict === "valid" ? undefined : first?.reason,
    signer: r.signer?.subject,
    signers: everySignature(r.signatures).map((s) => ({ subject: s.signer?.subject, indication: s.indication })),
    signingTime: r.signatures[0]?.signingTime,
    format: r.format,
    level: r.level,
    checks: all.map((c) => ({ id: c.id, result: ignoredBy(o.flaw, c) ? "not checked" : c.result, en: c.reason.en })),
  };
}
