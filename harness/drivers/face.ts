// What a driver offers sessions: the application's signing face. Sessions ask it to sign and never know whether
// a command line, an HTTP API or a web page did it.
import type { CardInfo } from "../card/index.ts";
import type { SignatureFormat, SignatureLevel } from "../core/signature-forms.ts";
import type { CommandRun } from "./cli.ts";
import type { ScreenFace, ScreenRun } from "./web/types.ts";

/** What the application did when asked to sign one document. */
export interface SignAttempt {
  format: SignatureFormat;
  level: SignatureLevel;
  document: Uint8Array;
  /** the signature file it wrote, if any */
  output?: Uint8Array;
  outputExt: string;
  run: CommandRun;
  /** through a screen (web driver): every step's screen and the pages' exchanges */
  screen?: ScreenRun;
  /** when a key was asked for (SignOptions.key): whether the application offered a way to choose it, and how */
  keyChoice?: KeyChoice;
}

/** How the driver told the application which card key to sign with (or why it could not). */
export interface KeyChoice {
  /** the label of the key asked for */
  key: string;
  offered: boolean;
  /** the template's placeholder, the window's list, … or why there was none */
  how: string;
  /** the driver could not tell the application (a page object that cannot choose a key): proves nothing */
  driverLimit?: true;
}

/** How one signing differs from the plain case: what the sessions that provoke the application ask for. */
export interface SignOptions {
  /** "wrong": the driver hands a wrong PIN (made by the driver, never derived from the real one) */
  pin?: "wrong";
  /** the label of the card key (and certificate) to sign with; default the card's first key */
  key?: string;
  /** the document's file extension (pdf, xml, docx…), so the application can tell its type; default txt */
  ext?: string;
}

/** The application's signing face, as the profile's driver offers it. */
export interface SigningFace {
  /** the kinds of signature it makes (format, level), in the profile's order */
  kinds(): { format: SignatureFormat; level: SignatureLevel }[];
  sign(
    kind: { format: SignatureFormat; level: SignatureLevel },
    document: Uint8Array,
    name: string,
    o?: SignOptions,
  ): Promise<SignAttempt>;
}

/** The application's verdict on one signature, as the driver maps what it said (exit code, text, page). */
export type AppVerdict = "valid" | "invalid" | "indeterminate" | "no-answer";

/** What the application said when asked to verify one signature. */
export interface VerifyAttempt {
  verdict: AppVerdict;
  /** its own words (stdout, the page's text, the response body), trimmed; what the verdict was mapped from */
  text: string;
  /** how the run ended, when it did not answer ("… exited with 7", "… did not finish in time") */
  ended?: string;
  run?: CommandRun;
}

/** The application's verifying face, as the profile's driver offers it. */
export interface VerifyingFace {
  /** true when the driver can tell the application the validation time ({at}); else it verifies at its "now" */
  tellsTime: boolean;
  /** a slow face (a browser page) verifies at most this many vectors in one campaign: verify-vectors gives it none
   *  when the campaign needs more, saying why; absent: no limit */
  upTo?: number;
  verify(
    signature: { bytes: Uint8Array; ext: string },
    o: {
      detached?: Uint8Array;
      at: Date;
      name: string;
      /** the PKI the signature was made under, when not the campaign's (a vector set's): its directory (as
       *  `uyum pki init` writes it), its services' base URL, and the roots to trust (PEM) */
      pki?: { dir: string; baseUrl: string; anchorsPem: string };
    },
  ): Promise<VerifyAttempt>;
}

/** What the application is asked to do with a signature it made: take it to a higher level, add a parallel or a
 *  serial signer, or renew its archive time-stamp. */
export type ProduceOperation = "upgrade" | "cosign" | "countersign" | "archive";
export interface ProduceRequest {
  operation: ProduceOperation;
  format: SignatureFormat;
  /** upgrade: the level asked for */
  to?: SignatureLevel;
}
export interface ProduceAttempt extends ProduceRequest {
  /** the file it wrote, if any */
  output?: Uint8Array;
  outputExt: string;
  run: CommandRun;
}

/** The application's face for work on existing signatures (upgrade, add signatures, archive). */
export interface ProducingFace {
  /** what the profile says it can do, in the profile's order */
  operations(): ProduceRequest[];
  produce(
    request: ProduceRequest,
    signature: { bytes: Uint8Array; ext: string },
    document: Uint8Array,
    name: string,
  ): Promise<ProduceAttempt>;
}

/** The application's way to change the card's PIN (the user's own access data): old PIN, then the new one. */
export interface PinChangeFace {
  /** how the driver asks for it (the profile's template), in words */
  how: string;
  /** changes the card's PIN from the driver's PIN to `newPin`; both reach the application off the command line */
  change(newPin: string, name: string): Promise<CommandRun>;
}

/** Everything the profile's driver lets uyum do with the application; a face it lacks is absent. */
export interface ApplicationFaces {
  driver: "cli" | "web" | "agent" | "http";
  /** the application serves one signing at a time (an agent with one window): a session that wants several at
   *  once opens another instance of it (DriverEnv, SessionContext.openWith) rather than queue them */
  oneAtATime?: true;
  signing?: SigningFace;
  verifying?: VerifyingFace;
  /** upgrade, add signatures, archive (cli: driver.settings.upgrade / cosign / countersign / archive) */
  producing?: ProducingFace;
  /** changing the card's PIN (cli: driver.settings.changePin) */
  pinChange?: PinChangeFace;
  /** what only a screen shows: the web driver's page and agent window */
  screen?: ScreenFace;
  /** stops what the driver started (the application, the browser) */
  close?(): Promise<void>;
}

/** What every driver is given: the card (interposed module), its PIN, the campaign PKI and a work directory. */
export interface DriverEnv {
  card: CardInfo;
  pin: string;
  /** the campaign PKI directory (as `uyum pki init` writes it) and its services' base URL */
  pkiDir: string;
  pkiBaseUrl: string;
  rootPem: string;
  workDir: string;
}
