// 11.7.7-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza zaman damgasının ZDS imzası sahte olan imzalar geçerli sayılmamalı; geçerli zaman damgalı imzalar geçerli sayılmalı.",
    en: "Signatures whose signature time-stamp carries a forged TSA signature must not be called valid; signatures with a valid time-stamp must be.",
  },
  vectors: ["40-49:ts-signature-forged"],
  controls: ["40-49:valid"],
  checks: ["timestamp-signature"],
});
