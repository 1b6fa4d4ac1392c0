// 11.7.1-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Sertifika politikasında NES ibaresi (user notice) olmayan sertifikayla atılmış imzalar (senaryo 10) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a certificate whose certificatePolicies carry no user-notice qualifier (scenario 10) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["10"],
  controls: ["8"],
  checks: ["nes-user-notice"],
});
