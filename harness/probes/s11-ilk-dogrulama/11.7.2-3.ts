// 11.7.2-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Alt kök sertifikasının imzası sahte olan (senaryo 28) ve güvenilen kök listesinde olmayan bir köke zincirlenen imzalar geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures whose sub-root certificate carries a forged signature (scenario 28), and signatures chaining to a root that is not a configured trust anchor, must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["28", "cert-unknown-root"],
  controls: ["8"],
  checks: ["chain"],
});
