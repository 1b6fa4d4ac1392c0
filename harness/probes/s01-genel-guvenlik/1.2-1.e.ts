// 1.2-1.e (Z): before signing, the application checks the validity of the CRL/OCSP signers' certificates.
// Judged from the signing-side session like every check before signing (harness/probes/signing-side-check.ts).
import { signingSideCheckProbe } from "../signing-side-check.ts";

export default signingSideCheckProbe("1.2-1.e", {
  tr: "SİL/OCSP imzacı sertifikalarının geçerliliği",
  en: "the validity of the CRL/OCSP signers' certificates",
});
