// 11.7.10-2 (K: the application defines signing authority, e.g. an EDMS authority matrix): the signer's authority
// for the document is checked. Not proven by a session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "declaration",
  how: {
    tr: "Üreticinin profildeki beyanı okunur (madde yalnızca profil imza yetkisi tanımladığında uygulanır: `signerAuthority: true`).",
    en: "The vendor's declaration in the profile is read (the item applies only when the profile says signing authority is defined: `signerAuthority: true`).",
  },
  why: {
    tr: "İmza yetkisi (kimin hangi belgeyi imzalayabileceği) uygulamanın kendi verisidir; uyum'un sürücüleri ona yetkisiz bir imzacı tanımlatamaz (imzacı rolü taşıyan test imzası yalnızca rolün gösterildiğini sınar, 11.7.10-1): yetkisiz imzacının reddedildiği sınanamadı.",
    en: "Signing authority (who may sign which document) is the application's own data; uyum's drivers cannot make it define a signer without authority (the test signature carrying a signer role only shows whether the role is displayed, 11.7.10-1): that a signer without authority is refused was not tried.",
  },
});
