// wrong-pin-until-locked: wrong PINs until the card locks (its own retry counter, harness/card), then the right
// PIN. A conformant application says the PIN is locked and stops logging in: after CKR_PIN_LOCKED the trace
// shows no further C_Login from the same process. It runs on a card of its own, provisioned for this session in
// the run's work directory with the campaign card's first certificate, so the campaign's card is never locked.
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { provisionCard, readCardState, readTrace, traceMark, unlockCard, withCardSession } from "../card/index.ts";
import { SessionNotAssessed } from "./real-card.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { WrongPinUntilLockedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor } from "./sign-sessions.ts";

export async function wrongPinUntilLocked(ctx: SessionContext): Promise<WrongPinUntilLockedEvidence> {
  if (ctx.card.kind === "vendor") return onAssessorCard(ctx);
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

/** A real card counts its own tries and says it is locked in its token flags. */
const realCardLocked = (card: SessionContext["card"]) =>
  withCardSession(card, ({ p11, slot }) => (p11.C_GetTokenInfo(slot).flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0);

/** At most this many wrong PINs on a real card whose number of tries uyum cannot know (KAMU SM cards allow 3). */
const REAL_CARD_TRY_CAP = 15;

/**
 * The profile's real card, only with card.mayLock and a PUK (run.ts does not run this session otherwise): wrong
 * PINs until the card's token flags say locked, the right PIN once, then the PUK (the card's SO-PIN) unblocks it
 * and sets the assessor's PIN again. The trace is read before uyum's own SO login.
 */
async function onAssessorCard(ctx: SessionContext): Promise<WrongPinUntilLockedEvidence> {
  const pukEnv = ctx.profile.card?.puk?.env;
  const puk = pukEnv ? process.env[pukEnv] : undefined;
  if (!ctx.profile.card?.mayLock || !puk)
    throw new SessionNotAssessed({
      tr: `Kartın kilidini açacak PUK yok (${pukEnv ?? "card.puk.env"} boş): kart kilitlenmedi.`,
      en: `No PUK to unblock the card with (${pukEnv ?? "card.puk.env"} is empty): the card was not locked.`,
    });
  const card = ctx.card;
  if (realCardLocked(card))
    throw new SessionNotAssessed({
      tr: "Kartın PIN'i oturumdan önce zaten bloke: uygulamanın tepkisi bu kartla ayırt edilemez.",
      en: "The card's PIN was already locked before the session: the application's reaction cannot be told apart on it.",
    });
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  const mark = traceMark(card.dir);
  const wrong: AppAttempt[] = [];
  let lockedAfter: number | undefined;
  let afterLock: AppAttempt | undefined;
  if (face && kind) {
    const doc = documentFor(300);
    for (let i = 1; i <= REAL_CARD_TRY_CAP && lockedAfter === undefined; i++) {
      const name = `wrong-pin-until-locked-${i}`;
      wrong.push(await recordAttempt(ctx, await face.sign(kind, doc, name, { pin: "wrong" }), name));
      if (realCardLocked(card)) lockedAfter = i;
      // the application never passed a wrong PIN on: more tries would show nothing new
      if (!readTrace(card.dir, mark).some((e) => e.fn === "C_Login")) break;
    }
    if (lockedAfter !== undefined) {
      const name = "wrong-pin-until-locked-right-pin";
      afterLock = await recordAttempt(ctx, await face.sign(kind, doc, name), name);
    }
  }
  const events = readTrace(card.dir, mark);
  if (realCardLocked(card)) {
    ctx.progress("wrong-pin-until-locked: unblocking the card with the PUK…");
    unlockCard({ ...card, soPin: puk }); // C_Login(SO, PUK) + C_InitPIN(the assessor's PIN)
    if (realCardLocked(card)) throw new Error("the PUK did not unblock the card: unblock it by hand before going on");
  }
  return {
    ...(kind ? { requested: kind } : {}),
    wrong,
    ...(lockedAfter !== undefined ? { lockedAfter } : {}),
    ...(afterLock ? { afterLock } : {}),
    pinMaxTries: lockedAfter ?? 0,
    card: "assessor-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
  };
}
