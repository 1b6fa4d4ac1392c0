// 11.7.6-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacının (senaryo 20) ya da alt kökün (senaryo 33) OCSP yanıtının süresi dolmuş imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signer's OCSP response (scenario 20) or sub-root's OCSP response (scenario 33) has expired must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["20", "33"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
