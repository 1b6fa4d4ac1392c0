// 11.7.7-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "ZDS sertifikası süresi dolmuş, sahte, damgadan önce iptal edilmiş, sahte köke zincirlenen ya da süresi dolmuş/sahte SİL'e işaret eden zaman damgalı imzalar geçerli sayılmamalı; ZDS sertifikası damgadan sonra iptal edilmiş olan ve geçerli zaman damgalı imzalar geçerli sayılmalı.",
    en: "Signatures whose TSA certificate has expired, is forged, was revoked before the time-stamp, chains to a forged root, or points to an expired or forged CRL must not be called valid; those whose TSA certificate was revoked after the time-stamp, and those with a valid time-stamp, must be.",
  },
  vectors: [
    "40-49:tsa-expired",
    "40-49:tsa-forged",
    "40-49:tsa-revoked-before",
    "40-49:tsa-revoked-after",
    "40-49:forged-tsa-root",
    "40-49:tsa-crl-expired",
    "40-49:tsa-crl-forged",
  ],
  controls: ["40-49:valid", "tsa-own-root"],
  checks: ["timestamp-signature"],
});
