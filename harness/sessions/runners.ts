// Every session's runner, by id: the campaign runs the ones the applicable probes use, each once.
import type { SessionEvidence, SessionId } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { agentExposure, cancelAtWarning, idleTimeout, windowReview } from "./screen-sessions.ts";
import { signOnce, signSeveral } from "./sign-sessions.ts";
import { addSignaturesSession, archiveRenewalSession, upgradeSession } from "./produce-sessions.ts";

export const SESSION_RUNNERS: { [K in SessionId]: (ctx: SessionContext) => Promise<SessionEvidence[K]> } = {
  "sign-once": signOnce,
  "sign-several": signSeveral,
  "verify-vectors": () => Promise.reject(new Error("the verify-vectors session is not built yet")),
  "window-review": windowReview,
  "cancel-at-warning": cancelAtWarning,
  "idle-timeout": idleTimeout,
  "agent-exposure": agentExposure,
  upgrade: upgradeSession,
  "add-signatures": addSignaturesSession,
  "archive-renewal": archiveRenewalSession,
};
