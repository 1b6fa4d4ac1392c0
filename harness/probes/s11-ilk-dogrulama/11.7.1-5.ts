// 11.7.1-5 (observed, K): a monetary limit or usage restriction in the certificate is taken into account and shown:
// a certificate with a monetary limit (KAMU SM 25: a limit, even 0, does not invalidate) is called valid with the
// limit shown; one with a usage restriction (KAMU SM 26) is not called valid and the restriction is shown.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny } from "../verification/screens.ts";
import { says } from "../screen.ts";
import { LIMIT_WORDS, RESTRICTION_WORDS } from "../s13-dogrulama-sistemleri/13.1.3-2.ts";

export default defineProbe({
  how: {
    tr: "Para limitli (KAMU SM 25) ve kullanım kısıtlı (KAMU SM 26) sertifikalarla atılmış test imzaları doğrulama sayfasına verilir; limitlinin geçerli sayılıp limitin (tutar, para birimi) gösterildiği, kısıtlının geçerli sayılmayıp kısıtın söylendiği denetlenir. Önerilen işaret.",
    en: "Test signatures by a certificate with a monetary limit (KAMU SM 25) and one with a usage restriction (KAMU SM 26) are given to the verification page; the limited one must be called valid with the limit (amount, currency) shown, the restricted one not valid with the restriction named. A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.cert?.limit || s.cert?.usageRestriction),
      about: {
        tr: "para limitli ya da kullanım kısıtlı sertifikayla atılmış bir imza",
        en: "signature by a certificate with a monetary limit or a usage restriction",
      },
      shown: {
        tr: "Sayfa limiti ve kısıtı dikkate alıp gösteriyor",
        en: "The page takes the limit and the restriction into account and shows them",
      },
      missing: (r, text) => {
        const c = r.facts.signatures.find((s) => s.cert?.limit || s.cert?.usageRestriction)!.cert!;
        const valid = r.expected.indication === "TOTAL-PASSED";
        const out = [];
        if (valid !== (r.app.verdict === "valid"))
          out.push({
            tr: `beklenen karar (${valid ? "geçerli" : "geçerli değil"}; sayfa: ${r.app.verdict})`,
            en: `the expected verdict (${valid ? "valid" : "not valid"}; the page: ${r.app.verdict})`,
          });
        if (
          c.limit &&
          !(saysAny(text, LIMIT_WORDS) && says(text, c.limit.currency) && says(text, String(c.limit.amount)))
        )
          out.push({
            tr: `para limiti (${c.limit.amount} ${c.limit.currency})`,
            en: `the monetary limit (${c.limit.amount} ${c.limit.currency})`,
          });
        if (c.usageRestriction && !saysAny(text, RESTRICTION_WORDS))
          out.push({ tr: "kullanım kısıtı", en: "the usage restriction" });
        return out;
      },
    }),
});
