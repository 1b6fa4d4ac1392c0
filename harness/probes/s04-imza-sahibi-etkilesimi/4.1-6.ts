// 4.1-6 (Z, observed): status reports and error messages tell the user whether the operation succeeded. The
// card-removed session pulls the card at C_Sign: the application must say the signing failed, write no
// signature, and not report success (exit 0) or hang. A suggestion, for the assessor to confirm.
import { at } from "../../sessions/evidence.ts";
import { outcome, quote, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "İmza sırasında kart çıkarılır (C_Sign'da CKR_DEVICE_REMOVED): uygulama imzanın atılamadığını söylemeli, imza yazmamalı, başarı bildirmemeli (çıkış 0) ve takılmamalıdır. Önerilen işaret; değerlendirici onaylar.",
    en: "The card is pulled while signing (CKR_DEVICE_REMOVED at C_Sign): the application must say the signing failed, write no signature, not report success (exit 0) and not hang. A suggested mark; the assessor confirms it.",
  },
  uses: ["card-removed"],
  judge(given): Judgement {
    const { attempt, trace } = given["card-removed"];
    if (!attempt)
      return undetermined(
        { tr: "Oturum imzalatacak bir biçim bulamadı.", en: "The session had no signature kind to ask for." },
        [trace.ref],
      );
    const removed = trace.events.filter((e) => e.rv === "CKR_DEVICE_REMOVED" || e.rv === "CKR_TOKEN_NOT_PRESENT");
    const o = outcome(attempt);
    const j = ((): Judgement => {
      if (removed.length === 0 && !attempt.output)
        return undetermined(
          {
            tr: `Uygulama karta imza attırmadan bitti (${o.tr}); kartın çıkarılması hiç gerçekleşmedi.`,
            en: `The application ended before asking the card to sign (${o.en}); the card was never pulled.`,
          },
          [trace.ref, ...refsOf(attempt)],
        );
      const tref = at(trace.ref, `seq ${removed.map((e) => e.seq).join(",")}`);
      if (attempt.output || attempt.timedOut || attempt.exitCode === 0 || !attempt.said)
        return fail(
          {
            tr: `Kart imza sırasında çıkarıldı; uygulama ${o.tr}${attempt.exitCode === 0 ? ", başarı koduyla çıktı" : ""}: işlemin başarısız olduğu bildirilmedi.`,
            en: `The card was pulled while signing; the application ${o.en}${attempt.exitCode === 0 ? ", exiting with success" : ""}: the failure was not reported.`,
          },
          [tref, ...refsOf(attempt)],
        );
      return pass(
        {
          tr: `Kart imza sırasında çıkarıldı; uygulama imza yazmadı, hata koduyla çıktı (${attempt.ended}) ve bunu söyledi: «${quote(attempt)}».`,
          en: `The card was pulled while signing; the application wrote no signature, ended with an error (${attempt.ended}) and said so: «${quote(attempt)}».`,
        },
        [tref, ...spoken(attempt)],
      );
    })();
    return { ...j, suggested: true };
  },
});
