// 12.1-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Sertifika değerleri ya da iptal değerleri eksik (72, 73), alt kök sertifikası (74) ya da imzacının SİL'i (75) eksik imzalar geçerli sayılmamalı; geçerli uzun dönemli imzalar geçerli sayılmalı.",
    en: "Signatures whose certificate values or revocation values are missing (72, 73), or lack the sub-root certificate (74) or the signer's CRL (75), must not be called valid; valid long-term signatures must be.",
  },
  vectors: ["72", "73", "74", "75"],
  controls: ["8", "level"],
  checks: ["values", "values-complete"],
});
