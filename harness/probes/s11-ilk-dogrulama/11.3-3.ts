// 11.3-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza zamanı özniteliği olmayan (P4_8) ve imza zamanı zaman damgasından 3 saat önce olan (P4_9) P4 imzaları geçerli sayılmamalı; geçerli P4 imzaları ve geçerli zaman damgalı imzalar geçerli sayılmalı.",
    en: "P4 signatures with no signing-time attribute (P4_8) and with a signing time 3 hours before the time-stamp (P4_9) must not be called valid; valid P4 signatures and signatures with a valid time-stamp must be.",
  },
  vectors: ["P4_8", "P4_9"],
  controls: ["profile-P4", "40-49:valid"],
  checks: ["profile-signing-time", "profile-timestamp"],
});
