// 11.7.4-5: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacı için OCSP yerine SİL kullanılmış P4 imzaları (P4_10) geçerli sayılmamalı; profile uyan P4 imzaları geçerli sayılmalı.",
    en: "P4 signatures that use a CRL instead of OCSP for the signer (P4_10) must not be called valid; P4 signatures that follow the profile must be.",
  },
  vectors: ["P4_10"],
  controls: ["profile-P4"],
  checks: ["revocation"],
});
