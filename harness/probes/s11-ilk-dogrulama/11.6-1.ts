// 11.6-1: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: 'Uygulamanın bildirdiği biçimlerdeki her test imzası doğrulayıcıya verilir: her birine geçerli, geçersiz ya da belirsiz diye beklenen kararı vermeli ve geçerli saymadığı her imza için bir neden söylemeli (yalnız "geçersiz" demek yetmez).',
    en: 'Every test signature in the forms the application declares is given to its verifier: it must give each the expected verdict (valid, invalid or indeterminate) and say why for every signature it does not call valid (a bare "invalid" is not enough).',
  },
  vectors: ["*"],
  controls: ["*"],
  checks: [],
  reasons: true,
});
