// 11.3-2 (K: the application signs without a signing time): the time the signed document first reached the
// verifier is taken as its signing time. Not proven by a session: see `why`.
import { unprovenProbe } from "../verification/unproven.ts";

export default unprovenProbe({
  from: "declaration",
  how: {
    tr: "Üreticinin profildeki beyanı okunur (madde yalnızca uygulama imza oluştururken imza zamanı koymuyorsa uygulanır: `signingTimeAtCreation: false`).",
    en: "The vendor's declaration in the profile is read (the item applies only when the application sets no signing time at creation: `signingTimeAtCreation: false`).",
  },
  why: {
    tr: "Vektör kümesindeki imza zamanı taşımayan tek imza P4_8'dir ve Türk profilleri onu tam da bu yüzden reddeder; imza zamanı olmayan ama kabul edilmesi gereken bir imza yok. Doğrulayıcının ilk doğrulama zamanını imza zamanı olarak kaydettiği, ancak aynı imzanın ikinci bir doğrulamasında ilk zamanın korunduğu görülerek kanıtlanabilir; bu oturum henüz yok.",
    en: "The only signature of the vector set without a signing time is P4_8, which the Turkish profiles reject for that very reason; there is no signature without a signing time that a verifier should accept. That the verifier records the time of first verification as the signing time would be shown by a second verification of the same signature keeping the first time; no session does that yet.",
  },
});
