// 4.1-2 (Z, observed): messages state the effect and consequences of the operation correctly and understandably.
// Machine checks on the messages that carry a consequence: the qualified-signature warning (window-review) names
// the qualified signature and its legal effect; a signing the signer cancelled (cancel-at-warning) says it was
// cancelled and nothing was signed, and indeed nothing was; a wrong PIN (wrong-pin-once) is called a PIN problem;
// a signing that succeeded says so. A suggestion.
import { refsOf } from "../attempts.ts";
import { defineProbe, type Judgement } from "../kit.ts";
import { ABOUT_PIN } from "../s07-sscd-iletisimi/7.5-1.ts";
import {
  saysCancelled,
  saysSigned,
  says,
  screenRefs,
  suggestFail,
  suggestPass,
  suggestUndetermined,
} from "../screen.ts";
import { EQUALS_HANDWRITTEN, NAMES } from "./4.2-1.ts";

export default defineProbe({
  how: {
    tr: "Sonuç taşıyan mesajlar denetlenir: nitelikli imza uyarısı nitelikli imzayı ve hukuki sonucunu (elle atılan imzaya eşdeğerlik) söyler; uyarıda vazgeçilen imzada iptal edildiği söylenir ve imza atılmaz; hatalı PIN'de sorunun PIN olduğu söylenir; başarılı imzada imzalandığı söylenir. Önerilen işaret.",
    en: "The messages that carry a consequence are checked: the qualified-signature warning names the qualified signature and its legal effect (equal to a handwritten one); a signing cancelled at the warning says it was cancelled and nothing is signed; a wrong PIN is called a PIN problem; a signing that succeeded says so. A suggested mark.",
  },
  uses: ["window-review", "cancel-at-warning", "wrong-pin-once"],
  judge(given): Judgement {
    const review = given["window-review"];
    const cancel = given["cancel-at-warning"];
    const { wrong, trace } = given["wrong-pin-once"];
    const refs = [
      ...screenRefs(review, "window-confirm", "#nitelikli-uyari"),
      ...screenRefs(review, "window-result"),
      ...screenRefs(cancel, "window-result"),
      ...(wrong ? refsOf(wrong) : [trace.ref]),
    ];
    const wrongs: { tr: string; en: string }[] = [];
    const unseen: { tr: string; en: string }[] = [];
    const w = review.confirmView?.qualifiedWarning;
    if (!review.confirmView) unseen.push({ tr: "onay adımına gelinmedi", en: "the confirm step was never reached" });
    else if (!w) wrongs.push({ tr: "nitelikli imza uyarısı yok", en: "there is no qualified-signature warning" });
    else if (!NAMES.some((n) => says(w, n)) || !EQUALS_HANDWRITTEN.some((n) => says(w, n)))
      wrongs.push({
        tr: `uyarı nitelikli imzayı ve hukuki sonucunu söylemiyor: "${w}"`,
        en: `the warning does not state the qualified signature and its legal effect: "${w}"`,
      });
    if (review.outcome.status === "signed" && !saysSigned(review.outcome.message))
      wrongs.push({
        tr: `başarılı imzada imzalandığı söylenmiyor: "${review.outcome.message}"`,
        en: `a signing that succeeded does not say so: "${review.outcome.message}"`,
      });
    if (cancel.signature)
      wrongs.push({
        tr: `imzacı uyarıda vazgeçti ama imza atıldı (mesaj: "${cancel.outcome.message}")`,
        en: `the signer cancelled at the warning but a signature was made (message: "${cancel.outcome.message}")`,
      });
    else if (cancel.cancelled !== true)
      unseen.push({ tr: "uyarıda vazgeçilemedi", en: "the signer could not cancel at the warning" });
    else if (!saysCancelled(cancel.outcome.message))
      wrongs.push({
        tr: `vazgeçilen imzada iptal edildiği söylenmiyor: "${cancel.outcome.message}"`,
        en: `the cancelled signing does not say it was cancelled: "${cancel.outcome.message}"`,
      });
    if (!wrong) unseen.push({ tr: "hatalı PIN denenemedi", en: "no wrong PIN could be tried" });
    else if (!ABOUT_PIN.test([wrong.said, ...(wrong.screenWarnings ?? [])].join("\n")))
      wrongs.push({
        tr: "hatalı PIN'de sorunun PIN olduğu söylenmiyor",
        en: "a wrong PIN is not called a PIN problem",
      });
    if (wrongs.length)
      return suggestFail(
        {
          tr: `Mesajlar işlemin sonucunu doğru söylemiyor: ${wrongs.map((x) => x.tr).join("; ")}.`,
          en: `The messages do not state the operation's consequences correctly: ${wrongs.map((x) => x.en).join("; ")}.`,
        },
        refs,
      );
    if (unseen.length)
      return suggestUndetermined(
        {
          tr: `Görülen mesajlar doğru, ama hepsi görülemedi: ${unseen.map((x) => x.tr).join("; ")}.`,
          en: `The messages seen are right, but not all could be seen: ${unseen.map((x) => x.en).join("; ")}.`,
        },
        refs,
      );
    return suggestPass(
      {
        tr: `Uyarı nitelikli imzayı ve hukuki sonucunu söylüyor; vazgeçilen imzada "${cancel.outcome.message}", başarılı imzada "${review.outcome.message}" deniyor; hatalı PIN'de sorunun PIN olduğu söyleniyor.`,
        en: `The warning states the qualified signature and its legal effect; a cancelled signing says "${cancel.outcome.message}", a successful one "${review.outcome.message}"; a wrong PIN is called a PIN problem.`,
      },
      refs,
    );
  },
});
