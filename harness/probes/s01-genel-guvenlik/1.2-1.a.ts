// 1.2-1.a (Z): before signing, the application checks the certificate is qualified (NES: nonRepudiation, the policy's user notice, ETSI QcCompliance, BTK NES statement).
// Judged from the signing-side session like every check before signing (harness/probes/signing-side-check.ts).
import { signingSideCheckProbe } from "../signing-side-check.ts";

export default signingSideCheckProbe("1.2-1.a", {
  tr: "sertifikanın nitelikli olduğu (NES: nonRepudiation, ilke kullanıcı uyarısı, ETSI QcCompliance, BTK NES beyanı)",
  en: "the certificate is qualified (NES: nonRepudiation, the policy's user notice, ETSI QcCompliance, BTK NES statement)",
});
