// 11.5-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "messageDigest özniteliği (XAdES'te Reference DigestValue) bozulmuş imzalar, ekli ve ayrık (senaryo 5), geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose messageDigest (XAdES: Reference DigestValue) is corrupted, attached and detached (scenario 5), must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["5"],
  controls: ["8"],
  checks: ["message-digest"],
});
