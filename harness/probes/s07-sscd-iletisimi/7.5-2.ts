// 7.5-2 (Z): when the PIN is blocked after too many wrong tries, the user is told. The wrong-pin-until-locked
// session gives wrong PINs until the card's counter reaches zero, then the right PIN. The application must then
// write no signature and say the PIN is locked (not "wrong PIN"), and it must stop logging in: a C_Login from the
// same process after the card answered CKR_PIN_LOCKED is an application that keeps asking.
import type { TraceEvent } from "../../card/trace.ts";
import { at } from "../../sessions/evidence.ts";
import { outcome, quote, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

const ABOUT_LOCK = /bloke|kilit|locked|blocked|CKR_PIN_LOCKED/i;

/** C_Login calls a process made after the card told that same process the PIN is locked. */
export function loginsAfterLocked(events: TraceEvent[]): TraceEvent[] {
  const lockedPids = new Set<number>();
  const after: TraceEvent[] = [];
  for (const e of events) {
    if (e.fn !== "C_Login") continue;
    if (lockedPids.has(e.pid)) after.push(e);
    if (e.rv === "CKR_PIN_LOCKED") lockedPids.add(e.pid);
  }
  return after;
}

export default defineProbe({
  how: {
    tr: "Oturuma ait bir kartta kart PIN'i bloke edene dek hatalı PIN verilir, ardından doğru PIN: uygulama imza yazmamalı, PIN'in bloke olduğunu söylemeli ve kart CKR_PIN_LOCKED dedikten sonra aynı süreçte yeniden C_Login çağırmamalıdır (PKCS#11 izi).",
    en: "On a card of the session's own, wrong PINs are given until the card locks the PIN, then the right PIN: the application must write no signature, say the PIN is locked, and make no further C_Login in the same process once the card answered CKR_PIN_LOCKED (PKCS#11 trace).",
  },
  uses: ["wrong-pin-until-locked"],
  judge(given): Judgement {
    const { wrong, lockedAfter, afterLock, trace, pinMaxTries } = given["wrong-pin-until-locked"];
    if (lockedAfter === undefined || !afterLock)
      return undetermined(
        {
          tr: `${wrong.length} hatalı PIN denemesinden sonra kart bloke olmadı (kartın hakkı ${pinMaxTries}); uygulama hatalı PIN'i karta iletmedi, bloke davranışı görülemedi.`,
          en: `After ${wrong.length} wrong-PIN attempts the card was not locked (it allows ${pinMaxTries}); the application did not pass the wrong PIN on, so its behaviour on a locked PIN could not be seen.`,
        },
        [trace.ref, ...wrong.flatMap(refsOf)],
      );
    const again = loginsAfterLocked(trace.events);
    if (again.length > 0)
      return fail(
        {
          tr: `Kart CKR_PIN_LOCKED dedikten sonra uygulama aynı süreçte ${again.length} kez daha C_Login çağırdı: PIN istemeyi sürdürüyor.`,
          en: `After the card answered CKR_PIN_LOCKED the application called C_Login ${again.length} more time(s) in the same process: it keeps asking for the PIN.`,
        },
        [at(trace.ref, `seq ${again.map((e) => e.seq).join(",")}`), ...refsOf(afterLock)],
      );
    const o = outcome(afterLock);
    if (afterLock.output || afterLock.timedOut || !ABOUT_LOCK.test(afterLock.said))
      return fail(
        {
          tr: `PIN bloke olduktan sonra doğru PIN verildi; uygulama ${o.tr}: PIN'in bloke olduğu söylenmedi.`,
          en: `Once the PIN was locked the right PIN was given; the application ${o.en}: it did not say the PIN is locked.`,
        },
        [trace.ref, ...refsOf(afterLock)],
      );
    const lockedTold = wrong[lockedAfter - 1];
    const early = lockedTold && ABOUT_LOCK.test(lockedTold.said);
    return pass(
      {
        tr: `Kart ${lockedAfter}. hatalı PIN'de bloke oldu; uygulama bundan sonra imza yazmadı, yeniden giriş denemedi ve bunu söyledi: «${quote(afterLock)}»${early ? " (bloke, kilitleyen denemede de bildirildi)" : ""}.`,
        en: `The card locked at wrong PIN ${lockedAfter}; from then on the application wrote no signature, did not log in again, and said so: «${quote(afterLock)}»${early ? " (the lock was reported at the locking attempt too)" : ""}.`,
      },
      [trace.ref, ...spoken(afterLock), ...(lockedTold ? spoken(lockedTold) : [])],
    );
  },
});
