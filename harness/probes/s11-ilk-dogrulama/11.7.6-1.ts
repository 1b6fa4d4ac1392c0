// 11.7.6-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacının (senaryo 21) ya da alt kökün (senaryo 34) OCSP yanıtı sahte imzalı imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signer's OCSP response (scenario 21) or sub-root's OCSP response (scenario 34) carries a forged signature must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["21", "34"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
