// 7.3-3 (O): certificates read from the SSCD may be kept (cached) by the system. Caching is allowed; what is kept
// must stay the card's. The certificate-changed session signs once, renews the card (same token label, PIN and
// key id; another key and certificate) and signs again: the second signature must name the renewed card's
// certificate. One that names the old certificate was made from a stale cache (✗). How often the application
// read the certificate from the card is said either way (it caches, or it reads each time).
import { at } from "../../sessions/evidence.ts";
import { outcome, refsOf } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Oturuma ait kartla bir kez imzalanır; kart aynı jeton adı, PIN ve anahtar kimliğiyle başka bir anahtar ve sertifika taşıyan kartla değiştirilir (yenilenmiş kart; SoftHSM deposunun değiştiğini çalışan sürece göstermediğinden uygulama kendi dizini korunarak yeniden başlatılır, bu yüzden burada yalnızca diskte saklanan sertifika bayatlayabilir) ve yeniden imzalanır. Sertifikayı saklamak serbesttir, ama ikinci imza yenilenmiş kartın sertifikasını anmalıdır; eski sertifikayı anan imza bayat bir saklamadan gelmiştir (✗). Uygulamanın karttan sertifikayı her imzada okuyup okumadığı da söylenir.",
    en: "A document is signed with a card of the session's own; the card is replaced by one with the same token label, PIN and key id holding another key and certificate (a renewed card; the application is started again with its own directory kept, since SoftHSM does not show a running process its store changed, so only a certificate kept on disk can go stale here) and another document is signed. Keeping certificates is allowed, but the second signature must name the renewed card's certificate; one naming the old certificate came from a stale cache (✗). Whether the application read the certificate from the card at each signing is said too.",
  },
  uses: ["certificate-changed"],
  judge(given): Judgement {
    const e = given["certificate-changed"];
    const { trace } = e;
    if (e.skipped || !e.first || !e.second || !e.before || !e.after)
      return undetermined(
        {
          tr: `Kart yenilenerek imza istenemedi: ${e.skipped ?? "oturum iki imza istemedi"}.`,
          en: `No signing across a renewed card could be asked for: ${e.skipped ?? "the session asked for no two signatures"}.`,
        },
        trace.events.length ? [trace.ref] : [], // an empty trace is no evidence
      );
    const reads = e.certificateReads ?? { first: 0, second: 0 };
    const habit =
      reads.second > 0
        ? {
            tr: `uygulama ikinci imzada sertifikayı karttan yeniden okudu (${reads.second} okuma)`,
            en: `the application read the certificate from the card again at the second signing (${reads.second} read(s))`,
          }
        : {
            tr: "uygulama ikinci imzada karttan sertifika okumadı (saklanmış ya da başka yerden gelen sertifika)",
            en: "the application read no certificate from the card at the second signing (a kept certificate, or one from elsewhere)",
          };
    const second = e.second;
    const refs = [at(trace.ref, `after seq ${e.renewedAfterSeq ?? "?"}`), ...refsOf(e.first), ...refsOf(second)];
    const signer = second.output?.validation.signer;
    if (!second.output || !signer)
      return undetermined(
        {
          tr: `Kart yenilendikten sonra uygulama ${outcome(second).tr}; imzanın hangi sertifikayı andığı görülemedi (${habit.tr}).`,
          en: `After the card was renewed the application ${outcome(second).en}; which certificate a signature would name could not be seen (${habit.en}).`,
        },
        refs,
      );
    if (signer.serial === e.before.serialHex)
      return fail(
        {
          tr: `Kart yenilendi (${e.before.label} → ${e.after.label}), ama ikinci imza eski kartın sertifikasını anıyor (${signer.subject}, seri ${signer.serial}); ${habit.tr}: saklanan sertifika kartla karşılaştırılmadan kullanıldı (uyum'un doğrulayıcısı: ${second.output.validation.indication}).`,
          en: `The card was renewed (${e.before.label} → ${e.after.label}), yet the second signature names the old card's certificate (${signer.subject}, serial ${signer.serial}); ${habit.en}: a kept certificate was used without checking it against the card (uyum's validator: ${second.output.validation.indication}).`,
        },
        refs,
      );
    if (signer.serial !== e.after.serialHex)
      return fail(
        {
          tr: `Kart yenilendikten sonraki imza, kartta hiç olmamış bir sertifikayı anıyor (${signer.subject}, seri ${signer.serial}).`,
          en: `The signature after the card was renewed names a certificate the card never held (${signer.subject}, serial ${signer.serial}).`,
        },
        refs,
      );
    return pass(
      {
        tr: `Kart yenilendikten sonra imza yenilenmiş kartın sertifikasını anıyor (${e.after.label}); ${habit.tr}; ilk imzada ${reads.first} okuma.`,
        en: `After the card was renewed the signature names the renewed card's certificate (${e.after.label}); ${habit.en}; ${reads.first} read(s) at the first signing.`,
      },
      refs,
    );
  },
});
