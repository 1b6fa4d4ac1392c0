// 11.7.9-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "SHA-1 imza (senaryo 6) ve SHA-1 özetli arşiv zaman damgası (109) KAMU SM'ye göre geçerli sayılmalı; P4 profilinde SHA-1 ESS imzacı sertifikası (P4_7) geçerli sayılmamalı.",
    en: "A SHA-1 signature (scenario 6) and an archive time-stamp over a SHA-1 imprint (109) must be called valid, as KAMU SM has it; a SHA-1 ESS signing-certificate in a P4 signature (P4_7) must not be.",
  },
  vectors: ["6", "109", "P4_7"],
  controls: ["8"],
  checks: ["algorithms", "profile-ess"],
});
