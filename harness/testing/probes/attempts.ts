// Canned provoked signings for probe tests: what sessions/attempt.ts records, without an application. A
// "signature" here is a stand-in validation result: the probes of provoked signings read whether one was written,
// never its content (the sign-once probes read real signatures; see given.ts).
import type { AppAttempt, SignedOutput } from "../../sessions/evidence.ts";
import { refOf } from "./given.ts";

export function attemptOf(o: {
  name?: string;
  said?: string;
  exitCode?: number | null;
  signed?: boolean;
  timedOut?: boolean;
}): AppAttempt {
  const name = o.name ?? "deneme";
  const said = o.said ?? "";
  const exitCode = o.exitCode === undefined ? (o.signed ? 0 : 1) : o.exitCode;
  const output: SignedOutput | undefined = o.signed
    ? {
        requested: { format: "CAdES", level: "BES" },
        signature: refOf("signature", `imza ${name}`, "p7s"),
        validation: { indication: "TOTAL-PASSED", signatures: [] } as unknown as SignedOutput["validation"],
        report: refOf("validation-report", `rapor ${name}`, "json"),
      }
    : undefined;
  return {
    name,
    requested: { format: "CAdES", level: "BES" },
    ended: o.timedOut ? "app did not finish in time and was stopped" : `app exited with ${exitCode}`,
    exitCode: o.timedOut ? null : exitCode,
    timedOut: o.timedOut ?? false,
    said,
    stdout: refOf("stdout", `${name} out`, "txt"),
    stderr: refOf("stderr", `${name} ${said}`, "txt"),
    ...(output ? { output } : {}),
  };
}
