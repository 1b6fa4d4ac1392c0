// 11.7.2-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Güvenilmeyen bir köke zincirlenen sertifikayla atılmış imza ve sertifika değerlerinde alt kök sertifikası eksik X-L imzası (senaryo 74) geçerli sayılmamalı: zincir güvenilen köke kurulamaz; geçerli imzalar geçerli sayılmalı.",
    en: "A signature by a certificate that chains to an untrusted root, and an X-L signature whose certificate values lack the sub-root (scenario 74), must not be called valid: no chain to a trusted root can be built; valid signatures must be.",
  },
  vectors: ["cert-unknown-root", "74"],
  controls: ["8", "level"],
  checks: ["chain"],
});
