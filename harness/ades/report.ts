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

export interface ValidationResult {
  file: string;
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
  const res: ValidationResult = {
    file,
    format,
    level: first?.level ?? "none",
    profile: first?.profile ?? "none",
    signer: first?.signer,
    indication: v.indication,
    subIndication: v.subIndication,
    checks: [...fileChecks, ...((worst ?? first)?.checks ?? [])],
    signatures: reports,
    documentType,
    validationTime: at.toISOString(),
  };
  if (res.indication === "TOTAL-PASSED") delete res.subIndication;
  return res;
}

export function formatFailure(file: string, format: Format | "unknown", message: string, at: Date): ValidationResult {
  return {
    file,
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
