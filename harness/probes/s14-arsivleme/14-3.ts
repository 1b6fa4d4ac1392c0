// 14-3 (K: archive time-stamps used): archive time-stamps are renewed. The application is asked to renew the
// archive time-stamp of its own A / B-LTA signature (archive-renewal); the output must validate (TOTAL-PASSED at
// A / B-LTA, live) and carry one more archive time-stamp than the signature it was given.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { ARCHIVE_LEVELS, baseProblem, passed, refsOf, stepName, verdictText } from "../produced.ts";

export default defineProbe({
  how: {
    tr: "Uygulamanın kendi A / B-LTA imzasına profildeki arşiv komutuyla yeni arşiv zaman damgası ekletilir; çıktı uyum'un doğrulayıcısıyla (canlı iptal verisiyle) A / B-LTA seviyesinde TOPLAM-GEÇERLİ olmalı ve verilen imzadan bir fazla arşiv zaman damgası taşımalıdır.",
    en: "The application is asked, with the profile's archive command, to add a new archive time-stamp to its own A / B-LTA signature; the output must be TOTAL-PASSED at A / B-LTA by uyum's validator (live revocation) and carry one more archive time-stamp than the signature it was given.",
  },
  uses: ["archive-renewal"],
  judge(given) {
    const steps = given["archive-renewal"].steps;
    const renewals = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.operation === "archive");
    if (!renewals.length)
      return undetermined({
        tr: "Profilde arşiv zaman damgası yenileme komutu (driver.settings.archive) yok, ya da yenilenecek A seviyesinde imza üretilemedi; yenileme görülmedi.",
        en: "The profile gives no archive renewal command (driver.settings.archive), or no A-level signature could be made to renew; renewal was not seen.",
      });
    const problems: string[] = [];
    for (const { s, i } of renewals) {
      const base = baseProblem(steps, i);
      if (base) return undetermined(base, steps.flatMap(refsOf));
      if (!ARCHIVE_LEVELS.includes(steps[i - 1]?.validation?.level ?? ""))
        return undetermined(
          {
            tr: `Yenilemeye verilen imza A / B-LTA değildi (${steps[i - 1]?.validation?.level ?? "?"}).`,
            en: `The signature given for renewal was not A / B-LTA (${steps[i - 1]?.validation?.level ?? "?"}).`,
          },
          refsOf(steps[i - 1]!),
        );
      if (!s.output) problems.push(`${stepName(s)}: no output (${s.ended ?? "?"})`);
      else if (!passed(s.validation) || !ARCHIVE_LEVELS.includes(s.validation!.level))
        problems.push(`${stepName(s)}: ${verdictText(s.validation)}`);
      else if ((s.archiveTimestampsAfter ?? 0) <= (s.archiveTimestampsBefore ?? 0))
        problems.push(
          `${stepName(s)}: ${s.archiveTimestampsBefore} archive time-stamp(s) before, ${s.archiveTimestampsAfter} after`,
        );
    }
    if (problems.length)
      return fail(
        {
          tr: `Arşiv zaman damgası yenilenemedi: ${problems.join("; ")}.`,
          en: `The archive time-stamp was not renewed: ${problems.join("; ")}.`,
        },
        renewals.flatMap(({ s }) => refsOf(s)),
      );
    const r = renewals[0]!.s;
    return pass(
      {
        tr: `Arşiv zaman damgası yenilendi: ${r.archiveTimestampsBefore} → ${r.archiveTimestampsAfter} arşiv zaman damgası, çıktı ${r.validation!.level} seviyesinde TOPLAM-GEÇERLİ.`,
        en: `The archive time-stamp was renewed: ${r.archiveTimestampsBefore} → ${r.archiveTimestampsAfter} archive time-stamps, the output TOTAL-PASSED at ${r.validation!.level}.`,
      },
      renewals.flatMap(({ s }) => refsOf(s)),
    );
  },
});
