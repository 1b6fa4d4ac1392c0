// 13.1.4-2 (observed): the page shows the time the verification was made for and the validation data used:
// revocation (CRL/OCSP) and the time-stamps (their times). Looked for with the vector's validation time and the
// time-stamps uyum read from the file. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny, showsDate } from "../verification/screens.ts";

export const REVOCATION_DATA_WORDS = ["SİL", "CRL", "OCSP", "iptal listesi", "sertifika durum"];
export const TIMESTAMP_WORDS = ["zaman damgası", "time-stamp", "timestamp", "time stamp"];

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları kendi doğrulama zamanlarıyla doğrulama sayfasına verilir; sayfanın doğrulamanın hangi zamana göre yapıldığını (tarih), hangi iptal verisiyle (SİL/OCSP) yapıldığını ve imzadaki zaman damgalarını (zamanlarıyla) gösterdiği denetlenir. Önerilen işaret.",
    en: "Chosen test signatures are given to the verification page with their validation times; the page is checked for showing the time the verification was made for (date), the revocation data used (CRL/OCSP) and the signature's time-stamps (with their times). A suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: () => true,
      about: { tr: "test imzası", en: "test signature" },
      shown: {
        tr: "Sayfa doğrulama zamanını, kullanılan iptal verisini ve zaman damgalarını gösteriyor",
        en: "The page shows the reference time, the revocation data used and the time-stamps",
      },
      missing: (r, text) => {
        const ts = r.facts.signatures.flatMap((s) => s.timestamps);
        return [
          ...(showsDate(text, r.validationTime)
            ? []
            : [{ tr: `doğrulama zamanı (${r.validationTime})`, en: `the reference time (${r.validationTime})` }]),
          ...(saysAny(text, REVOCATION_DATA_WORDS)
            ? []
            : [{ tr: "kullanılan iptal verisi (SİL/OCSP)", en: "the revocation data used (CRL/OCSP)" }]),
          ...(ts.length > 0 &&
          !(saysAny(text, TIMESTAMP_WORDS) && ts.every((t) => !t.genTime || showsDate(text, t.genTime)))
            ? [
                {
                  tr: `zaman damgaları (${ts.map((t) => t.genTime ?? t.kind).join(", ")})`,
                  en: `the time-stamps (${ts.map((t) => t.genTime ?? t.kind).join(", ")})`,
                },
              ]
            : []),
        ];
      },
    }),
});
