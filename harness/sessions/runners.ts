// Every session's runner, by id: the campaign runs the ones the applicable probes use, each once.
import type { SessionEvidence, SessionId } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { signOnce, signSeveral } from "./sign-sessions.ts";
import { wrongPinOnce } from "./wrong-pin-once.ts";
import { wrongPinUntilLocked } from "./wrong-pin-until-locked.ts";
import { cardRemoved } from "./card-removed.ts";
import { badDocuments } from "./bad-documents.ts";
import { signingSide } from "./signing-side.ts";
import { servicesDown } from "./services-down.ts";

export const SESSION_RUNNERS: { [K in SessionId]: (ctx: SessionContext) => Promise<SessionEvidence[K]> } = {
  "sign-once": signOnce,
  "sign-several": signSeveral,
  "wrong-pin-once": wrongPinOnce,
  "wrong-pin-until-locked": wrongPinUntilLocked,
  "card-removed": cardRemoved,
  "bad-documents": badDocuments,
  "signing-side": signingSide,
  "services-down": servicesDown,
  "verify-vectors": () => Promise.reject(new Error("the verify-vectors session is not built yet")),
};
