// 11.7.3-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Süresi dolmuş (senaryo 14) ve imza zamanında henüz geçerli olmayan sertifikayla atılmış imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by an expired certificate (scenario 14) and by a certificate not yet valid at the signing time must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["14", "cert-not-yet-valid"],
  controls: ["8"],
  checks: ["signing-time-validity", "chain"],
});
