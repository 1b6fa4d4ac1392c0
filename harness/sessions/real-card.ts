// Sessions on the assessor's own card (a profile's `card: { kind: pkcs11, … }`): which cannot run there and why,
// and how a session says it proved nothing (not assessed with its reason; never uyum's internal error, never
// the application's fault).
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import type { SessionId } from "./catalogue.ts";

/** A session that ran but could prove nothing, with the reason its items carry ("not assessed"). */
export class SessionNotAssessed extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
  }
}

const OWN_CERTIFICATES: Text = {
  tr: "Gerçek kart yalnızca kendi sertifikalarını taşır: uyum bu oturum için karta sertifika ve anahtar yazamaz (sanal kartla değerlendirilir).",
  en: "A real card holds only its own certificates: uyum cannot write this session's certificates and keys onto it (assess it with the virtual card).",
};

/** Why a session is not run on the profile's real card, or undefined when it is run (also: no real card). */
export function notOnRealCard(id: SessionId, profile: AppProfile): Text | undefined {
  const card = profile.card;
  if (!card) return undefined;
  if (id === "signing-side" || id === "several-keys") return OWN_CERTIFICATES;
  if (id === "wrong-pin-until-locked" && !(card.mayLock && card.puk))
    return {
      tr: "Gerçek kart: PIN'i kilitlemek değerlendiricinin kararıdır, uyum'un değil; profil izin vermiyor (card.mayLock: true ve card.puk ile izin verilir).",
      en: "A real card: locking the assessor's card is not uyum's call; the profile does not allow it (card.mayLock: true with card.puk allows it).",
    };
  if (id === "card-removed" && !card.reader)
    return {
      tr: "Okuyucu yok: profil bir PC/SC okuyucu adı vermiyor (card.reader); kartı çıkarma adımı yönlendirilemez.",
      en: "No reader: the profile names no PC/SC reader (card.reader), so the card-removal step cannot be guided.",
    };
  return undefined;
}
