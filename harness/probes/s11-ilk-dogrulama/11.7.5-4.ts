// 11.7.5-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
// The signer's CRL is signed by the sub-root: its revocation status is what the item asks to be checked.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacının SİL'ini imzalayan alt kök sertifikası imzadan önce kök SİL'inde (29_1) ya da OCSP'de (32_1) iptal edilmişse imza geçerli sayılmamalı; imzadan sonra iptal edilmişse (29_2, 32_2) zaman damgalı imza geçerli, zaman damgasız imza belirsiz olmalı; geçerli imzalar geçerli sayılmalı.",
    en: "When the sub-root that signs the signer's CRL was revoked before the signature in the root CRL (29_1) or by OCSP (32_1), the signature must not be called valid; revoked after it (29_2, 32_2), a time-stamped signature is valid and one without a time-stamp indeterminate; valid signatures must be called valid.",
  },
  vectors: ["29_1", "32_1", "29_2", "32_2"],
  controls: ["8"],
  checks: ["revocation-ca"],
});
