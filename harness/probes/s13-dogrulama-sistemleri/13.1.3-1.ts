// 13.1.3-1 (observed): the verification page shows the signer's details from the certificate: name (subject),
// T.C. kimlik no (serialNumber), the issuing ESHS, validity and the certificate's serial number. Looked for in the
// page's text, with the values uyum read from each signature's certificate. A suggestion.
import { defineProbe } from "../kit.ts";
import { judgeScreens, saysAny, showsDate, showsHex } from "../verification/screens.ts";
import { says } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Seçilmiş test imzaları uygulamanın doğrulama sayfasına verilir; her imzanın sertifikasındaki imzacı adı (Subject CN), T.C. kimlik no (serialNumber), sertifikayı veren ESHS, geçerlilik bitişi ve sertifika seri numarasının sayfanın metninde geçtiği denetlenir. Ekran görüntüsü kanıttır; önerilen işaret.",
    en: "Chosen test signatures are given to the application's verification page; the page's text is checked for each signature's signer name (subject CN), T.C. kimlik no (serialNumber), issuing CSP, end of validity and certificate serial number. The screenshot is the evidence; a suggested mark.",
  },
  uses: ["verify-screens"],
  judge: (given) =>
    judgeScreens(given["verify-screens"], {
      select: (r) => r.facts.signatures.some((s) => s.cert),
      about: { tr: "sertifikası okunabilen bir imza", en: "signature with a readable certificate" },
      shown: {
        tr: "Sayfa her imzacının adını, T.C. kimlik no'sunu, sertifikayı veren ESHS'yi, geçerlilik süresini ve seri numarasını gösteriyor",
        en: "The page shows every signer's name, T.C. kimlik no, issuing CSP, validity and serial number",
      },
      missing: (r, text) =>
        r.facts.signatures.flatMap((s) => {
          const c = s.cert;
          if (!c) return [];
          const who = c.commonName ?? c.subject;
          return [
            ...(says(text, who) ? [] : [{ tr: `imzacı adı (${who})`, en: `the signer's name (${who})` }]),
            ...(c.serialNumber && !says(text, c.serialNumber)
              ? [
                  {
                    tr: `T.C. kimlik no / serialNumber (${c.serialNumber}) — ${who}`,
                    en: `the T.C. kimlik no / serialNumber (${c.serialNumber}) — ${who}`,
                  },
                ]
              : []),
            ...(saysAny(text, [c.issuerCommonName ?? c.issuer])
              ? []
              : [
                  {
                    tr: `sertifikayı veren (${c.issuerCommonName ?? c.issuer})`,
                    en: `the issuer (${c.issuerCommonName ?? c.issuer})`,
                  },
                ]),
            ...(showsDate(text, c.notAfter)
              ? []
              : [
                  {
                    tr: `geçerlilik bitişi (${c.notAfter.slice(0, 10)}) — ${who}`,
                    en: `the end of validity (${c.notAfter.slice(0, 10)}) — ${who}`,
                  },
                ]),
            ...(showsHex(text, c.serialHex)
              ? []
              : [
                  {
                    tr: `sertifika seri numarası (${c.serialHex}) — ${who}`,
                    en: `the certificate serial number (${c.serialHex}) — ${who}`,
                  },
                ]),
          ];
        }),
    }),
});
