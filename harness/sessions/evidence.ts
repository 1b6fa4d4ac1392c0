// What sessions record, as probes read it. A session drives the application once and stores raw evidence in
// the campaign store (content-addressed files); every piece a probe may cite carries an EvidenceRef, so a
// report line points into the evidence: the file, its SHA-256 and where inside it to look.
import type { ValidationResult } from "../ades/report.ts";
import type { TraceEvent } from "../card/trace.ts";

/** The kinds of evidence a campaign stores (assessment.md §2). */
export const EVIDENCE_KINDS = [
  "screenshot",
  "dom-text",
  "pkcs11-trace",
  "signature",
  "document",
  "validation-report",
  "http-exchange",
  "stdout",
  "stderr",
  "profile",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceRef {
  kind: EvidenceKind;
  /** Path inside the campaign directory, e.g. `evidence/<sha256>.p7s`. */
  path: string;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  /** Where inside the file: trace sequence numbers (`seq 12-15`), a DOM selector, a vector id, a check id. */
  locator?: string;
}

/** A reference to the same file, pointing at one place in it. */
export function at(ref: EvidenceRef, locator: string): EvidenceRef {
  return { ...ref, locator };
}

/** The card's PKCS#11 trace over one session (never holds a PIN: the interposer does not record one). */
export interface TraceEvidence {
  ref: EvidenceRef;
  events: TraceEvent[];
}

/** One signature the application wrote, and what uyum's validator says of it (run when the session recorded it). */
export interface SignedOutput {
  /** What the session asked for (format and level as the profile names them). */
  requested: { format: string; level?: string };
  signature: EvidenceRef;
  /** The ETSI-style validation result of uyum's validator (harness/ades), stored as evidence too. */
  validation: ValidationResult;
  report: EvidenceRef;
  /** SHA-256 of the document the session gave the application to sign */
  documentSha256?: string;
  /** the verdict is not final yet: its profile's grace period after the signing time has not passed (P2/P3's
   *  24 h), so INDETERMINATE/TRY_LATER is the right answer at signing time, not a fault of the signature */
  awaiting?: { check: "grace-period"; reason: { tr: string; en: string } };
}

/** A signature asked for that never came: how the application ended, and its output streams as evidence. */
export interface FailedSigning {
  requested: { format: string; level?: string };
  /** "openssl exited with 3", "… did not finish in time and was stopped", "could not run …" */
  ended: string;
  stdout: EvidenceRef;
  stderr: EvidenceRef;
}

/** One provoked signing (wrong PIN, card pulled, bad document, refused certificate, services down): how the
 * run ended, what the application said, and any signature it wrote, validated (sessions/attempt.ts). */
export interface AppAttempt {
  name: string;
  requested: { format: string; level?: string };
  /** "ornek-imzaci exited with 3", "… did not finish in time and was stopped" */
  ended: string;
  exitCode: number | null;
  timedOut: boolean;
  /** what the application said: stderr then stdout, trimmed (at most 2000 characters), the PIN masked */
  said: string;
  stdout: EvidenceRef;
  stderr: EvidenceRef;
  /** a signature it wrote, validated by uyum (present even when it also said it failed) */
  output?: SignedOutput;
  /** it printed the card's PIN (masked in what is stored) */
  pinShown?: boolean;
  /** the warnings about the document its window showed before signing, as the page object read them (web face) */
  screenWarnings?: string[];
}
