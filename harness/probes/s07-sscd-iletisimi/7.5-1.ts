// 7.5-1 (Z): a wrong PIN is reported to the user (ideally with the tries left). The wrong-pin-once session hands
// the application a wrong PIN: the card's trace shows the login it refused (CKR_PIN_INCORRECT), and what the
// application said then is read: no signature, and words about the PIN. A wrong PIN that never reached the
// card proves nothing either way (?).
import { at } from "../../sessions/evidence.ts";
import { outcome, quote, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

/** Words that tell a user the PIN was the problem (tr/en), or the card's own return value. */
export const ABOUT_PIN = /PIN|parola|şifre|sifre|erişim verisi|password|CKR_PIN/i;
const TRIES_LEFT = /kalan|deneme|hakk|left|remaining|tries|attempt/i;

export default defineProbe({
  how: {
    tr: "Uygulamaya bir belge önce hatalı PIN ile imzalatılır: kartın izinde C_Login'in CKR_PIN_INCORRECT ile reddedildiği görülür; uygulama imza yazmamalı ve PIN'in hatalı olduğunu söylemelidir (kalan deneme hakkı varsa belirtilir).",
    en: "The application is asked to sign with a wrong PIN: the card's trace shows C_Login refused with CKR_PIN_INCORRECT; the application must write no signature and say the PIN was wrong (noting the tries left, if it does).",
  },
  uses: ["wrong-pin-once"],
  judge(given): Judgement {
    const { wrong, trace } = given["wrong-pin-once"];
    if (!wrong)
      return undetermined(
        { tr: "Oturum imzalatacak bir biçim bulamadı.", en: "The session had no signature kind to ask for." },
        [trace.ref],
      );
    const refused = trace.events.filter((e) => e.fn === "C_Login" && e.rv === "CKR_PIN_INCORRECT");
    const tref = at(trace.ref, `seq ${refused.map((e) => e.seq).join(",")}`);
    const o = outcome(wrong);
    if (wrong.output)
      return fail(
        {
          tr: `Hatalı PIN verildi, uygulama yine de ${o.tr}.`,
          en: `A wrong PIN was given, and the application still ${o.en}.`,
        },
        [trace.ref, ...refsOf(wrong)],
      );
    if (refused.length === 0)
      return undetermined(
        {
          tr: `Hatalı PIN karta ulaşmadı (izde CKR_PIN_INCORRECT yok); uygulama ${o.tr}. PIN hatası bildirimi görülemedi.`,
          en: `The wrong PIN never reached the card (no CKR_PIN_INCORRECT in the trace); the application ${o.en}. How it reports a wrong PIN could not be seen.`,
        },
        [trace.ref, ...refsOf(wrong)],
      );
    if (wrong.timedOut || !wrong.said)
      return fail(
        {
          tr: `Kart PIN'i reddetti (CKR_PIN_INCORRECT), uygulama ise ${o.tr}: kullanıcıya PIN'in hatalı olduğu söylenmedi.`,
          en: `The card refused the PIN (CKR_PIN_INCORRECT) and the application ${o.en}: the user was not told the PIN was wrong.`,
        },
        [tref, ...refsOf(wrong)],
      );
    if (!ABOUT_PIN.test(wrong.said))
      return fail(
        {
          tr: `Kart PIN'i reddetti; uygulamanın mesajı PIN'den söz etmiyor: «${quote(wrong)}».`,
          en: `The card refused the PIN; the application's message says nothing about the PIN: «${quote(wrong)}».`,
        },
        [tref, ...refsOf(wrong)],
      );
    const tries = TRIES_LEFT.test(wrong.said);
    return pass(
      {
        tr: `Kart PIN'i reddetti (CKR_PIN_INCORRECT); uygulama imza yazmadı ve bunu söyledi: «${quote(wrong)}»${tries ? " (kalan deneme hakkıyla)" : " (kalan deneme hakkı belirtilmedi)"}.`,
        en: `The card refused the PIN (CKR_PIN_INCORRECT); the application wrote no signature and said so: «${quote(wrong)}»${tries ? " (with the tries left)" : " (the tries left were not given)"}.`,
      },
      [tref, ...spoken(wrong)],
    );
  },
});
