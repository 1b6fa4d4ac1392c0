// 4.1-1 (Z, observed): the user is given the information needed to complete the operation. Read from the walks
// through the page and the agent's window (window-review: signed; cancel-at-warning: cancelled): every screen of
// the walk carries text, and how each walk ended is told in a message that says what happened. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import type { ScreenSessionEvidence } from "../../sessions/catalogue.ts";
import { saysCancelled, saysSigned, silentSteps, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

const allRefs = (e: ScreenSessionEvidence) => e.steps.flatMap((s) => [s.text, s.screenshot]);

export default defineProbe({
  how: {
    tr: "Belge sayfa ve imza ajanının penceresi üzerinden bir kez imzalatılır, bir kez de uyarıda vazgeçilir; her adımın ekranında metin olduğu ve her yürüyüşün nasıl bittiğinin (imzalandı, iptal edildi) bir mesajla söylendiği makineyle denetlenir. Önerilen işaret.",
    en: "The document is signed once through the page and the signer agent's window, and once cancelled at the warning; the machine checks that every step's screen carries text and that how each walk ended (signed, cancelled) is told in a message. A suggested mark.",
  },
  uses: ["window-review", "cancel-at-warning"],
  judge(given): Judgement {
    const review = given["window-review"];
    const cancel = given["cancel-at-warning"];
    const refs = [...allRefs(review), ...allRefs(cancel)];
    const missing: { tr: string; en: string }[] = [];
    for (const [name, e] of [
      ["window-review", review],
      ["cancel-at-warning", cancel],
    ] as const)
      for (const s of silentSteps(e))
        missing.push({
          tr: `${name} / ${s.step}: ekranda hiç metin yok`,
          en: `${name} / ${s.step}: the screen has no text`,
        });
    if (review.outcome.status !== "signed" && missing.length === 0)
      return suggestUndetermined(endedOther(review), refs);
    if (review.outcome.status === "signed" && !saysSigned(review.outcome.message))
      missing.push({
        tr: `imza atıldı ama bunu söyleyen bir mesaj yok ("${review.outcome.message}")`,
        en: `it signed but no message says so ("${review.outcome.message}")`,
      });
    if (cancel.outcome.status === "cancelled" && !saysCancelled(cancel.outcome.message))
      missing.push({
        tr: `imza iptal edildi ama bunu söyleyen bir mesaj yok ("${cancel.outcome.message}")`,
        en: `the signing was cancelled but no message says so ("${cancel.outcome.message}")`,
      });
    if (missing.length)
      return suggestFail(
        {
          tr: `Kullanıcıya işlemi tamamlaması için gereken bilgi verilmiyor: ${missing.map((m) => m.tr).join("; ")}.`,
          en: `The user is not given the information needed to complete the operation: ${missing.map((m) => m.en).join("; ")}.`,
        },
        refs,
      );
    const unknown = [...review.steps, ...cancel.steps].filter((s) => s.domText === undefined).length;
    return suggestPass(
      {
        tr: `Her adımın ekranında metin var${unknown ? ` (${unknown} adımın metni yalnızca saklanan dosyada)` : ""}; imza "${review.outcome.message}", vazgeçme "${cancel.outcome.message}" mesajıyla bildirildi.`,
        en: `Every step's screen carries text${unknown ? ` (${unknown} steps' text only in the stored file)` : ""}; the signing was told with "${review.outcome.message}", the cancel with "${cancel.outcome.message}".`,
      },
      refs,
    );
  },
});

function endedOther(e: ScreenSessionEvidence) {
  return {
    tr: `İmza yürüyüşü imzayla bitmedi (${e.outcome.status}: ${e.outcome.message || "mesaj yok"}): bir imzanın sonucunun bildirilmesi görülemedi.`,
    en: `The signing walk did not end in a signature (${e.outcome.status}: ${e.outcome.message || "no message"}): how a signing's outcome is told could not be seen.`,
  };
}
