// 11.7.1-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "qcStatements uzantısında ETSI QcCompliance bildirimi olmayan sertifikayla atılmış imzalar (senaryo 11) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a certificate whose qcStatements lack the ETSI QcCompliance statement (scenario 11) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["11"],
  controls: ["8"],
  checks: ["nes-qc-etsi"],
});
