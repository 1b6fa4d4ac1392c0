// The application's verifier (verification page, CLI `verify`, HTTP verify endpoint): uyum's validator with the
// application's trust anchor and live revocation. The flawed verifiers drop the checks their flaw ignores and
// call the rest valid, as a careless verifier does.
import { createHash } from "node:crypto";
import { parseSignedData } from "../../../harness/ades/cms.ts";
import {
  certFacts,
  signerCertOf,
  validateBytes,
  type CertFacts,
  type SignatureReport,
  type ValidationResult,
} from "../../../harness/ades/index.ts";
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
  /** the roles the signer claims (signer-attributes), shown to the verifier; not certified */
  roles?: string[];
  format: string;
  level: string;
  checks: { id: string; result: string; en: string }[];
  /** the time the signature was judged at (the reference time) */
  referenceTime: string;
  /** every signature as the page shows it, in the file's order: parallel ones at depth 0, counter-signatures below */
  signatures: ShownSignature[];
  /** the signed document, as far as the verifier can show it */
  content?: { sha256: string; text?: string; type: string };
}

/** What the verification page shows of one signature (control list 13.1.2, 13.1.3, 13.1.4-2, 15-6). */
export interface ShownSignature {
  /** 1-based, in the order listed; `counterSignatureOf` names the signature it countersigns */
  number: number;
  counterSignatureOf?: number;
  indication: string;
  subIndication?: string;
  cert?: CertFacts;
  signingTime?: string;
  level: string;
  policy?: string;
  contentHints?: string;
  signedAttributes: string[];
  timestamps: { kind: string; genTime?: string; tsa?: string; ok: boolean }[];
  /** what the revocation check said and the revocation values the signature carries */
  revocation?: { tr: string; en: string };
  revocationValues?: { crls: number; ocsp: number };
}

/** The signatures depth first, each with the number of the one it countersigns. */
function shown(ss: SignatureReport[], parent?: number, out: ShownSignature[] = []): ShownSignature[] {
  for (const s of ss) {
    const cert = signerCertOf(s);
    const rev = s.checks.find((c) => c.id === "revocation");
    const me: ShownSignature = {
      number: out.length + 1,
      ...(parent !== undefined ? { counterSignatureOf: parent } : {}),
      indication: s.indication,
      ...(s.subIndication ? { subIndication: s.subIndication } : {}),
      ...(cert ? { cert: certFacts(cert) } : {}),
      ...(s.signingTime ? { signingTime: s.signingTime } : {}),
      level: s.level,
      ...(s.inspection?.policy && !s.inspection.policy.implied ? { policy: s.inspection.policy.oid } : {}),
      ...(s.inspection?.contentHints ? { contentHints: s.inspection.contentHints } : {}),
      signedAttributes: s.inspection?.signedAttributes ?? [],
      timestamps: s.timestamps,
      ...(rev ? { revocation: { tr: rev.reason.tr, en: rev.reason.en } } : {}),
      ...(s.inspection?.revocationValues ? { revocationValues: s.inspection.revocationValues } : {}),
    };
    out.push(me);
    shown(s.counterSignatures ?? [], me.number, out);
  }
  return out;
}

/** The bytes that were signed, where the verifier has them: the detached document, a CAdES's own content, the
 *  XAdES document itself; a PDF is shown by the user's PDF reader, not here. */
function signedContent(bytes: Uint8Array, format: string, detached?: Uint8Array): Verdict["content"] {
  let c: Uint8Array | undefined = detached;
  if (!c && format === "CAdES")
    try {
      c = parseSignedData(bytes).eContent;
    } catch {
      c = undefined;
    }
  if (!c && format === "XAdES") c = bytes;
  if (!c) return undefined;
  const sha256 = createHash("sha256").update(c).digest("hex");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(c);
  const printable = !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);
  const type = text.trimStart().startsWith("<")
    ? "application/xml"
    : printable
      ? "text/plain"
      : "application/octet-stream";
  return { sha256, type, ...(printable ? { text: text.length > 20_000 ? `${text.slice(0, 20_000)}…` : text } : {}) };
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
  const content = signedContent(bytes, r.format, o.detached);
  // flaw signer-role-hidden: the claimed role is read but never shown
  const roles = o.flaw === "signer-role-hidden" ? undefined : r.signatures[0]?.inspection?.claimedRoles;
  return {
    verdict,
    reason: verdict === "valid" ? undefined : first?.reason,
    signer: r.signer?.subject,
    signers: everySignature(r.signatures).map((s) => ({ subject: s.signer?.subject, indication: s.indication })),
    signingTime: r.signatures[0]?.signingTime,
    ...(roles?.length ? { roles } : {}),
    format: r.format,
    level: r.level,
    checks: all.map((c) => ({ id: c.id, result: ignoredBy(o.flaw, c) ? "not checked" : c.result, en: c.reason.en })),
    referenceTime: at.toISOString(),
    signatures: shown(r.signatures),
    ...(content ? { content } : {}),
  };
}
