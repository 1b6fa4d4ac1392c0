// 11.7.4-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Geçerli iptal bilgisi bulunamayan imzalar (süresi dolmuş ya da sahte SİL/OCSP, yanlış sertifikanın OCSP yanıtı, başka SHS'nin SİL'i, imzada eksik SİL) geçerli sayılmamalı: doğrulama tamamlanmamıştır; geçerli imzalar geçerli sayılmalı.",
    en: "Signatures for which no valid revocation information can be had (expired or forged CRL/OCSP, an OCSP response for another certificate, a CRL of another CA, a CRL missing from the signature) must not be called valid: verification is incomplete; valid signatures must be.",
  },
  vectors: ["18", "19", "20", "21", "27", "30", "31", "33", "34", "37", "75", "cert-crl-wrong-issuer"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
