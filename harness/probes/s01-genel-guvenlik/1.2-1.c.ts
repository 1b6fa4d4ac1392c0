// 1.2-1.c (Z): before signing, the application checks the validity periods of the certificate and of its chain.
// Judged from the signing-side session like every check before signing (harness/probes/signing-side-check.ts).
import { signingSideCheckProbe } from "../signing-side-check.ts";

export default signingSideCheckProbe("1.2-1.c", {
  tr: "sertifikanın ve zincirinin geçerlilik süreleri",
  en: "the validity periods of the certificate and of its chain",
});
