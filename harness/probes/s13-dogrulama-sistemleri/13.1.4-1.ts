// 13.1.4-1 (observed): judged from the application's verdicts and words on the vector set (verify-vectors), over
// the agreement engine; a suggested mark until an assessor sees the result on the screen.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Uygulamanın bildirdiği biçimlerdeki her test imzası doğrulayıcıya verilir: her birine beklenen kararı (geçerli, geçersiz, belirsiz) vermeli ve geçerli saymadığı her imza için nedenini söylemeli. Sözleri kanıttadır; ekranda açık ve tutarlı gösterildiğini değerlendirici onaylar (önerilen işaret).",
    en: "Every test signature in the forms the application declares is given to its verifier: it must give each the expected verdict (valid, invalid, indeterminate) and say why for every one it does not call valid. Its words are in the evidence; the assessor confirms they are shown clearly and consistently on the screen (a suggested mark).",
  },
  vectors: ["*"],
  controls: ["*"],
  checks: [],
  reasons: true,
  suggested: true,
});
