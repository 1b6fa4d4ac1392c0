// 4.1-5 (K: international users, observed): messages can meet the user's individual needs, e.g. a language
// choice. Read from the window-review session's screens: a language choice on a screen, or messages written in
// more than one language (Turkish and English). A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { says, stepText, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

const CHOICE = ["dil seçimi", "dil seçin", "language", "english", "ingilizce"];
const TURKISH = ["ve", "bir", "belge", "imza", "imzala", "için", "vazgeç", "iptal", "bu"];
const ENGLISH = ["the", "and", "document", "signature", "sign", "cancel", "you", "is", "was"];
const words = (text: string, list: string[]) => list.filter((w) => says(text, w)).length;

export default defineProbe({
  how: {
    tr: "Belge sayfa ve imza ajanının penceresi üzerinden imzalatılır; adımların ekran metinlerinde bir dil seçimi ya da birden çok dilde (Türkçe ve İngilizce) yazılmış mesajlar aranır. Önerilen işaret.",
    en: "The document is signed through the page and the signer agent's window; the steps' screen texts are searched for a language choice or messages in more than one language (Turkish and English). A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = e.steps.flatMap((s) => [s.text, s.screenshot]);
    const texts = e.steps.map(stepText);
    if (texts.some((t) => t === undefined) || e.steps.length === 0)
      return suggestUndetermined(
        {
          tr: "Adımların ekran metinleri oturumda satır içi saklanmamış: değerlendirici ekran görüntülerinden karar verir.",
          en: "The steps' screen texts were not kept inline by the session: the assessor decides from the screenshots.",
        },
        refs,
      );
    const all = texts.join("\n");
    const choice = CHOICE.find((w) => says(all, w));
    if (choice)
      return suggestPass(
        {
          tr: `Ekranda bir dil seçimi görülüyor ("${choice}").`,
          en: `A language choice is seen on screen ("${choice}").`,
        },
        refs,
      );
    const tr = words(all, TURKISH);
    const en = words(all, ENGLISH);
    if (tr >= 3 && en >= 3)
      return suggestPass(
        {
          tr: "Mesajlar birden çok dilde (Türkçe ve İngilizce) yazılmış.",
          en: "The messages are written in more than one language (Turkish and English).",
        },
        refs,
      );
    return suggestFail(
      {
        tr: `Yalnızca bir dil görüldü (${tr >= en ? "Türkçe" : "İngilizce"}), dil seçimi yok.`,
        en: `Only one language seen (${tr >= en ? "Turkish" : "English"}), no language choice.`,
      },
      refs,
    );
  },
});
