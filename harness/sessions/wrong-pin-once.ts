// wrong-pin-once: the application is handed a wrong PIN once, then the right one, for the same document. What
// it did each time (exit, its words, any signature) and the card's trace (C_Login → CKR_PIN_INCORRECT, then
// CKR_OK) are the evidence for the wrong-PIN items (7.5-1, 4.1-4). The wrong PIN costs one try of the campaign's
// card; the right one after it restores the card's counter, as on a real card.
import { readCardState, traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { WrongPinOnceEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

export async function wrongPinOnce(ctx: SessionContext): Promise<WrongPinOnceEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  if (!face || !kind) return { pinMaxTries: ctx.card.pinMaxTries, trace: traceSince(ctx, mark) };
  const doc = documentFor(200);
  const wrong = await recordAttempt(
    ctx,
    await face.sign(kind, doc, "wrong-pin-once-1", { pin: "wrong" }),
    "wrong-pin-once-1",
  );
  const tries = Object.values(readCardState(ctx.card.dir).triesLeft);
  const right = await recordAttempt(ctx, await face.sign(kind, doc, "wrong-pin-once-2"), "wrong-pin-once-2");
  return {
    requested: kind,
    wrong,
    right,
    ...(tries.length ? { triesLeftAfterWrong: Math.min(...tries) } : {}),
    pinMaxTries: ctx.card.pinMaxTries,
    trace: traceSince(ctx, mark),
  };
}
