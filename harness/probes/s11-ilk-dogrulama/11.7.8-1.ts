// 11.7.8-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Güvenilen kök listesinde olmayan bir köke zincirlenen imzacı sertifikası ve sahte köke zincirlenen ZDS ile imzalar geçerli sayılmamalı: yalnız yetkili SHS kökleri güvenilir olmalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a signer certificate that chains to a root outside the trusted list, and time-stamped by a TSA under a forged root, must not be called valid: only authorised CSP roots may be trusted; valid signatures (scenario 8) must be.",
  },
  vectors: ["cert-unknown-root", "40-49:forged-tsa-root"],
  controls: ["8"],
  checks: ["chain", "timestamp-signature"],
});
