// 2.2-1 (Z, observed): the signed document is presented to the signer as it will be to the verifier. Read from the
// window-review session: the window's preview showed the document's text, the signature that came out signs those
// very bytes (the content a CAdES signature carries), and it tells a verifier what the document is (content-hints,
// or a format whose bytes say what they are: the rule of 2.1-2), so a verifier presents the same bytes the same
// way. A suggestion.
import { CADES_ATTR } from "../../asn1/oids.ts";
import { isSelfDescribing, mediaTypeOfName } from "../document-type.ts";
import { defineProbe, type Judgement } from "../kit.ts";
import {
  endedEarly,
  previewShowsDocument,
  documentStepRefs,
  suggestFail,
  suggestPass,
  suggestUndetermined,
} from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Bir metin belgesi sayfa ve imza ajanının penceresi üzerinden imzalatılır: pencerenin önizlemesinin belgenin metnini gösterdiği, çıkan imzanın (içeriği taşıyan CAdES) tam o baytları imzaladığı ve belgenin türünü doğrulayıcıya söylediği (content-hints ya da türünü kendi söyleyen bir biçim) denetlenir. Önerilen işaret.",
    en: "A text document is signed through the page and the signer agent's window: the machine checks that the window's preview shows the document's text, that the signature that comes out (a CAdES carrying the content) signs exactly those bytes, and that it tells a verifier the document's type (content-hints, or a format that says what it is). A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = documentStepRefs(e);
    const wrong: { tr: string; en: string }[] = [];
    if (!e.documentView)
      wrong.push({ tr: "belge imzacıya hiç gösterilmedi", en: "the document was never shown to the signer" });
    else if (!previewShowsDocument(e))
      wrong.push({ tr: "önizleme belgenin metnini göstermiyor", en: "the preview does not show the document's text" });
    if (!e.signature) {
      if (wrong.length === 0) return suggestUndetermined(endedEarly(e), refs);
    } else {
      if (e.signedContentSha256 !== undefined && e.signedContentSha256 !== e.documentSha256)
        wrong.push({
          tr: `imza gösterilenden başka baytları imzalıyor (SHA-256 ${e.signedContentSha256.slice(0, 12)}…, belge ${e.documentSha256.slice(0, 12)}…)`,
          en: `the signature signs other bytes than those shown (SHA-256 ${e.signedContentSha256.slice(0, 12)}…, the document ${e.documentSha256.slice(0, 12)}…)`,
        });
      const ownType = mediaTypeOfName(e.fileName);
      const told =
        e.signedAttributes?.includes(CADES_ATTR.contentHints) || (ownType !== undefined && isSelfDescribing(ownType));
      if (e.signedAttributes && !told)
        wrong.push({
          tr: `imza belgenin türünü söylemiyor (content-hints yok; ${ownType ?? "bilinmeyen tür"} kendi türünü söyleyen bir biçim değil)`,
          en: `the signature does not tell the document's type (no content-hints; ${ownType ?? "an unknown type"} is no format that says what it is)`,
        });
    }
    if (wrong.length)
      return suggestFail(
        {
          tr: `İmzacıya gösterilenle doğrulayıcıya gösterilecek olan aynı olmayabilir: ${wrong.map((w) => w.tr).join("; ")}.`,
          en: `What the signer was shown and what a verifier will show may differ: ${wrong.map((w) => w.en).join("; ")}.`,
        },
        refs,
      );
    if (e.signedContentSha256 === undefined || !e.signedAttributes)
      return suggestUndetermined(
        {
          tr: "Önizleme belgenin metnini gösterdi, ama imza içeriği ya da imzalı özellikleri uyum'un okuyabileceği biçimde taşımıyor (ayrık ya da CAdES olmayan imza): imzalanan baytlar gösterilenle karşılaştırılamadı.",
          en: "The preview showed the document's text, but the signature does not carry the content or signed attributes in a form uyum reads (detached, or not CAdES): the signed bytes could not be compared with those shown.",
        },
        refs,
      );
    return suggestPass(
      {
        tr: "Önizleme belgenin metnini gösterdi; imza tam o baytları imzalıyor ve belgenin türünü doğrulayıcıya söylüyor.",
        en: "The preview showed the document's text; the signature signs exactly those bytes and tells a verifier the document's type.",
      },
      refs,
    );
  },
});
