// 3-4 (observed): the signature attributes to be signed are shown, correctly. Machine checks: the window's
// confirm step shows the attributes, and what it says about the signing time matches the signature: a signing
// time shown is in the signed attributes, and a signing time signed was shown. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, says, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export const SIGNING_TIME = "1.2.840.113549.1.9.5";

export default defineProbe({
  how: {
    tr: "İmza penceresinin onay adımında imzalanacak özelliklerin gösterildiği, ve gösterilen imza zamanının imzanın imzalı özelliklerinde gerçekten bulunduğu (ya da imzalanan imza zamanının gösterildiği) makineyle denetlenir. Önerilen işaret.",
    en: "The machine checks that the window's confirm step shows the attributes to be signed, and that the signing time it shows is really among the signature's signed attributes (and a signing time signed was shown). A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = [...screenRefs(e, "window-confirm", "#ozellikler"), ...(e.signature ? [e.signature] : [])];
    const c = e.confirmView;
    if (!c) return suggestUndetermined(endedEarly(e), refs);
    if (!c.attributes)
      return suggestFail(
        {
          tr: "İmzalanacak özellikler (imza zamanı, politika, içerik tipi…) imzadan önce gösterilmiyor.",
          en: "The attributes to be signed (signing time, policy, content type…) are not shown before signing.",
        },
        refs,
      );
    if (!e.signedAttributes)
      return suggestUndetermined(
        {
          tr: "Özellikler gösterildi, ama imzalı özellikler imzadan okunamadı; doğruluğu karşılaştırılamadı.",
          en: "Attributes were shown, but the signed attributes could not be read from a signature to compare.",
        },
        refs,
      );
    const shownTime = says(c.attributes, "imza zamanı") || says(c.attributes, "signing time");
    const signedTime = e.signedAttributes.includes(SIGNING_TIME);
    if (shownTime !== signedTime)
      return suggestFail(
        shownTime
          ? {
              tr: "Pencere imza zamanının imzalanacağını gösterdi, ama imzada signing-time özelliği yok.",
              en: "The window showed a signing time to be signed, but the signature has no signing-time attribute.",
            }
          : {
              tr: "İmzada signing-time özelliği var, ama pencere imza zamanını göstermedi.",
              en: "The signature has a signing-time attribute, but the window did not show the signing time.",
            },
        refs,
      );
    return suggestPass(
      {
        tr: `İmzalanacak özellikler imzadan önce gösterildi ve imzayla uyuşuyor (imza zamanı ${signedTime ? "gösterildi ve imzalandı" : "ne gösterildi ne imzalandı"}).`,
        en: `The attributes to be signed were shown before signing and match the signature (signing time ${signedTime ? "shown and signed" : "neither shown nor signed"}).`,
      },
      refs,
    );
  },
});
