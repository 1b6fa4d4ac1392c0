// 11.7.1-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "qcStatements uzantısında BTK NES bildirimi olmayan sertifikayla atılmış imzalar (senaryo 12) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a certificate whose qcStatements lack the BTK qualified-certificate statement (scenario 12) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["12"],
  controls: ["8"],
  checks: ["nes-qc-btk"],
});
