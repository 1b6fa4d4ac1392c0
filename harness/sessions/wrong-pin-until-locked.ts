// wrong-pin-until-locked: wrong PINs until the card locks (its own retry counter, harness/card), then the right
// PIN. A conformant application says the PIN is locked and stops logging in: after CKR_PIN_LOCKED the trace
// shows no further C_Login from the same process. It runs on a card of its own, provisioned for this session in
// the run's work directory with the campaign card's first certificate, so the campaign's card is never locked.
import { join } from "node:path";
import { provisionCard, readCardState, readTrace, traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { WrongPinUntilLockedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor } from "./sign-sessions.ts";

export async function wrongPinUntilLocked(ctx: SessionContext): Promise<WrongPinUntilLockedEvidence> {
  if (!ctx.pki || !ctx.workDir || !ctx.openWith)
    throw new Error("wrong-pin-until-locked needs the campaign PKI and a work directory (a card of its own)");
  const dir = join(ctx.workDir, "locked-card");
  const card = await provisionCard({
    pkiDir: ctx.pki.dir,
    outDir: dir,
    certLabels: ctx.card.keys.slice(0, 1).map((k) => k.label),
    tokenLabel: ctx.card.tokenLabel,
    pinMaxTries: ctx.card.pinMaxTries,
  });
  const own = { ...ctx, card };
  const opened = await ctx.openWith(card, join(ctx.workDir, "locked-app"));
  const face = opened.signing;
  const kind = face?.kinds()[0];
  const mark = traceMark(dir);
  const wrong: AppAttempt[] = [];
  let lockedAfter: number | undefined;
  let afterLock: AppAttempt | undefined;
  const locked = () => Object.values(readCardState(dir).triesLeft).some((n) => n <= 0);
  if (face && kind) {
    const doc = documentFor(300);
    // one more than the card's tries: an application that never passes the PIN on would otherwise loop for ever
    for (let i = 1; i <= card.pinMaxTries + 1 && !locked(); i++) {
      const name = `wrong-pin-until-locked-${i}`;
      wrong.push(await recordAttempt(own, await face.sign(kind, doc, name, { pin: "wrong" }), name, card.pin));
      if (locked()) lockedAfter = i;
    }
    const name = "wrong-pin-until-locked-right-pin";
    afterLock = await recordAttempt(own, await face.sign(kind, doc, name), name, card.pin);
  }
  await opened.close?.(); // a web application opened on this card is stopped with its browser
  const events = readTrace(dir, mark);
  return {
    ...(kind ? { requested: kind } : {}),
    wrong,
    ...(lockedAfter !== undefined ? { lockedAfter } : {}),
    ...(afterLock ? { afterLock } : {}),
    pinMaxTries: card.pinMaxTries,
    card: "own-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
  };
}
