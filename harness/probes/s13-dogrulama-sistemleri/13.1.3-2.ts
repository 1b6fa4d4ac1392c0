// 13.1.3-2 (observed): the verification page says whether the signer's certificate is qualified (NES), and shows
// its monetary limit (QcLimitValue) and usage restriction when it has them. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";

// phrases about the certificate (a document may well speak of a "nitelikli elektronik imza", an issuer be a
// "NES Sertifika Hizmet Sağlayıcısı")
export const QUALIFIED_WORDS = [
  "nitelikli elektronik sertifika",
  "nitelikli sertifika",
  "qualified certificate",
  "qualified electronic certificate",
];
export const LIMIT_WORDS = ["limit", "para limiti", "QcLimitValue", "monetary limit"];
export const RESTRICTION_WORDS = ["kullanım kısıtı", "usage restriction"];

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları (nitelikli sertifikalı, para limitli ve kullanım kısıtlı sertifikalı olanlar dahil) doğrulama sayfasına verilir; sayfanın metninde sertifikanın nitelikli olduğunun, varsa para limitinin (tutar ve para birimi) ve kullanım kısıtının söylendiği denetlenir. Önerilen işaret.",
    en: "Chosen test signatures (qualified certificates, one with a monetary limit, one with a usage restriction) are given to the verification page; its text is checked for the certificate being qualified, its monetary limit (amount and currency) and usage restriction when present. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.cert),
      about: { tr: "sertifikası okunabilen bir imza", en: "signature with a readable certificate" },
      shown: {
        tr: "Sayfa sertifikanın nitelikli olup olmadığını, para limitini ve kullanım kısıtını gösteriyor",
        en: "The page shows whether the certificate is qualified, its monetary limit and usage restriction",
      },
      missing: (r, text) =>
        r.facts.signatures.flatMap((s) => {
          const c = s.cert;
          if (!c) return [];
          return [
            ...(saysAny(text, QUALIFIED_WORDS)
              ? []
              : [{ tr: "sertifikanın nitelikli olup olmadığı", en: "whether the certificate is qualified" }]),
            ...(c.limit &&
            !(saysAny(text, LIMIT_WORDS) && says(text, c.limit.currency) && says(text, String(c.limit.amount)))
              ? [
                  {
                    tr: `para limiti (${c.limit.amount}×10^${c.limit.exponent} ${c.limit.currency})`,
                    en: `the monetary limit (${c.limit.amount}×10^${c.limit.exponent} ${c.limit.currency})`,
                  },
                ]
              : []),
            ...(c.usageRestriction && !saysAny(text, RESTRICTION_WORDS)
              ? [{ tr: "kullanım kısıtı", en: "the usage restriction" }]
              : []),
          ];
        }),
    }),
});
