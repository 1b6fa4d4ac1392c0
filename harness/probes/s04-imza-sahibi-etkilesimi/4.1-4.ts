// 4.1-4 (Z, observed): the signer's erroneous input is tolerated, with a message that lets the operation
// complete with a minimal correction. The wrong-pin-once session: a wrong PIN (the error), then the right one
// (the correction): a message at the first, a signature at the second. A suggestion, for the assessor to confirm.
import { outcome, quote, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";
import { ABOUT_PIN } from "../s07-sscd-iletisimi/7.5-1.ts";

export default defineProbe({
  how: {
    tr: "Hatalı PIN (kullanıcı hatası) ve ardından doğru PIN (düzeltme) verilir: ilkinde hatayı anlatan bir mesaj, ikincisinde imza beklenir. Önerilen işaret; değerlendirici onaylar.",
    en: "A wrong PIN (the user's error), then the right one (the correction): a message explaining the error at the first, a signature at the second. A suggested mark; the assessor confirms it.",
  },
  uses: ["wrong-pin-once"],
  judge(given): Judgement {
    const { wrong, right, trace } = given["wrong-pin-once"];
    if (!wrong || !right)
      return undetermined(
        { tr: "Oturum imzalatacak bir biçim bulamadı.", en: "The session had no signature kind to ask for." },
        [trace.ref],
      );
    const j = ((): Judgement => {
      if (wrong.output || wrong.timedOut || !wrong.said || !ABOUT_PIN.test(wrong.said))
        return fail(
          {
            tr: `Hatalı PIN'de uygulama ${outcome(wrong).tr}: kullanıcı hatasını düzeltmeye yönlendiren bir mesaj yok.`,
            en: `With a wrong PIN the application ${outcome(wrong).en}: no message guiding the user to correct the error.`,
          },
          [trace.ref, ...refsOf(wrong)],
        );
      if (!right.output)
        return fail(
          {
            tr: `Hatalı PIN'den sonra doğru PIN verildi; uygulama ${outcome(right).tr}: düzeltme işlemi tamamlamadı.`,
            en: `After the wrong PIN the right one was given; the application ${outcome(right).en}: the correction did not complete the operation.`,
          },
          [trace.ref, ...refsOf(right)],
        );
      return pass(
        {
          tr: `Hatalı PIN'de uygulama imzalamadı ve «${quote(wrong)}» dedi; doğru PIN ile belge imzalandı.`,
          en: `With a wrong PIN the application did not sign and said «${quote(wrong)}»; with the right PIN the document was signed.`,
        },
        [...spoken(wrong), right.output.signature],
      );
    })();
    return { ...j, suggested: true };
  },
});
