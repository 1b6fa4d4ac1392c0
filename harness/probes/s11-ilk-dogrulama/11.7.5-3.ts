// 11.7.5-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "SİL'i başka bir SHS tarafından imzalanmış imzacı sertifikasıyla atılmış imza geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "A signature whose signer's CRL is signed by another CA must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["cert-crl-wrong-issuer"],
  controls: ["8"],
  checks: ["revocation"],
});
