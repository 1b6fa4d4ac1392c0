// 11.6-2 (Z): the validation data gathered in the initial verification (chain, CRL/OCSP, time-stamp) is stored or
// embedded (ES-C / ES-X-L) for later verifications. What a driver can show: the application takes its own
// signature to X-L / B-LT (upgrade), gathering that data; the output must carry the certificate and revocation
// values and stand on them alone (uyum validates it without reaching any service). Data an application keeps
// outside the signature (a database) is not visible to a driver: without an X-L output the item stays "?".
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { passed, refsOf, stepName, verdictText } from "../produced.ts";
import type { ProducedStep } from "../../sessions/catalogue.ts";

const X_L = ["X-L", "B-LT"];
const carried = (s: ProducedStep) => {
  const e = s.embedded ?? {};
  return `${e.certificateValues ?? 0} certificate values, ${e.revocationValues?.crls ?? 0} CRL, ${e.revocationValues?.ocsp ?? 0} OCSP, ${e.certificateRefs ?? 0} certificate refs, ${e.revocationRefs ?? 0} revocation refs`;
};
const carriedTr = (s: ProducedStep) => {
  const e = s.embedded ?? {};
  return `${e.certificateValues ?? 0} sertifika değeri, ${e.revocationValues?.crls ?? 0} SİL, ${e.revocationValues?.ocsp ?? 0} OCSP, ${e.certificateRefs ?? 0} sertifika referansı, ${e.revocationRefs ?? 0} iptal referansı`;
};

export default defineProbe({
  how: {
    tr: "Uygulama kendi imzasını X-L / B-LT'ye yükseltir (ilk doğrulamanın verisini toplayıp ekler). Çıktıda sertifika değerleri ve iptal değerleri (SİL/OCSP) bulunmalı ve uyum'un doğrulayıcısı imzayı hiçbir servise gitmeden, yalnızca bu gömülü veriyle TOPLAM-GEÇERLİ bulmalı.",
    en: "The application upgrades its own signature to X-L / B-LT (gathering and embedding the initial verification's data). The output must carry certificate values and revocation values (CRL/OCSP), and uyum's validator must find it TOTAL-PASSED without reaching any service, on that embedded data alone.",
  },
  uses: ["upgrade"],
  judge(given) {
    const steps = given.upgrade.steps.filter(
      (s) => s.operation === "upgrade" && s.output && X_L.includes(s.validation?.level ?? ""),
    );
    if (!steps.length)
      return undetermined(
        {
          tr: "Uygulama bu kampanyada X-L / B-LT imza üretmedi (profilde bu seviyeye yükseltme yok ya da komut çıktı vermedi): toplanan doğrulama verisini imzaya ekleyip eklemediği görülemedi; imza dışında sakladığı veri sürücüyle görülemez.",
          en: "The application produced no X-L / B-LT signature in this campaign (no upgrade to that level in the profile, or the command wrote nothing): whether it embeds the validation data it gathered is not seen; data it keeps outside the signature is not visible to the driver.",
        },
        given.upgrade.steps.flatMap(refsOf),
      );
    const noValues = steps.filter(
      (s) =>
        !(s.embedded?.certificateValues ?? 0) ||
        !((s.embedded?.revocationValues?.crls ?? 0) + (s.embedded?.revocationValues?.ocsp ?? 0)),
    );
    const notOwn = steps.filter((s) => !passed(s.offline));
    const bad = [...new Set([...noValues, ...notOwn])];
    if (bad.length)
      return fail(
        {
          tr: `Doğrulama verisini eksik saklayan X-L çıktısı: ${bad.map((s) => `${stepName(s)}: ${carriedTr(s)}; yalnızca gömülü veriyle ${verdictText(s.offline)}`).join(" — ")}.`,
          en: `X-L outputs that do not keep the validation data: ${bad.map((s) => `${stepName(s)}: ${carried(s)}; on its embedded data alone ${verdictText(s.offline)}`).join(" — ")}.`,
        },
        bad.flatMap(refsOf),
      );
    return pass(
      {
        tr: `X-L çıktısı doğrulama verisini taşıyor ve yalnızca onunla TOPLAM-GEÇERLİ: ${steps.map((s) => `${stepName(s)}: ${carriedTr(s)}`).join(" — ")}.`,
        en: `The X-L output carries the validation data and is TOTAL-PASSED on it alone: ${steps.map((s) => `${stepName(s)}: ${carried(s)}`).join(" — ")}.`,
      },
      steps.flatMap(refsOf),
    );
  },
});
