// 12.1-1: subsequent verification uses the validation data stored in the signature. Judged from the verify-degraded
// session: a valid signature that carries its certificates and CRL/OCSP answers (CAdES with its CRLs, X-L) is
// called valid with every PKI service down, as uyum's validator finds it offline.
import { degradedProbe } from "../verification/degraded.ts";

export default degradedProbe({
  how: {
    tr: "Doğrulama verisini (sertifikalar, SİL/OCSP) kendi içinde taşıyan geçerli test imzaları doğrulayıcıya önce servisler çalışırken, sonra tüm PKI servisleri kapalıyken verilir: ikisinde de geçerli demeli.",
    en: "Valid test signatures that carry their own validation data (certificates, CRL/OCSP) are given to the verifier with the services up, then with every PKI service down: it must say valid both times.",
  },
  asks: "embedded",
});
