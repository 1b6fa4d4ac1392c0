// 11.2-2: initial verification at the end of a grace period; the form asks for the period. Not proven by a
// session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "answer",
  how: {
    tr: "Formun istediği ertelenme süresi, profilin `answers` bölümünden okunur.",
    en: "The grace period the form asks for is read from the profile's `answers`.",
  },
  why: {
    tr: "Vektör kümesinde ertelenme süresi dolmadan doğrulanacak bir imza yok (her vektörün doğrulama zamanı süre dolduktan sonra); uyum'un doğrulayıcısı bu durumda BELİRSİZ/TRY_LATER der (harness/ades/cades.test.ts), uygulamanınki sınanmadı.",
    en: "The vector set has no signature to be verified before its grace period ends (every vector's validation time is after it); uyum's validator says INDETERMINATE/TRY_LATER then (harness/ades/cades.test.ts), the application's was not tried.",
  },
});
