// 12.2-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "ES-X (imza ve başvurular) zaman damgası özeti bozulmuş ya da ZDS imzası sahte imzalar geçerli sayılmamalı; geçerli ES-X zaman damgalı imzalar geçerli sayılmalı.",
    en: "Signatures whose ES-X (signature and references) time-stamp has a corrupted imprint or a forged TSA signature must not be called valid; signatures with a valid ES-X time-stamp must be.",
  },
  vectors: ["62-71:*"],
  controls: ["8", "level"],
  checks: ["timestamp-esc"],
});
