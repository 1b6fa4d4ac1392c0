// 13.1.1-1 (observed): the verifier can choose the signature file to verify and, for a detached signature, the signed
// document. The page is given every chosen vector and, for a detached one, its document: it must have taken the
// document and reached the expected verdict class on it (a page that ignored the document could not call it valid).
import { defineProbe } from "../kit.ts";
import { judgeScreens } from "../verification/screens.ts";

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları doğrulama sayfasında dosya seçilerek verilir; ayrık imzada imzalanan belge de sayfada ayrıca seçilir. Sayfanın her dosyaya bir sonuç gösterdiği ve ayrık imzayı belgesiyle doğrulayıp beklenen kararı verdiği denetlenir. Önerilen işaret.",
    en: "Chosen test signatures are given to the verification page by choosing the file; for a detached signature the signed document is chosen on the page as well. The page must show a result for each file and verify the detached one with its document, reaching the expected verdict. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.detached,
      about: { tr: "ayrık imza", en: "detached signature" },
      shown: {
        tr: "Sayfada imza dosyası ve ayrık imzanın belgesi seçilebiliyor; ayrık imza belgesiyle doğrulandı",
        en: "The page lets one choose the signature file and a detached signature's document; the detached signature was verified with it",
      },
      missing: (r) => {
        if (!r.app.took.detached)
          return [
            { tr: "ayrık imzanın belgesini seçme yeri", en: "a way to choose the detached signature's document" },
          ];
        const valid = r.expected.indication === "TOTAL-PASSED";
        return valid === (r.app.verdict === "valid")
          ? []
          : [
              {
                tr: `belgesiyle beklenen karar (sayfa: ${r.app.verdict})`,
                en: `the expected verdict with its document (the page: ${r.app.verdict})`,
              },
            ];
      },
    }),
});
