// 15-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Seri imzalı belgelerde ilk imzacının alt kökü (39_s) ya da kendisi (P4_93_s) iptal edilmiş: her iki imzacının zinciri ve iptal durumu denetlenmeli, belge geçerli sayılmamalı; bütün imzaları geçerli seri imzalı (karşı imzalı) belgeler geçerli sayılmalı.",
    en: "Serially signed documents where the first signer's sub-root (39_s) or the first signer (P4_93_s) is revoked: both signers' chains and revocation must be checked and the document not called valid; serially signed (counter-signed) documents whose signatures are all valid must be.",
  },
  vectors: ["39_s", "P4_93_s"],
  controls: ["multi-serial"],
  checks: ["counter-signature", "revocation-ca", "revocation"],
});
