// 11.7.6-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "OCSP yanıtı başka bir sertifika için olan imzalar, imzacı (senaryo 27) ve alt kök (senaryo 37) için, geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose OCSP response is for another certificate, for the signer (scenario 27) and the sub-root (scenario 37), must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["27", "37"],
  controls: ["8"],
  checks: ["revocation", "revocation-ca"],
});
