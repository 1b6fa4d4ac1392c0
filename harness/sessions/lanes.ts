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
 * Sessions that use neither the card nor the campaign services: they give the application's verifier signatures
 * made under a PKI of their own, with services of their own. They can run beside everything else.
 */
export const OWN_SERVICES_SESSIONS: ReadonlySet<SessionId> = new Set<SessionId>([
  "verify-vectors",
  "verify-degraded",
  "verify-screens",
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
 * The needed sessions in lanes: `beside` and `apart` run alongside `inTurn`, and `after` runs alone once those are
 * done. An assessor's real card is one card in one reader: every session takes its turn, in the order given.
 */
export function sessionLanes(
  needed: readonly SessionId[],
  o: { realCard: boolean },
): { beside: SessionId[]; apart: SessionId[]; inTurn: SessionId[]; after: SessionId[] } {
  if (o.realCard) return { beside: [], apart: [], inTurn: [...needed], after: [] };
  const beside = needed.filter((id) => OWN_CARD_SESSIONS.has(id));
  const apart = needed.filter((id) => OWN_SERVICES_SESSIONS.has(id));
  const after = needed.filter((id) => CHANGES_CAMPAIGN_SERVICES.has(id));
  const inTurn = needed.filter((id) => ![beside, apart, after].some((lane) => lane.includes(id)));
  return { beside, apart, inTurn, after };
}
