// 11.7.6-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "OCSP yanıtlayıcı sertifikası süresi dolmuş (22, 35), sahte imzalı (23, 36), OCSP imzalamaya yetkisiz ya da imzadan önce iptal edilmiş (ESXL_24_1) imzalar geçerli sayılmamalı; ocsp-nocheck taşıyan iptal edilmiş yanıtlayıcı (24_1) ve imzadan sonra iptal edilmiş yanıtlayıcı (ESXL_24_2) ile imzalar geçerli sayılmalı.",
    en: "Signatures whose OCSP responder certificate has expired (22, 35), is forged (23, 36), is not authorised for OCSP signing, or was revoked before signing (ESXL_24_1) must not be called valid; those with a revoked responder carrying ocsp-nocheck (24_1) or revoked after signing (ESXL_24_2) must be.",
  },
  vectors: ["22", "23", "35", "36", "cert-ocsp-unauthorised", "ESXL_24_1"],
  controls: ["24_1", "ESXL_24_2", "8"],
  checks: ["revocation", "revocation-ca"],
});
