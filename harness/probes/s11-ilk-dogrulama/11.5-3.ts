// 11.5-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza değeri bozulmuş imzalar (senaryo 7) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signature value is corrupted (scenario 7) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["7"],
  controls: ["8"],
  checks: ["signature-value"],
});
