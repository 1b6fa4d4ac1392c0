// 12.1-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "complete-certificate-references ya da complete-revocation-references eksik (50, 51) veya değerlerle eşleşmeyen (52, 53) imzalar geçerli sayılmamalı; geçerli uzun dönemli imzalar geçerli sayılmalı.",
    en: "Signatures whose complete-certificate-references or complete-revocation-references are missing (50, 51) or do not match the values (52, 53) must not be called valid; valid long-term signatures must be.",
  },
  vectors: ["50", "51", "52", "53"],
  controls: ["8", "level"],
  checks: ["references"],
});
