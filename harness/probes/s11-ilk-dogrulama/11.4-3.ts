// 11.4-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza politikası taşıyan Türk profili imzaları verilir: yanlış politika OID'i (P4_4), yanlış politika özeti (P4_5), SHA-1 ESS imzacı sertifikası (P4_7), imza zamanı yok (P4_8) ve zaman damgasız P2 imzası geçerli sayılmamalı; SPUserNotice niteleyicili (P4_6) ve profile uyan P2/P3/P4 imzaları geçerli sayılmalı.",
    en: "Turkish-profile signatures with a signature policy are given: a wrong policy OID (P4_4), a wrong policy hash (P4_5), a SHA-1 ESS signing-certificate (P4_7), no signing time (P4_8) and a P2 signature without a time-stamp must not be called valid; one with an SPUserNotice qualifier (P4_6) and P2/P3/P4 signatures that follow the profile must be.",
  },
  vectors: ["P4_4", "P4_5", "P4_6", "P4_7", "P4_8", "profile-P2"],
  controls: ["profile-P3", "profile-P4", "8"],
  checks: ["signature-policy", "profile-hash", "profile-ess", "profile-signing-time", "profile-timestamp"],
});
