// The shapes of validation results, and how a file's signature reports combine into the file's result.
import { verdictOf } from "./checks.ts";
import type { DocumentType } from "./document.ts";
import type { Format, Level, Profile } from "./model.ts";
import type { Indication, SubIndication, ValidationCheck } from "./verdict.ts";

export interface SignatureReport {
  id: string;
  format: Format;
  level: Level;
  profile: Profile;
  signer?: { subject: string; issuer: string; serial: string };
  signingTime?: string;
  bestSignatureTime?: string;
  indication: Indication;
  subIndication?: SubIndication;
  checks: ValidationCheck[];
  timestamps: { kind: string; genTime?: string; tsa?: string; ok: boolean }[];
  counterSignatures: SignatureReport[];
  /** What the signature carries (inspection), independent of the verdict. */
  inspection?: Inspection;
}

export interface Inspection {
  signedAttributes?: string[];
  unsignedAttributes?: string[];
  digestAlgorithm?: string;
  signatureAlgorithmHash?: string;
  signingCertificateAttribute?: string;
  policy?: { oid: string; implied?: boolean; hashAlgorithm?: string };
  contentHints?: string;
  /** SHA-256 of the data object signed (CAdES content, XAdES decoded data object, PAdES byte ranges' file prefix) */
  signedContentSha256?: string;
  /** Roles the signer claims (CAdES signer-attributes), as text: shown, not verified (no attribute certificate). */
  claimedRoles?: string[];
  certificates: number;
  certificateValues?: number;
  revocationValues?: { crls: number; ocsp: number };
  certificateRefs?: number;
  revocationRefs?: number;
  timestamps: string[];
  counterSignatures: number;
  /** How the reader understood the signature: how references were resolved, format versions, what it left out. */
  notes?: string[];
}

/**
 * What kind of answer a result is: a verdict on the file (EN 319 102-1 indication), a statement that uyum does not
 * support the file's format or construct (never a claim that the signature is broken), or uyum's own internal
 * error (a bug in uyum, never a property of the file). Only "verdict" results say anything about the signature.
 */
export type Outcome = "verdict" | "unsupported" | "internal-error";

export interface ValidationResult {
  file: string;
  outcome: Outcome;
  format: Format | "unknown";
  level: Level;
  profile: Profile;
  signer?: { subject: string; issuer: string; serial: string };
  indication: Indication;
  subIndication?: SubIndication;
  checks: ValidationCheck[];
  signatures: SignatureReport[];
  /** The signed document's type as sniffed from its bytes, when we saw them. */
  documentType?: DocumentType;
  validationTime: string;
}

/**
 * How the reason of a check uyum could not make begins, for readers of the text; programs read the check's
 * `notAssessed` flag (verdict.ts), never this prefix.
 */
export const NOT_ASSESSED = "not assessed: ";

/** Combine signature reports into the file's result (worst verdict wins; first signature names the file). */
export function combine(
  file: string,
  format: Format,
  reports: SignatureReport[],
  at: Date,
  documentType?: DocumentType,
  fileChecks: ValidationCheck[] = [],
): ValidationResult {
  const worst =
    reports.find((r) => r.indication === "TOTAL-FAILED") ?? reports.find((r) => r.indication === "INDETERMINATE");
  const fileVerdict = verdictOf(fileChecks);
  const first = reports[0];
  const v =
    fileVerdict.indication === "TOTAL-FAILED"
      ? fileVerdict
      : worst
        ? { indication: worst.indication, subIndication: worst.subIndication }
        : fileVerdict;
  // Every signature stopped at a construct uyum does not support (its signed data "not assessed"): the file's
  // result is unsupported, not a verdict, although each signature says which construct it was.
  const allUnsupported =
    reports.length > 0 &&
    fileVerdict.indication !== "TOTAL-FAILED" &&
    reports.every((r) => r.checks.some((c) => c.result === "indeterminate" && c.notAssessed));
  const res: ValidationResult = {
    file,
    outcome: allUnsupported ? "unsupported" : "verdict",
    format,
    level: first?.level ?? "none",
    profile: first?.profile ?? "none",
    signer: first?.signer,
    indication: v.indication,
    subIndication: allUnsupported ? undefined : v.subIndication,
    checks: [...fileChecks, ...((worst ?? first)?.checks ?? [])],
    signatures: reports,
    documentType,
    validationTime: at.toISOString(),
  };
  if (res.indication === "TOTAL-PASSED" || allUnsupported) delete res.subIndication;
  return res;
}

export function formatFailure(file: string, format: Format | "unknown", message: string, at: Date): ValidationResult {
  return {
    file,
    outcome: "verdict",
    format,
    level: "none",
    profile: "none",
    indication: "TOTAL-FAILED",
    subIndication: "FORMAT_FAILURE",
    checks: [
      {
        id: "format",
        result: "failed",
        subIndication: "FORMAT_FAILURE",
        reason: { en: message, tr: `biçim hatası: ${message}` },
      },
    ],
    signatures: [],
    validationTime: at.toISOString(),
  };
}

/**
 * The file is in a format, or uses a construct, that uyum does not support: INDETERMINATE with the "unsupported"
 * check and no sub-indication, so no reader takes it for a broken signature.
 */
export function unsupported(
  file: string,
  format: Format | "unknown",
  what: { en: string; tr: string },
  at: Date,
): ValidationResult {
  return {
    file,
    outcome: "unsupported",
    format,
    level: "none",
    profile: "none",
    indication: "INDETERMINATE",
    checks: [
      {
        id: "unsupported",
        result: "indeterminate",
        reason: {
          en: `unsupported by uyum (not a judgement of the signature): ${what.en}`,
          tr: `uyum bunu desteklemiyor (imza hakkında bir hüküm değildir): ${what.tr}`,
        },
      },
    ],
    signatures: [],
    validationTime: at.toISOString(),
  };
}

/**
 * uyum failed while validating: the result says so and carries the error, and claims nothing about the file
 * (INDETERMINATE without a sub-indication; outcome "internal-error"; the CLI exits 3).
 */
export function internalError(file: string, format: Format | "unknown", e: unknown, at: Date): ValidationResult {
  const err = e instanceof Error ? e : new Error(String(e));
  const where = err.stack
    ?.split("\n")
    .find((l) => l.includes("/harness/"))
    ?.trim();
  const msg = `${err.name}: ${err.message}${where ? ` (${where.replace(/^at /, "at ")})` : ""}`;
  return {
    file,
    outcome: "internal-error",
    format,
    level: "none",
    profile: "none",
    indication: "INDETERMINATE",
    checks: [
      {
        id: "internal-error",
        result: "indeterminate",
        reason: {
          en: `uyum internal error, not a verdict on this file; please report it: ${msg}`,
          tr: `uyum iç hatası; bu dosya hakkında bir hüküm değildir, lütfen bildirin: ${msg}`,
        },
      },
    ],
    signatures: [],
    validationTime: at.toISOString(),
  };
}

/** The validate command's exit code: 3 if uyum failed on any file (its own bug), 0 if all TOTAL-PASSED, else 1. */
export function exitCodeFor(results: ValidationResult[]): 0 | 1 | 3 {
  if (results.some((r) => r.outcome === "internal-error")) return 3;
  return results.every((r) => r.outcome === "verdict" && r.indication === "TOTAL-PASSED") ? 0 : 1;
}

/** One line naming the result: the indication for a verdict, else what kind of non-verdict it is. */
export function headline(r: ValidationResult): string {
  if (r.outcome === "internal-error") return "INTERNAL ERROR (uyum's fault, not a verdict on the file)";
  if (r.outcome === "unsupported") return "UNSUPPORTED (not a verdict on the signature)";
  return `${r.indication}${r.subIndication ? ` / ${r.subIndication}` : ""}`;
}
