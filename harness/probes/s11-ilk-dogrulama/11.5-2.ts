// 11.5-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzalı imzacı sertifikası başvurusu (ESS signing-certificate / XAdES SigningCertificate) bozulmuş imzalar (senaryo 4) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose signed signing-certificate reference (ESS signing-certificate / XAdES SigningCertificate) is corrupted (scenario 4) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["4"],
  controls: ["8"],
  checks: ["signing-certificate"],
});
