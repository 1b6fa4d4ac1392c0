// 2.3-1 (K: presentation-insensitive documents such as XML are signed, observed): such a document is displayed in
// one and only one way. The window-review-xml session shows the signing window an XML document whose meaning lies
// partly where a renderer may drop it (the currency in an attribute, angle brackets in a CDATA section). Its source
// text shown as it is: one way, ✓. A window that shows nothing, or a rendering that loses the attribute or the
// CDATA text: ✗. A rendering that keeps both: whether it is the only one (one fixed style sheet, shipped with the
// application) is the assessor's to see. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, plain, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

/** What a renderer may drop and the signer must still see: the attribute's value, the CDATA text. */
const MUST_SHOW = [
  { text: 'birim="TL"', what: { tr: "tutarın para birimi (öznitelik)", en: "the amount's currency (an attribute)" } },
  { text: "Ödeme <hemen> yapılacaktır.", what: { tr: "CDATA içindeki metin", en: "the text in the CDATA section" } },
];

const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();

export default defineProbe({
  how: {
    tr: "İmza penceresine, anlamının bir kısmı bir işleyicinin atabileceği yerlerde duran bir XML belgesi gösterilir (öznitelikteki para birimi, CDATA içinde açılı ayraçlar). Kaynak metni olduğu gibi gösterilirse tek biçimde gösterilmiştir: ✓. Hiç gösterilmez ya da işlenmiş gösterimde öznitelik veya CDATA metni kaybolursa ✗. İkisini de koruyan işlenmiş gösterimin tek olup olmadığını değerlendirici görür. Önerilen işaret.",
    en: "The signing window is shown an XML document whose meaning lies partly where a renderer may drop it (the currency in an attribute, angle brackets in a CDATA section). Its source text shown as it is means one way: ✓. Nothing shown, or a rendering that loses the attribute or the CDATA text: ✗. Whether a rendering that keeps both is the only one is the assessor's to see. A suggested mark.",
  },
  uses: ["window-review-xml"],
  judge(given): Judgement {
    const e = given["window-review-xml"];
    const refs = screenRefs(e, "window-document", "#belge-onizleme");
    const v = e.documentView;
    if (v === null || !v.previewText.trim()) {
      if (v === null && e.steps.length === 0) return suggestUndetermined(endedEarly(e), refs);
      return suggestFail(
        {
          tr: "XML belge imzadan önce gösterilmedi.",
          en: "The XML document was not shown before signing.",
        },
        [...refs, e.document],
      );
    }
    if (squeeze(v.previewText) === squeeze(e.documentText))
      return suggestPass(
        {
          tr: "XML belge kaynak metniyle, karakteri karakterine gösterildi (öznitelikler ve CDATA dahil): tek biçimde.",
          en: "The XML document was shown as its source text, character for character (attributes and CDATA included): one way only.",
        },
        [...refs, e.document],
      );
    const lost = MUST_SHOW.filter((m) => !plain(v.previewText).includes(plain(m.text)));
    if (lost.length > 0)
      return suggestFail(
        {
          tr: `Pencere XML'i işleyerek gösterdi ve şunlar görünmüyor: ${lost.map((m) => `${m.what.tr} «${m.text}»`).join("; ")}; imzacının gördüğü, imzalanan belgenin tamamı değil ve işleyiciye bağlı.`,
          en: `The window rendered the XML and these are not seen: ${lost.map((m) => `${m.what.en} «${m.text}»`).join("; ")}; what the signer saw is not all that is signed, and depends on the renderer.`,
        },
        [...refs, e.document],
      );
    return suggestUndetermined(
      {
        tr: "Pencere XML'i kaynak metni yerine işleyerek gösterdi; öznitelik ve CDATA metni görünüyor. Bu gösterimin tek olduğu (uygulamayla gelen sabit bir stil sayfası) değerlendiricinin denetimine kalır.",
        en: "The window rendered the XML rather than showing its source; the attribute and the CDATA text are seen. That this rendering is the only one (a fixed style sheet shipped with the application) is the assessor's to check.",
      },
      [...refs, e.document],
    );
  },
});
