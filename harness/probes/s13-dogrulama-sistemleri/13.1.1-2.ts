// 13.1.1-2 (observed, K): a file with several signatures: all are listed, with their serial/parallel structure, each
// with its own result. Looked for on vectors with parallel and counter-signatures. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";
import { SERIAL_WORDS } from "../s15-coklu-imza/15-6.ts";

export const PARALLEL_WORDS = ["paralel", "parallel"];

export default defineProbe({
  how: {
    tr: "Seri ve paralel imzalı test imzaları doğrulama sayfasına verilir; her imzanın (imzacısıyla) listelendiği ve yapının (seri: karşı imza / paralel) söylendiği denetlenir. Hangi imzanın seçilebildiğini değerlendirici ekranda onaylar. Önerilen işaret.",
    en: "Test signatures with serial and parallel signatures are given to the verification page; the page is checked for listing every signature (with its signer) and saying the structure (serial: counter-signature / parallel). That one can be chosen is for the assessor to confirm. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.length > 1,
      about: { tr: "birden çok imzalı bir dosya", en: "file with several signatures" },
      shown: {
        tr: "Sayfa her imzayı imzacısıyla ve seri/paralel yapısıyla listeliyor",
        en: "The page lists every signature with its signer and its serial/parallel structure",
      },
      missing: (r, text) => {
        const serial = r.facts.signatures.some((s) => s.counterSignatureOf !== undefined);
        return [
          ...r.facts.signatures
            .map((s) => s.cert?.commonName ?? s.cert?.subject)
            .filter((n): n is string => n !== undefined && !says(text, n))
            .map((n) => ({ tr: `imzacı ${n}`, en: `the signer ${n}` })),
          ...(saysAny(text, serial ? SERIAL_WORDS : PARALLEL_WORDS)
            ? []
            : [
                serial
                  ? { tr: "seri (karşı imza) yapısı", en: "the serial (counter-signature) structure" }
                  : { tr: "paralel yapı", en: "the parallel structure" },
              ]),
        ];
      },
    }),
});
