// card-removed: the card is pulled while the application signs (the virtual card's fault injection: the first
// C_Sign of this session gets CKR_DEVICE_REMOVED and the card stays out). A conformant application fails with a
// message, writes no signature and does not hang (the driver's timeout stops one that does). The card is put
// back afterwards (a new fault epoch), so the sessions after this one find it in the reader.
import { findReader, readFaults, readTrace, setFaults, traceMark, watchReaders } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { CardRemovedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { SessionNotAssessed } from "./real-card.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

export const CARD_REMOVED_FAULT = "the card leaves the reader at the first C_Sign (CKR_DEVICE_REMOVED)";

export async function cardRemoved(ctx: SessionContext): Promise<CardRemovedEvidence> {
  if (ctx.card.kind === "vendor") return guidedCardRemoval(ctx);
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

/** The prompts of the guided removal: an assessor reads them, a test plays the assessor on them. */
export const REMOVE_NOW = "KARTI ŞİMDİ OKUYUCUDAN ÇIKARIN / REMOVE THE CARD FROM THE READER NOW";
export const PUT_BACK = "KARTI OKUYUCUYA GERİ TAKIN / PUT THE CARD BACK INTO THE READER";

const DEFAULT_REMOVAL_TIMEOUT_S = 60;

/**
 * The assessor's real card, a guided step: the application is asked to sign while the interposer holds its
 * C_Sign; once the trace shows the signature begun (C_SignInit), uyum tells the assessor to pull the card and
 * watches the reader (PC/SC). The removal seen, the hold is released and the vendor module's own C_Sign meets
 * a card that is gone. No removal within the timeout: nothing was proven, the items are not assessed.
 */
async function guidedCardRemoval(ctx: SessionContext): Promise<CardRemovedEvidence> {
  const readerName = ctx.profile.card?.reader;
  const timeoutS = ctx.profile.card?.removalTimeoutSeconds ?? DEFAULT_REMOVAL_TIMEOUT_S;
  const noReader = (why: string) =>
    new SessionNotAssessed({
      tr: `Okuyucu yok: ${why}; kartı çıkarma adımı yapılamadı.`,
      en: `No reader: ${why}; the card-removal step could not be made.`,
    });
  if (!readerName) throw noReader("the profile names no reader (card.reader)");
  const found = await findReader(readerName);
  if (!found.reader || found.problem) throw noReader(found.problem ?? `no reader "${readerName}"`);
  const reader = found.reader.name;
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  if (!face || !kind)
    return { fault: "no signing face: nothing was asked", trace: traceSince(ctx, traceMark(ctx.card.dir)) };

  const dir = ctx.card.dir;
  const base = readFaults(dir); // the vendor card's own settings (PIN counting left to the card) stay
  const mark = traceMark(dir);
  let removedAt: number | undefined;
  let prompted = false;
  let sawSignInit = false;
  const watch = watchReaders((e) => {
    if (e.type !== "card-removed" || e.reader !== reader || !prompted || removedAt !== undefined) return;
    removedAt = Date.now();
    setFaults(dir, base); // the hold ends: the application's C_Sign goes to the card that is gone
    ctx.progress(`card-removed: the card left ${reader}`);
  });
  const signInit = setInterval(() => {
    if (prompted) return;
    sawSignInit = readTrace(dir, mark).some((e) => e.fn === "C_SignInit" && e.rv === "CKR_OK");
    if (!sawSignInit) return;
    prompted = true;
    ctx.progress(`card-removed: ${REMOVE_NOW} (${reader}; ${timeoutS} s)`);
  }, 100);
  let attempt: AppAttempt | undefined;
  setFaults(dir, { ...base, signDelayMs: timeoutS * 1000 });
  // the assessor's time is up: no further signature is held (an application may sign more than once)
  const giveUp = setTimeout(() => setFaults(dir, base), timeoutS * 1000);
  try {
    ctx.progress(`card-removed: guided step on ${reader}: the application signs; uyum will say when to pull the card`);
    attempt = await recordAttempt(ctx, await face.sign(kind, documentFor(400), "card-removed"), "card-removed");
  } finally {
    clearInterval(signInit);
    clearTimeout(giveUp);
    setFaults(dir, base);
  }
  const trace = traceSince(ctx, mark);
  if (removedAt !== undefined) {
    ctx.progress(`card-removed: ${PUT_BACK} (${reader})`);
    if (!(await waitForCard(reader, timeoutS)))
      ctx.progress(
        `card-removed: the card is not back in ${reader} after ${timeoutS} s; sessions after this one need it`,
      );
  }
  await watch.stop();
  if (!sawSignInit)
    throw new SessionNotAssessed({
      tr: "Uygulama kartta imzaya hiç başlamadı (izde C_SignInit yok): kart imza sırasında çıkarılamadı.",
      en: "The application never began a signature on the card (no C_SignInit in the trace): the card could not be pulled mid-signing.",
    });
  if (removedAt === undefined)
    throw new SessionNotAssessed({
      tr: `Kart ${timeoutS} sn içinde okuyucudan (${reader}) çıkarılmadı: hiçbir şey kanıtlanmadı.`,
      en: `The card was not removed from ${reader} within ${timeoutS} s: nothing was proven.`,
    });
  return {
    requested: kind,
    fault: `guided: the assessor pulled the card from the reader "${reader}" while the interposer held the application's C_Sign (PC/SC removal seen)`,
    ...(attempt ? { attempt } : {}),
    trace,
  };
}

/** Waits for the card to be back in the reader (the campaign runs this session last; a report may follow). */
async function waitForCard(reader: string, timeoutS: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutS * 1000; waited += 300) {
    if ((await findReader(reader)).reader?.cardPresent) return true;
    await new Promise((res) => setTimeout(res, 300));
  }
  return false;
}
