// 11.7.3-2: the CA certificates' validity periods cover the signing time. Judged from the application's verdicts
// on signatures whose sub-root had expired when they were made (the signer's own certificate valid then).
import { agreementOrStatedProbe } from "../verification/stated.ts";

export default agreementOrStatedProbe({
  how: {
    tr: "Alt kök sertifikasının süresi imza zamanından önce dolmuş imzalar (imzacı sertifikası o an geçerli) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures made after their sub-root certificate expired (the signer's own certificate valid then) must not be called valid; valid signatures (scenario 8) must be.",
  },
  from: "declaration",
  vectors: ["cert-subroot-expired"],
  controls: ["8"],
  checks: ["chain"],
});
