// 13.1.3-3 (observed, K): when the signer's certificate carries a pseudonym, the page says so plainly. Looked for on
// vectors whose certificate has a pseudonym attribute (2.5.4.65). A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";

export const PSEUDONYM_WORDS = ["takma ad", "pseudonym", "mahlas"];

export default defineProbe({
  how: {
    tr: "Takma adlı (pseudonym) sertifikayla atılmış test imzası doğrulama sayfasına verilir; sayfanın takma adı ve bunun bir takma ad olduğunu söylediği denetlenir. Önerilen işaret.",
    en: "A test signature by a certificate with a pseudonym is given to the verification page; the page is checked for showing the pseudonym and saying it is one. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.cert?.pseudonym),
      about: { tr: "takma adlı sertifikayla atılmış bir imza", en: "signature by a certificate with a pseudonym" },
      shown: {
        tr: "Sayfa takma adı ve bunun takma ad olduğunu söylüyor",
        en: "The page shows the pseudonym and says it is one",
      },
      missing: (r, text) =>
        r.facts.signatures.flatMap((s) => {
          const p = s.cert?.pseudonym;
          if (!p) return [];
          return says(text, p) && saysAny(text, PSEUDONYM_WORDS)
            ? []
            : [{ tr: `takma ad (${p}) ve bunun takma ad olduğu`, en: `the pseudonym (${p}) and that it is one` }];
        }),
    }),
});
