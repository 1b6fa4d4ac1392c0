// 11.5-4: revocation data obtained from the signature file or external sources. Judged from the verify-degraded
// session: with the services up the verifier gets the revocation data from the certificate's CRL DP / OCSP AIA
// (valid); with them down, slow or stale it never calls the signature valid for want of that data, and says why.
import { degradedProbe } from "../verification/degraded.ts";

export default degradedProbe({
  how: {
    tr: "Geçerli test imzaları (KAMU SM senaryo 8) doğrulayıcıya SİL/OCSP servisleri çalışırken, kapalıyken, yavaşken ve bayat yanıt verirken verilir: servisler çalışırken geçerli demeli; iptal bilgisi elde edilemezken (uyum'un aynı koşuldaki kararı) geçerli dememeli ve nedenin iptal bilgisi olduğunu söylemeli.",
    en: "Valid test signatures (KAMU SM scenario 8) are given to the verifier with the CRL/OCSP services up, down, slow and stale: with them up it must say valid; while no revocation data can be obtained (uyum's verdict in the same condition) it must not say valid, and must name revocation data as the reason.",
  },
  asks: "live",
});
