// 11.7.2-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "SHS imzası sahte olan sertifikayla atılmış imzalar (senaryo 15) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a certificate whose CSP signature is forged (scenario 15) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["15"],
  controls: ["8"],
  checks: ["chain"],
});
