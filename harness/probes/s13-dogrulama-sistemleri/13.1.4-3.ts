// 13.1.4-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmzadan sonra değiştirilmiş imzalar (imzacı sertifikası başvurusu, mesaj özeti, imza değeri, imza ya da arşiv zaman damgası özeti bozulmuş) geçerli sayılmamalı: değişiklik saptanmalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures changed after signing (signing-certificate reference, message digest, signature value, signature or archive time-stamp imprint corrupted) must not be called valid: the change is detected; valid signatures (scenario 8) must be.",
  },
  vectors: ["4", "5", "7", "40-49:ts-imprint-wrong", "84-93:ts-imprint-wrong"],
  controls: ["8"],
  checks: ["message-digest", "signature-value", "signing-certificate", "timestamp-signature", "timestamp-archive"],
});
