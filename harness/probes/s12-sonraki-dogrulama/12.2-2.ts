// 12.2-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Zaman damgasının kendi doğrulama verisi (ZDS kökü, ZDS SİL'i) imzaya eklenmemiş uzun dönemli imzalar (P4_11, P4_12, 95, 97) geçerli sayılmamalı; ZDS kökü ve SİL'i eklenmiş imzalar geçerli sayılmalı.",
    en: "Long-term signatures that do not embed the time-stamp's own validation data (TSA root, TSA CRL: P4_11, P4_12, 95, 97) must not be called valid; signatures that embed them must be.",
  },
  vectors: ["P4_11", "P4_12", "95", "97"],
  controls: ["tsa-own-root", "profile-P3", "profile-P4"],
  checks: ["values-complete", "timestamp-signature"],
});
