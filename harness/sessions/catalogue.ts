// Every session a probe may read: its id, what it makes the application do (tr/en), and the shape of the
// evidence it records. A session runs once per campaign, however many probes read it; sessions are the only
// code that drives an application (through harness/drivers). The probe registry refuses a probe that reads a
// session not listed here.
import type { Text } from "../core/text.ts";
import type { Indication, SubIndication } from "../ades/verdict.ts";
import type { AppVerdict } from "../drivers/face.ts";
import type { EvidenceRef, FailedSigning, SignedOutput, TraceEvidence } from "./evidence.ts";

/** sign-once: one signature per format/level the profile declares, PIN typed once, the trace of it all. */
export interface SignOnceEvidence {
  outputs: SignedOutput[];
  /** Kinds asked for that produced no signature: what the application did instead. */
  failures?: FailedSigning[];
  trace: TraceEvidence;
}

/** sign-several: several documents signed in a row, as a user would, to see how often the card asks for the PIN. */
export interface SignSeveralEvidence {
  /** How many signatures the session asked the application for. */
  requested: number;
  outputs: SignedOutput[];
  failures?: FailedSigning[];
  trace: TraceEvidence;
}

/** One vector given to the application's verifier: what a correct verifier says, what the app said, what uyum says. */
export interface VerifierRow {
  /** the vector's id in the manifest of the campaign's vector set */
  vector: string;
  /** KAMU SM scenario number as they write it ("5", "16_1", "39_s", "P4_4") or uyum's class; see `kamusm` */
  scenario: string;
  kamusm: boolean;
  tags: string[];
  format: string;
  packaging: string;
  level: string;
  profile: string;
  validationTime: string;
  expected: { indication: Indication; subIndication?: SubIndication };
  /** the application's verdict as the driver (and the profile's mapping) read it, and its own words */
  app: { verdict: AppVerdict; text: string; ended?: string };
  /** uyum's validator on the same vector at the same time, and the catalogue check ids that did not pass */
  uyum: { indication: Indication; subIndication?: SubIndication; failedChecks: string[] };
  /** where this row's own evidence is (the app's output for it) */
  ref?: EvidenceRef;
}

/** verify-vectors: every vector whose format, packaging, level and profile the application declares, given to its
 *  verifier with the PKI's services at the vector's validation time; the agreement matrix. */
export interface VerifyVectorsEvidence {
  rows: VerifierRow[];
  /** vectors not given to the application, each with why (a format or level it does not declare) */
  notDeclared: { vector: string; scenario: string; reason: Text }[];
  /** whether the driver could tell the application the validation time; if not, it verified at its own "now" */
  timeTold: boolean;
  /** the whole matrix (vector × expected × app × uyum) as stored evidence */
  matrix: EvidenceRef;
  /** why no vector could be given at all (the driver offers no verifier, none is in a declared format) */
  unavailable?: Text;
}

/** Evidence by session id: the one map that types what `given.<session>` holds in a probe. */
export interface SessionEvidence {
  "sign-once": SignOnceEvidence;
  "sign-several": SignSeveralEvidence;
  "verify-vectors": VerifyVectorsEvidence;
}

export type SessionId = keyof SessionEvidence;

export const SESSIONS: Record<SessionId, { what: Text }> = {
  "sign-once": {
    what: {
      tr: "Profilin bildirdiği her biçim ve seviye için bir belge bir kez imzalanır; erişim verisi bir kez girilir.",
      en: "A document is signed once for each format and level the profile declares; the PIN is entered once.",
    },
  },
  "sign-several": {
    what: {
      tr: "Bir kullanıcı gibi art arda birkaç belge imzalanır; kartın erişim verisini ne sıklıkla istediği izlenir.",
      en: "Several documents are signed in a row, as a user would, watching how often the card asks for the PIN.",
    },
  },
  "verify-vectors": {
    what: {
      tr: "Uygulamanın doğrulayıcısına, bildirdiği biçimlerdeki her test imzası (KAMU SM senaryoları) kendi doğrulama zamanında verilir; kararı beklenenle ve uyum'un kararıyla karşılaştırılır.",
      en: "The application's verifier is given every test signature (KAMU SM scenarios) in the formats it declares, at the vector's validation time; its verdict is compared with the expected one and with uyum's.",
    },
  },
};

export function isSessionId(id: string): id is SessionId {
  return Object.hasOwn(SESSIONS, id);
}
