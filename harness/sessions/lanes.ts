// Which sessions may run at the same time. A campaign's sessions mostly wait on the application (a browser step,
// an agent's window, a card), so on a 2-core machine running two at once saves wall time, as long as they share
// nothing that one of them changes: the card and its trace, the application instance, the campaign services.
import type { SessionId } from "./catalogue.ts";

/**
 * Sessions that provision a card of their own and open an application instance of their own on it, and only read
 * the campaign services: they can run beside the sessions that use the campaign's card and application.
 */
export const OWN_CARD_SESSIONS: ReadonlySet<SessionId> = new Set<SessionId>([
  "signing-side",
  "wrong-pin-until-locked",
  "certificate-changed",
  "change-pin",
  "multi-application",
]);

/**
 * Sessions that change the campaign services while they run (faults injected, the clock moved): nothing else may
 * use the services meanwhile, or its application would meet the fault too.
 */
export const CHANGES_CAMPAIGN_SERVICES: ReadonlySet<SessionId> = new Set<SessionId>([
  "services-down",
  "bad-timestamps",
  "upgrade-grace",
]);

/**
 * The needed sessions in lanes: `beside` runs alongside `inTurn`, and `after` runs alone once both are done. An
 * assessor's real card is one card in one reader: every session takes its turn, in the order given.
 */
export function sessionLanes(
  needed: readonly SessionId[],
  o: { realCard: boolean },
): { beside: SessionId[]; inTurn: SessionId[]; after: SessionId[] } {
  if (o.realCard) return { beside: [], inTurn: [...needed], after: [] };
  const beside = needed.filter((id) => OWN_CARD_SESSIONS.has(id));
  const after = needed.filter((id) => CHANGES_CAMPAIGN_SERVICES.has(id) && !OWN_CARD_SESSIONS.has(id));
  const inTurn = needed.filter((id) => !beside.includes(id) && !after.includes(id));
  return { beside, inTurn, after };
}
