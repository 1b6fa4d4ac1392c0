// 11.7.5-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacının (senaryo 19) ya da alt kökün (senaryo 31) SİL'i sahte imzalı imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signer's CRL (scenario 19) or sub-root's CRL (scenario 31) carries a forged signature must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["19", "31"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
