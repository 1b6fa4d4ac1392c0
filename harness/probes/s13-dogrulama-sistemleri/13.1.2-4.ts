// 13.1.2-4 (observed): judged from the application's verdicts and words on the vector set (verify-vectors), over
// the agreement engine; a suggested mark until an assessor sees the warning on the screen.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Makro içeren Word belgesi (senaryo 2), Word eki taşıyan PDF/A-3 (senaryo 13) ve görüntülenen tutarı değiştiren betikli HTML imzaları doğrulayıcıya verilir: geçerli sayılmamalı (dinamik içerik uyarısı); geçerli imzalar (senaryo 8) geçerli sayılmalı. Uygulamanın sözleri kanıttadır; uyarının ekranda nasıl gösterildiğini değerlendirici onaylar (önerilen işaret).",
    en: "A signed Word document with a macro (scenario 2), a PDF/A-3 carrying a Word attachment (scenario 13) and signed HTML whose script changes the displayed amount are given to the verifier: none may be called valid (a dynamic-content warning); valid signatures (scenario 8) must be. The application's words are in the evidence; the assessor confirms how the warning is shown (a suggested mark).",
  },
  vectors: ["2", "13", "content-html-script"],
  controls: ["8"],
  checks: ["document-type", "content-hints"],
  suggested: true,
});
