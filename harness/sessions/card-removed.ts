// card-removed: the card is pulled while the application signs (the virtual card's fault injection: the first
// C_Sign of this session gets CKR_DEVICE_REMOVED and the card stays out). A conformant application fails with a
// message, writes no signature and does not hang (the driver's timeout stops one that does). The card is put
// back afterwards (a new fault epoch), so the sessions after this one find it in the reader.
import { setFaults, traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { CardRemovedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

export const CARD_REMOVED_FAULT = "the card leaves the reader at the first C_Sign (CKR_DEVICE_REMOVED)";

export async function cardRemoved(ctx: SessionContext): Promise<CardRemovedEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  let attempt: AppAttempt | undefined;
  if (face && kind) {
    setFaults(ctx.card.dir, { removeAtSign: 1 });
    try {
      attempt = await recordAttempt(ctx, await face.sign(kind, documentFor(400), "card-removed"), "card-removed");
    } finally {
      setFaults(ctx.card.dir, {}); // the card is back in the reader
    }
  }
  return {
    ...(kind ? { requested: kind } : {}),
    fault: CARD_REMOVED_FAULT,
    ...(attempt ? { attempt } : {}),
    trace: traceSince(ctx, mark),
  };
}
