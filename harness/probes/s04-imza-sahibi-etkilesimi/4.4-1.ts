// 4.4-1 (observed): the signer can choose the document and see it before signing. Machine check: the page took
// the document the session chose, and the agent's window showed it (its text) before the certificate and PIN
// steps. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { previewShowsDocument, screenRefs, suggestFail, suggestPass } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Belge sayfada seçilir ve imzaya gönderilir; imza penceresinin, sertifika ve PIN adımlarından önce belgenin metnini gösterdiği makineyle denetlenir. Önerilen işaret.",
    en: "The document is chosen on the page and sent to be signed; the machine checks that the signing window shows its text before the certificate and PIN steps. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = [...screenRefs(e, "page-started"), ...screenRefs(e, "window-document", "#belge-onizleme")];
    if (!e.documentView)
      return suggestFail(
        {
          tr: "Belge seçildi ama imza penceresi belgeyi göstermeden imzaya geçti.",
          en: "The document was chosen but the signing window went on to sign without showing it.",
        },
        refs,
      );
    if (!previewShowsDocument(e))
      return suggestFail(
        {
          tr: "İmza penceresinin belge adımı seçilen belgenin metnini göstermiyor.",
          en: "The signing window's document step does not show the chosen document's text.",
        },
        refs,
      );
    return suggestPass(
      {
        tr: "Seçilen belge, sertifika ve PIN adımlarından önce imza penceresinde gösterildi.",
        en: "The chosen document was shown in the signing window before the certificate and PIN steps.",
      },
      refs,
    );
  },
});
