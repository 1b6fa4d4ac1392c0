// 11.7.4-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacı ya da alt kök sertifikası imzadan önce ve sonra iptal edilmiş imzalar, zaman damgalı ve damgasız verilir: imzadan önce iptal her zaman geçersiz; sonra iptal, güvenilir zaman (zaman damgası) varsa geçerli, yoksa geçersiz olmalı.",
    en: "Signatures whose signer or sub-root certificate was revoked before and after signing are given with and without a time-stamp: revoked before is never valid; revoked after is valid with a trusted time (time-stamp) and not valid without one.",
  },
  vectors: ["16_1", "16_2", "17_1", "17_2", "29_1", "29_2", "32_1", "32_2"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca", "timestamp-signature"],
});
