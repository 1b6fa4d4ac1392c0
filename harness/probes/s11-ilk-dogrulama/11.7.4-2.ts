// 11.7.4-2: the CRL / OCSP answer used must have been issued after the signing time (+ grace period). Judged from the
// verify-degraded session's stale conditions: the only CRL (or OCSP answer) the services give was issued 8 days
// before the signature (expired before it was made, the other source down); a verifier that uses it
// calls the signature valid, a conformant one does not, and says revocation data is why.
import { degradedProbe } from "../verification/degraded.ts";

export default degradedProbe({
  how: {
    tr: "Geçerli test imzaları doğrulayıcıya, servislerin verdiği tek SİL (ya da OCSP yanıtı) imzadan 8 gün önce yayımlanmış ve imzadan önce süresi dolmuşken (diğer kaynak kapalı) verilir: imza zamanındaki durumu göstermeyen bu bilgiyle geçerli dememeli ve nedenin iptal bilgisi olduğunu söylemeli; servisler çalışırken geçerli demeli.",
    en: "Valid test signatures are given to the verifier while the only CRL (or OCSP answer) the services give was issued 8 days before the signature and expired before it (the other source down): it must not call them valid on data that does not show the status at signing time, and must name revocation data as the reason; with the services up it must say valid.",
  },
  asks: "live",
  conditions: ["crl-stale", "ocsp-stale"],
});
