// 11.3-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzadan sonra iptal edilmiş sertifikayla atılmış imzalar (senaryo 16_2, 17_2) doğrulayıcıya verilir: zaman damgası yoksa (BES) iddia edilen imza zamanına güvenilmez ve imza geçerli sayılmamalı; imza zaman damgası varsa (T) imza zamanı damganın zamanıdır ve imza geçerlidir.",
    en: "Signatures by a certificate revoked after the signing time (scenarios 16_2, 17_2) are given to the verifier: without a time-stamp (BES) the claimed signing time is not trusted and the signature must not be valid; with a signature time-stamp (T) the signing time is the time-stamp's and the signature is valid.",
  },
  vectors: ["16_2", "17_2"],
  controls: ["8"],
  checks: ["revocation", "timestamp-signature", "signing-time-validity"],
});
