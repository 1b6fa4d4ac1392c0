// 11.7.10-1 (O): a signer role (signer-role attribute, attribute certificate) is verified and shown to the verifier.
// Not proven by a session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "declaration",
  how: {
    tr: "Üreticinin profildeki beyanı okunur.",
    en: "The vendor's declaration in the profile is read.",
  },
  why: {
    tr: "Vektör kümesinde imzacı rolü (CAdES signer-attributes-v2 / XAdES SignerRole) taşıyan imza yok: imza üreticisi (harness/sign) bu özelliği yazmıyor, doğrulayıcı (harness/ades) okumuyor; doğrulayıcının rolü gösterip göstermediği sınanamadı.",
    en: "The vector set has no signature carrying a signer role (CAdES signer-attributes-v2 / XAdES SignerRole): uyum's signature maker (harness/sign) does not write that attribute and its validator (harness/ades) does not read it, so whether the verifier shows the role was not tried.",
  },
});
