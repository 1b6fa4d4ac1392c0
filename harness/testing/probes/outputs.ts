// Signing outputs as sign-once records them, for probes that read only what was asked and what came out (never
// the validation): a stored signature per kind, and a kind that wrote nothing.
import type { FailedSigning, SignedOutput } from "../../sessions/evidence.ts";
import { refOf } from "./given.ts";

export const output = (format: string, level: string): SignedOutput => ({
  requested: { format, level },
  signature: refOf("signature", `${format} ${level}`, "sig"),
  validation: {} as SignedOutput["validation"],
  report: refOf("validation-report", `${format} ${level}`, "json"),
});
export const failure = (format: string, level: string): FailedSigning => ({
  requested: { format, level },
  ended: "web ended without signing",
  stdout: refOf("stdout", "failed", "txt"),
  stderr: refOf("stderr", `${format} failed`, "txt"),
});
