// 11.7.3-2: the CA certificates' validity periods cover the signing time. Not proven by a session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "declaration",
  how: {
    tr: "Üreticinin profildeki beyanı okunur.",
    en: "The vendor's declaration in the profile is read.",
  },
  why: {
    tr: "Vektör kümesinde alt kök ya da kök sertifikası imza zamanında süresi dolmuş veya henüz geçerli olmayan bir imza yok (yalnızca imzacı: 14, cert-not-yet-valid; ZD: 40-49:tsa-expired); sabit tarihli küme değişmeden eklenemedi.",
    en: "The vector set has no signature whose sub-root or root certificate is expired or not yet valid at the signing time (only the signer's: 14, cert-not-yet-valid; the TSA's: 40-49:tsa-expired); one could not be added without changing the fixed-date set.",
  },
});
