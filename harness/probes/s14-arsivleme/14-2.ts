// 14-2 (K: long-term retention): for archived signatures all validation data (certificates, CRL/OCSP, time-stamps
// and their own validation data) is kept or embedded. The application takes its own signature to the long-term
// levels it offers (upgrade, archive-renewal); each long-term output is validated by uyum on its embedded data
// alone (no fetching): TOTAL-PASSED there means nothing outside the file is needed.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { LONG_TERM_LEVELS, passed, refsOf, stepName, verdictText } from "../produced.ts";

export default defineProbe({
  how: {
    tr: "Uygulama kendi imzasını sunduğu uzun dönemli seviyelere (X-L, A, B-LT, B-LTA) yükseltir ve arşiv zaman damgasını yeniler; her çıktı uyum'un doğrulayıcısıyla hiçbir servise gidilmeden, yalnızca imzaya gömülü veriyle doğrulanır. Hepsi TOPLAM-GEÇERLİ ise ✓; biri gömülü veriyle doğrulanamıyorsa ✗.",
    en: "The application takes its own signature to the long-term levels it offers (X-L, A, B-LT, B-LTA) and renews the archive time-stamp; each output is validated by uyum's validator without reaching any service, on the data embedded in the signature alone. ✓ when all are TOTAL-PASSED; ✗ when one cannot be validated on its embedded data.",
  },
  uses: ["upgrade", "archive-renewal"],
  judge(given) {
    const steps = [...given.upgrade.steps, ...given["archive-renewal"].steps].filter(
      (s) => s.operation !== "sign" && s.output && LONG_TERM_LEVELS.includes(s.validation?.level ?? ""),
    );
    if (!steps.length)
      return undetermined({
        tr: "Uygulama bu kampanyada uzun dönemli (X-L / A / B-LT / B-LTA) imza üretmedi: profilde yükseltme/arşiv komutu yok ya da komutlar çıktı vermedi.",
        en: "The application produced no long-term (X-L / A / B-LT / B-LTA) signature in this campaign: the profile gives no upgrade/archive command, or the commands wrote nothing.",
      });
    const bad = steps.filter((s) => !passed(s.offline));
    if (bad.length)
      return fail(
        {
          tr: `Gömülü veriyle doğrulanamayan uzun dönemli imza: ${bad.map((s) => `${stepName(s)}: ${verdictText(s.offline)}`).join("; ")}.`,
          en: `Long-term signatures that do not validate on their embedded data: ${bad.map((s) => `${stepName(s)}: ${verdictText(s.offline)}`).join("; ")}.`,
        },
        bad.flatMap(refsOf),
      );
    return pass(
      {
        tr: `Uygulamanın ${steps.length} uzun dönemli imzası (${steps.map((s) => s.validation!.level).join(", ")}) yalnızca gömülü veriyle TOPLAM-GEÇERLİ.`,
        en: `The application's ${steps.length} long-term signatures (${steps.map((s) => s.validation!.level).join(", ")}) are TOTAL-PASSED on their embedded data alone.`,
      },
      steps.flatMap(refsOf),
    );
  },
});
