// What a driver offers sessions: the application's signing face. Sessions ask it to sign and never know whether
// a command line, an HTTP API or a web page did it.
import type { SignatureFormat, SignatureLevel } from "../core/signature-forms.ts";
import type { CommandRun } from "./cli.ts";

/** What the application did when asked to sign one document. */
export interface SignAttempt {
  format: SignatureFormat;
  level: SignatureLevel;
  document: Uint8Array;
  /** the signature file it wrote, if any */
  output?: Uint8Array;
  outputExt: string;
  run: CommandRun;
}

/** The application's signing face, as the profile's driver offers it. */
export interface SigningFace {
  /** the kinds of signature it makes (format, level), in the profile's order */
  kinds(): { format: SignatureFormat; level: SignatureLevel }[];
  sign(
    kind: { format: SignatureFormat; level: SignatureLevel },
    document: Uint8Array,
    name: string,
  ): Promise<SignAttempt>;
}
