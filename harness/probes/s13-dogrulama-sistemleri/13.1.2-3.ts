// 13.1.2-3: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "content-hints özniteliği image/jpeg deyip içeriği PDF olan imzalar (senaryo 3) geçerli sayılmamalı: uyuşmazlık bildirilmeli; bütün imzalı öznitelikleri (content-hints dahil) doğru olan imzalar (senaryo 1) geçerli sayılmalı.",
    en: "Signatures whose content-hints say image/jpeg over a PDF (scenario 3) must not be called valid: the mismatch is flagged; signatures with every signed attribute right, content-hints included (scenario 1), must be.",
  },
  vectors: ["3"],
  controls: ["1"],
  checks: ["content-hints", "document-type"],
});
