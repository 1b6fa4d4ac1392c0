// 11.7.5-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzacının (senaryo 18) ya da alt kökün (senaryo 30) SİL'inin süresi dolmuş imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signer's CRL (scenario 18) or sub-root's CRL (scenario 30) has expired must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["18", "30"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
