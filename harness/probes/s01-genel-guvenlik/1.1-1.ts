// 1.1-1 (observed): the data signed is the data shown, and nothing else. Machine checks on one signing through
// the agent's window: the document step shows the document's text whole; the digest the window shows (when it
// shows one) is the SHA-256 of the document given; and the content the CAdES signature carries hashes to the
// same SHA-256, i.e. the bytes signed are the bytes previewed. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { documentStepRefs, plain, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Düz metin bir belge sayfadan imzaya gönderilir; imza penceresinin belge adımında belgenin tamamının gösterildiği, pencerenin gösterdiği özetin belgenin SHA-256'sı olduğu ve imzanın içerdiği verinin (imzalanan baytlar) aynı SHA-256'ya sahip olduğu makineyle denetlenir. Önerilen işaret.",
    en: "A plain-text document is sent from the page to be signed; the machine checks that the window's document step shows the whole document, that the digest the window shows is the document's SHA-256, and that the content the signature carries (the bytes signed) has that same SHA-256. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = documentStepRefs(e);
    const d = e.documentView;
    if (!d)
      return suggestFail(
        {
          tr: "İmza penceresi belgeyi göstermeden sertifika/PIN adımına geçti: imzalanan veri ekranda gösterilmedi.",
          en: "The signing window went to the certificate/PIN step without showing the document: the data signed was not shown.",
        },
        refs,
      );
    if (!plain(d.previewText).includes(plain(e.documentText)))
      return suggestFail(
        {
          tr: "Önizleme belgenin metnini tam göstermiyor.",
          en: "The preview does not show the document's text whole.",
        },
        refs,
      );
    if (d.shownSha256 && d.shownSha256.toLowerCase() !== e.documentSha256)
      return suggestFail(
        {
          tr: `Pencerenin gösterdiği özet (${d.shownSha256}) belgenin SHA-256'sı (${e.documentSha256}) değil.`,
          en: `The digest the window shows (${d.shownSha256}) is not the document's SHA-256 (${e.documentSha256}).`,
        },
        refs,
      );
    if (!e.signedContentSha256)
      return suggestUndetermined(
        {
          tr: `Belge gösterildi, ama imzalanan baytlar imzadan okunamadı (${e.signature ? "imza içeriği taşımıyor" : `imza yok: ${e.outcome.message}`}).`,
          en: `The document was shown, but the bytes signed could not be read from the signature (${e.signature ? "it carries no content" : `no signature: ${e.outcome.message}`}).`,
        },
        refs,
      );
    if (e.signedContentSha256 !== e.documentSha256)
      return suggestFail(
        {
          tr: `İmzalanan baytlar gösterilen belge değil: imzanın içeriğinin SHA-256'sı ${e.signedContentSha256}, gösterilen belgeninki ${e.documentSha256}.`,
          en: `The bytes signed are not the document shown: the signature's content has SHA-256 ${e.signedContentSha256}, the document shown ${e.documentSha256}.`,
        },
        refs,
      );
    return suggestPass(
      {
        tr: `Belge tam gösterildi${d.shownSha256 ? ", gösterilen özet belgeninki" : ""}; imzalanan baytlar gösterilenlerle aynı (SHA-256 ${e.documentSha256}).`,
        en: `The document was shown whole${d.shownSha256 ? ", the digest shown is the document's" : ""}; the bytes signed are the bytes shown (SHA-256 ${e.documentSha256}).`,
      },
      refs,
    );
  },
});
