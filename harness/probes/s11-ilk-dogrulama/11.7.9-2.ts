// 11.7.9-2: for P2–P4 the signature-policy hash algorithm is SHA-256. Not proven by a session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "declaration",
  how: {
    tr: "Üreticinin profildeki beyanı okunur.",
    en: "The vendor's declaration in the profile is read.",
  },
  why: {
    tr: "Vektör kümesinde politika özeti SHA-256 dışında bir algoritmayla (ör. SHA-1) hesaplanmış P2–P4 imzası yok (P4_5 özet değerini bozar, algoritmayı değil); sabit tarihli küme değişmeden eklenemedi.",
    en: "The vector set has no P2–P4 signature whose policy hash uses an algorithm other than SHA-256 (e.g. SHA-1; P4_5 spoils the hash value, not its algorithm); one could not be added without changing the fixed-date set.",
  },
});
