// 2.1-9 (Z, observed): before signing, the document is displayed in a form the signer cannot edit, so it cannot
// be changed by accident. Read from the window-review session's document step: the page object says whether the
// preview is editable (a text field or editable content). A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Belge, uygulamanın sayfası ve imza ajanının penceresi üzerinden imzalatılır; pencerenin belge adımında önizlemenin düzenlenebilir olup olmadığı (metin alanı ya da düzenlenebilir içerik) sayfa nesnesince okunur; ekran görüntüsü kanıttır. Önerilen işaret.",
    en: "The document is signed through the application's page and the signer agent's window; at the window's document step the page object reads whether the preview can be edited (a text field or editable content); the screenshot is the evidence. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = screenRefs(e, "window-document", "#belge-onizleme");
    const v = e.documentView;
    if (!v)
      return suggestFail(
        {
          tr: "İmza penceresi belgeyi göstermeden imzaya geçti: belge imzadan önce hiç görüntülenmedi.",
          en: "The signing window went on to sign without showing the document: it was never displayed before signing.",
        },
        refs,
      );
    if (v.editable === undefined)
      return suggestUndetermined(
        {
          tr: "Belge imzadan önce gösterildi, ama profilin sayfa nesnesi önizlemenin düzenlenebilir olup olmadığını bildirmiyor: değerlendirici ekran görüntüsünden karar verir.",
          en: "The document was shown before signing, but the profile's page object does not report whether the preview can be edited: the assessor decides from the screenshot.",
        },
        refs,
      );
    if (v.editable)
      return suggestFail(
        {
          tr: "İmzadan önce belge düzenlenebilir bir alanda gösteriliyor: imzacı onu kazara değiştirebilir.",
          en: "Before signing the document is shown in an editable field: the signer can change it by accident.",
        },
        refs,
      );
    return suggestPass(
      {
        tr: "İmzadan önce belge düzenlenemez bir önizlemede gösteriliyor.",
        en: "Before signing the document is shown in a preview that cannot be edited.",
      },
      refs,
    );
  },
});
