// Questions several probes ask of the signatures a session recorded, kept in one place so each probe file reads
// as its rule only. Pure functions over recorded evidence.
import type { SignatureReport } from "../ades/report.ts";
import type { ValidationCheck } from "../ades/verdict.ts";
import type { EvidenceRef, FailedSigning, SignedOutput } from "../sessions/evidence.ts";
import { at } from "../sessions/evidence.ts";

/** Every signature of every output (counter-signatures aside), with the output it came from. */
export function signaturesOf(outputs: SignedOutput[]): { output: SignedOutput; signature: SignatureReport }[] {
  return outputs.flatMap((output) => output.validation.signatures.map((signature) => ({ output, signature })));
}

/** Outputs uyum's validator could not read as a signature at all: unsupported, never judged as the app's fault. */
export function unreadable(outputs: SignedOutput[]): SignedOutput[] {
  return outputs.filter((o) => o.validation.format === "unknown" || o.validation.signatures.length === 0);
}

/** A named validation check of one signature (the check ids of harness/ades), if the validator ran it. */
export function check(signature: SignatureReport, id: string): ValidationCheck | undefined {
  return signature.checks.find((c) => c.id === id);
}

/** The validation report of an output, pointing at one check of one signature. */
export function reportAt(output: SignedOutput, signature: SignatureReport, checkId: string): EvidenceRef {
  return at(output.report, `${signature.id} ${checkId}`);
}

/** "the CAdES file a1b2c3… (requested cades-bes)" — how a reason names one output. */
export function describe(output: SignedOutput): { tr: string; en: string } {
  const what = `${output.requested.format}${output.requested.level ? ` ${output.requested.level}` : ""}`;
  const short = output.signature.sha256.slice(0, 12);
  return { tr: `${what} çıktısı (${short}…)`, en: `the ${what} output (${short}…)` };
}

/** "the CAdES BES output: openssl exited with 3" for each kind that produced nothing, and their stderr refs. */
export function failuresOf(failures: FailedSigning[] | undefined): { tr: string; en: string; refs: EvidenceRef[] } {
  const fs = failures ?? [];
  const what = (f: FailedSigning) => `${f.requested.format}${f.requested.level ? ` ${f.requested.level}` : ""}`;
  return {
    tr: fs.map((f) => `${what(f)} istendi, imza yazılmadı (${f.ended})`).join("; "),
    en: fs.map((f) => `${what(f)} was asked for and no signature was written (${f.ended})`).join("; "),
    refs: fs.map((f) => f.stderr),
  };
}
