// Every session's runner, by id: the campaign runs the ones the applicable probes use, each once.
import type { SessionEvidence, SessionId } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import {
  agentExposure,
  cancelAtWarning,
  idleTimeout,
  windowReview,
  windowReviewXml,
  windowSignedDocument,
} from "./screen-sessions.ts";
import { signOnce, signSeveral } from "./sign-sessions.ts";
import { verifyVectors } from "./verify-vectors.ts";
import { verifyDegraded } from "./verify-degraded.ts";
import { verifyScreens } from "./verify-screens.ts";
import { wrongPinOnce } from "./wrong-pin-once.ts";
import { wrongPinUntilLocked } from "./wrong-pin-until-locked.ts";
import { cardRemoved } from "./card-removed.ts";
import { badDocuments } from "./bad-documents.ts";
import { signingSide } from "./signing-side.ts";
import { servicesDown } from "./services-down.ts";
import { severalKeys } from "./several-keys.ts";
import { pinEachAccess } from "./pin-each-access.ts";
import { multiApplication } from "./multi-application.ts";
import { changePin } from "./change-pin.ts";
import { certificateChanged } from "./certificate-changed.ts";
import { badTimestamps } from "./bad-timestamps.ts";
import { addSignaturesSession, archiveRenewalSession, upgradeSession } from "./produce-sessions.ts";
import { upgradeGrace } from "./upgrade-grace.ts";

export const SESSION_RUNNERS: { [K in SessionId]: (ctx: SessionContext) => Promise<SessionEvidence[K]> } = {
  "sign-once": signOnce,
  "sign-several": signSeveral,
  "verify-vectors": (ctx) =>
    verifyVectors(
      ctx,
      ctx.vectorSelection ? { only: ctx.vectorSelection.picks, selected: ctx.vectorSelection.selectors } : {},
    ),
  "window-review": windowReview,
  "window-review-xml": windowReviewXml,
  "window-signed-document": windowSignedDocument,
  "cancel-at-warning": cancelAtWarning,
  "idle-timeout": idleTimeout,
  "agent-exposure": agentExposure,
  "wrong-pin-once": wrongPinOnce,
  "wrong-pin-until-locked": wrongPinUntilLocked,
  "card-removed": cardRemoved,
  "bad-documents": badDocuments,
  "signing-side": signingSide,
  "services-down": servicesDown,
  "several-keys": severalKeys,
  "pin-each-access": pinEachAccess,
  "multi-application": multiApplication,
  "change-pin": changePin,
  "certificate-changed": certificateChanged,
  "verify-degraded": verifyDegraded,
  "verify-screens": (ctx) => verifyScreens(ctx),
  "bad-timestamps": badTimestamps,
  upgrade: upgradeSession,
  "add-signatures": addSignaturesSession,
  "archive-renewal": archiveRenewalSession,
  "upgrade-grace": upgradeGrace,
};
