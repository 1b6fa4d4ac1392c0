// 1.2-1.b (Z): before signing, the application checks the signatures on the certificate and on the CSP certificates of its chain.
// Judged from the signing-side session like every check before signing (harness/probes/signing-side-check.ts).
import { signingSideCheckProbe } from "../signing-side-check.ts";

export default signingSideCheckProbe("1.2-1.b", {
  tr: "sertifikanın ve zincirdeki ESHS sertifikalarının imzaları",
  en: "the signatures on the certificate and on the CSP certificates of its chain",
});
