// 11.7.7-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza zaman damgasının özet değeri (messageImprint) bozulmuş imzalar geçerli sayılmamalı; geçerli zaman damgalı imzalar geçerli sayılmalı.",
    en: "Signatures whose signature time-stamp imprint (messageImprint) is corrupted must not be called valid; signatures with a valid time-stamp must be.",
  },
  vectors: ["40-49:ts-imprint-wrong"],
  controls: ["40-49:valid"],
  checks: ["timestamp-signature"],
});
