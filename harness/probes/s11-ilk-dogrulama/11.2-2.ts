// 11.2-2: initial verification at the end of a grace period (and the form asks for the period). Judged from the
// application's verdicts on P2 signatures verified two hours after signing, inside the one-day grace period.
import { agreementOrStatedProbe } from "../verification/stated.ts";

export default agreementOrStatedProbe({
  how: {
    tr: "P2 imzaları, imzadan 2 saat sonra, 1 günlük ertelenme süresi dolmadan doğrulayıcıya verilir: iptal bilgisi imza zamanındaki durumu henüz gösteremeyeceğinden geçerli dememeli (BELİRSİZ/TRY_LATER); aynı profilin süre dolduktan sonra doğrulanan imzalarına geçerli demeli. Formun istediği süre profilin `answers` bölümünden okunur.",
    en: "P2 signatures are given to the verifier two hours after signing, inside the one-day grace period: revocation data cannot show the status at the signing time yet, so it must not call them valid (INDETERMINATE/TRY_LATER); it must call the same profile's signatures verified after the period valid. The period the form asks for is read from the profile's `answers`.",
  },
  from: "answer",
  vectors: ["grace-period"],
  controls: ["profile-P2"],
  checks: ["grace-period"],
});
