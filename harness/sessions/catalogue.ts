// Every session a probe may read: its id, what it makes the application do (tr/en), and the shape of the
// evidence it records. A session runs once per campaign, however many probes read it; sessions are the only
// code that drives an application (through harness/drivers). The probe registry refuses a probe that reads a
// session not listed here.
import type { Text } from "../core/text.ts";
import type { FailedSigning, SignedOutput, TraceEvidence } from "./evidence.ts";

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

/** Evidence by session id: the one map that types what `given.<session>` holds in a probe. */
export interface SessionEvidence {
  "sign-once": SignOnceEvidence;
  "sign-several": SignSeveralEvidence;
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
};

export function isSessionId(id: string): id is SessionId {
  return Object.hasOwn(SESSIONS, id);
}
