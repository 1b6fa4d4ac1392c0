// 15-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İki imzalı (seri ve paralel) belgelerde ilk imzacının alt kökü (39) ya da kendisi (P4_93) iptal edilmişken ikinci imza geçerli: belgenin tamamı geçerli sayılmamalı; bütün imzaları geçerli seri ve paralel imzalı belgeler geçerli sayılmalı.",
    en: "Documents with two signatures (serial and parallel) where the first signer's sub-root (39) or the first signer (P4_93) is revoked and the second is valid must not be called valid as a whole; serial and parallel documents whose signatures are all valid must be.",
  },
  vectors: ["39_s", "39_p", "P4_93_s", "P4_93_p"],
  controls: ["multi-*"],
  checks: ["counter-signature", "revocation-ca", "revocation"],
});
