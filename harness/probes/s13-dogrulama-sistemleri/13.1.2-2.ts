// 13.1.2-2 (observed): the page shows the signed attributes: the signing time and, when the signature has one, the
// signature policy. Looked for with the values uyum read from each signature. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, showsDate } from "../verification/screens.ts";
import { says } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları doğrulama sayfasına verilir; her imzanın imzalı imza zamanının (tarih) ve varsa imza politikasının (OID) sayfanın metninde geçtiği denetlenir. Önerilen işaret.",
    en: "Chosen test signatures are given to the verification page; its text is checked for each signature's signed signing time (date) and its signature policy (OID) when it has one. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.signingTime || s.policy),
      about: { tr: "imzalı özellikleri olan bir imza", en: "signature with signed attributes" },
      shown: {
        tr: "Sayfa imza zamanını ve imza politikasını gösteriyor",
        en: "The page shows the signing time and the signature policy",
      },
      missing: (r, text) =>
        r.facts.signatures.flatMap((s) => [
          ...(s.signingTime && !showsDate(text, s.signingTime)
            ? [{ tr: `imza zamanı (${s.signingTime})`, en: `the signing time (${s.signingTime})` }]
            : []),
          ...(s.policy && !says(text, s.policy)
            ? [{ tr: `imza politikası (${s.policy})`, en: `the signature policy (${s.policy})` }]
            : []),
        ]),
    }),
});
