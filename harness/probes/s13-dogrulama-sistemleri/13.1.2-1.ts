// 13.1.2-1 (observed): the page shows the signed document, and what it shows is the signed data. Looked for on
// vectors whose signed content is text (a CAdES that carries it, a detached one): every line of it in the page's
// text. A PDF is left to the assessor. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, showsText } from "../verification/screens.ts";

export default defineProbe({
  how: {
    tr: "İmzalanan belgesi metin olan test imzaları (içeriği taşıyan CAdES, ayrık imza) doğrulama sayfasına verilir; belgenin her satırının sayfanın metninde geçtiği denetlenir. PDF'in gösterimini değerlendirici ekran görüntüsünden onaylar. Önerilen işaret.",
    en: "Test signatures whose signed document is text (a CAdES carrying it, a detached signature) are given to the verification page; its text is checked for every line of the document. The display of a PDF is for the assessor to confirm on the screenshot. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.contentText !== undefined,
      about: { tr: "imzalanan belgesi metin olan bir imza", en: "signature whose signed document is text" },
      shown: { tr: "Sayfa imzalanan belgenin metnini gösteriyor", en: "The page shows the signed document's text" },
      missing: (r, text) =>
        showsText(text, r.facts.contentText!)
          ? []
          : [{ tr: "imzalanan belgenin metni", en: "the signed document's text" }],
    }),
});
