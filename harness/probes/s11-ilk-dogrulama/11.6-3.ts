// 11.6-3 (observed, O): the result and the validation data used can be saved as a report. The page is asked to save
// its result (the page object's saveReport: a download it offers); the saved report must carry the verdict and the
// signer. Printing is for the assessor to confirm. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";

export const VERDICT_WORDS = ["geçerli", "geçersiz", "belirsiz", "valid", "invalid", "indeterminate"];

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları doğrulama sayfasına verilir ve sayfanın sunduğu rapor kaydetme (indirme) yoluyla sonuç kaydedilir; raporun kararı ve imzacıyı taşıdığı denetlenir. Yazdırmayı değerlendirici onaylar. Önerilen işaret.",
    en: "Chosen test signatures are given to the verification page and the result is saved through the report download the page offers; the report is checked for the verdict and the signer. Printing is for the assessor to confirm. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: () => true,
      about: { tr: "test imzası", en: "test signature" },
      shown: {
        tr: "Sayfa sonucu, kararı ve imzacıyı taşıyan bir rapor olarak kaydettiriyor",
        en: "The page saves the result as a report carrying the verdict and the signer",
      },
      missing: (r) => {
        if (!r.report)
          return [{ tr: "kaydedilebilen bir doğrulama raporu", en: "a verification report that can be saved" }];
        const who = r.facts.signatures[0]?.cert?.commonName;
        return [
          ...(saysAny(r.report.text, VERDICT_WORDS) ? [] : [{ tr: "raporda karar", en: "the verdict in the report" }]),
          ...(who && !says(r.report.text, who)
            ? [{ tr: `raporda imzacı (${who})`, en: `the signer in the report (${who})` }]
            : []),
        ];
      },
    }),
});
