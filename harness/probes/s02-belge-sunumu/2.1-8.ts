// 2.1-8 (K: the application puts several signatures on a document): the signatures already on a document can be
// verified, per CWA 14171. The application's verifier is given documents carrying two signatures (serial and
// parallel), some with a first signer that must not pass (its sub-root revoked: 39; itself revoked: P4_93), over
// the agreement engine; the same vectors as 15-3, asked here of the application that adds signatures.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "İmza eklenecek belgelerdeki mevcut imzaların doğrulanabildiği, uygulamanın doğrulayıcısına iki imzalı (seri ve paralel) test belgeleri verilerek sınanır: ilk imzacının alt kökü (39) ya da kendisi (P4_93) iptal edilmiş belgeler geçerli sayılmamalı; bütün imzaları geçerli belgeler geçerli sayılmalı.",
    en: "That the signatures already on a document can be verified is tried by giving the application's verifier test documents with two signatures (serial and parallel): those whose first signer's sub-root (39) or first signer (P4_93) is revoked must not be called valid; those whose signatures are all valid must be.",
  },
  vectors: ["39_s", "39_p", "P4_93_s", "P4_93_p"],
  controls: ["multi-*"],
  checks: ["counter-signature", "revocation-ca", "revocation"],
});
