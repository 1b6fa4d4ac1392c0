// 11.2-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine. A
// verifier verifies before the certificates expire or are revoked when it tells a signature made with a certificate
// already expired or revoked (the signer's, or the sub-root that signs its CRL) from one whose certificate was
// revoked only after a time-stamp proved the signature.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Süresi dolmuş (14) ya da imzadan önce iptal edilmiş (16_1, 17_1) imzacı sertifikasıyla, SİL'ini imzalayan alt kökü imzadan önce iptal edilmiş (29_1) imzalar geçerli sayılmamalı; iptal zaman damgasından sonra olmuşsa (16_2, 17_2 zaman damgalı) ve geçerli imzalar geçerli sayılmalı.",
    en: "Signatures by an expired (14) or already revoked (16_1, 17_1) signer certificate, or whose CRL-signing sub-root was revoked before them (29_1), must not be called valid; those revoked only after their time-stamp (16_2, 17_2 with a time-stamp) and valid signatures must be called valid.",
  },
  vectors: ["14", "16_1", "17_1", "29_1"],
  controls: ["8", "16_2", "17_2"],
  checks: ["revocation", "revocation-ca", "chain", "signing-time-validity"],
});
