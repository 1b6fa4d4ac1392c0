// 15-6 (observed, K): for serial signatures the page shows the order/hierarchy: every signer, and that one signs
// over another (counter-signature). Looked for on vectors with a counter-signature. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";

export const SERIAL_WORDS = [
  "seri imza",
  "karşı imza",
  "counter-signature",
  "countersignature",
  "counter signature",
  "serial signature",
];

export default defineProbe({
  how: {
    tr: "Seri (karşı) imzalı test imzaları doğrulama sayfasına verilir; her imzacının adının ve karşı imzanın hangi imzanın üzerine atıldığının (seri imza / karşı imza) sayfada söylendiği denetlenir. Önerilen işaret.",
    en: "Test signatures with a serial (counter-) signature are given to the verification page; the page is checked for naming every signer and saying which signature the counter-signature is over (serial / counter-signature). A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.counterSignatureOf !== undefined),
      about: { tr: "seri (karşı) imzalı bir dosya", en: "file with a serial (counter-) signature" },
      shown: {
        tr: "Sayfa her imzacıyı ve karşı imzanın hangi imzanın üzerine atıldığını gösteriyor",
        en: "The page shows every signer and which signature the counter-signature is over",
      },
      missing: (r, text) => [
        ...r.facts.signatures
          .map((s) => s.cert?.commonName ?? s.cert?.subject)
          .filter((n): n is string => n !== undefined && !says(text, n))
          .map((n) => ({ tr: `imzacı ${n}`, en: `the signer ${n}` })),
        ...(saysAny(text, SERIAL_WORDS)
          ? []
          : [
              {
                tr: "imzaların sırası (seri / karşı imza)",
                en: "the order of the signatures (serial / counter-signature)",
              },
            ]),
      ],
    }),
});
