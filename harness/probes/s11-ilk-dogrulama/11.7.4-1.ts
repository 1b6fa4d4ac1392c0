// 11.7.4-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacı sertifikası SİL'de (16_1) ya da OCSP'de (17_1) iptal edilmiş, alt kökü SİL'de (29_1) ya da OCSP'de (32_1) iptal edilmiş ve askıya alınmış sertifikayla atılmış imzalar geçerli sayılmamalı; geçerli imzalar geçerli sayılmalı.",
    en: "Signatures whose signer certificate is revoked in the CRL (16_1) or by OCSP (17_1), whose sub-root is revoked in the CRL (29_1) or by OCSP (32_1), and by a certificate on hold, must not be called valid; valid signatures must be.",
  },
  vectors: ["16_1", "17_1", "29_1", "32_1", "cert-on-hold"],
  controls: ["8", "24_1"],
  checks: ["revocation", "revocation-ca"],
});
