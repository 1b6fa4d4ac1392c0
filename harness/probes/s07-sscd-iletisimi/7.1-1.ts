// 7.1-1 (Z): when the signature-creation data is accessed, the PIN is supplied by the user, not stored or filled
// in by the software. The pin-each-access session signs with the right PIN (an application that stores the PIN,
// or keeps the card logged in, now has it), then hands a wrong PIN: a PIN the user typed reaches the card as
// typed, so the card answers CKR_PIN_INCORRECT and signs nothing. A C_Login that succeeds there carried a PIN the
// user did not type (stored); a signature with no login in that signing ran under the earlier login, which only
// a declared PIN-caching mode (7.1-3 modes 2 and 3: profile pinCaching session/application) allows.
import type { TraceEvent } from "../../card/trace.ts";
import type { PinEachAccessRow } from "../../sessions/catalogue.ts";
import { at } from "../../sessions/evidence.ts";
import { refsOf } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

const isUserLogin = (e: TraceEvent) =>
  e.fn === "C_Login" && (e.user === "CKU_USER" || e.user === "CKU_CONTEXT_SPECIFIC");
const isSignature = (e: TraceEvent) =>
  e.rv === "CKR_OK" && !e.size_query && (e.fn === "C_Sign" || e.fn === "C_SignFinal");

function rowEvents(events: TraceEvent[], r: PinEachAccessRow): TraceEvent[] {
  if (r.traceFrom === undefined || r.traceTo === undefined) return [];
  return events.filter((e) => e.seq >= r.traceFrom! && e.seq <= r.traceTo!);
}
const seqs = (es: TraceEvent[]) => `seq ${es.map((e) => e.seq).join(",")}`;

export default defineProbe({
  how: {
    tr: "Uygulama doğru PIN ile bir belge imzalar (PIN'i saklayan ya da kartta oturumu açık tutan uygulama onu artık bilir), sonraki belge için ona hatalı PIN verilir. Kullanıcının verdiği PIN karta olduğu gibi ulaşır: kart CKR_PIN_INCORRECT der, imza atılmaz. Orada başarılı bir C_Login, kullanıcının vermediği (saklanmış) bir PIN demektir (✗); o imzada hiç giriş olmadan atılan imza önceki oturumla atılmıştır ve yalnızca profilde bildirilmiş bir PIN saklama biçimiyle (7.1-3 2. ve 3. durum: pinCaching session/application) kabul edilir.",
    en: "The application signs a document with the right PIN (one that stores the PIN, or keeps the card logged in, now has it), then is handed a wrong PIN for the next document. A PIN the user gives reaches the card as given: the card says CKR_PIN_INCORRECT and nothing is signed. A successful C_Login there carried a PIN the user did not give (stored): ✗; a signature with no login in that signing ran under the earlier login, accepted only with a declared PIN-caching mode (7.1-3 modes 2 and 3: pinCaching session/application).",
  },
  uses: ["pin-each-access"],
  judge(given): Judgement {
    const { rows, trace } = given["pin-each-access"];
    const first = rows.find((r) => r.pin === "right");
    const wrong = rows.find((r) => r.pin === "wrong");
    if (!first || !wrong)
      return undetermined(
        {
          tr: "Oturum uygulamaya imzalatamadı (imza yüzü yok): erişim verisinin kimden geldiği görülemedi.",
          en: "The session could not have the application sign (no signing face): where the PIN came from could not be seen.",
        },
        trace.events.length ? [trace.ref] : [], // an empty trace is no evidence
      );
    const firstEvents = rowEvents(trace.events, first);
    const events = rowEvents(trace.events, wrong);
    const logins = events.filter(isUserLogin);
    const accepted = logins.filter((e) => e.rv === "CKR_OK");
    const signs = events.filter(isSignature);
    if (accepted.length > 0)
      return fail(
        {
          tr: `Uygulamaya hatalı PIN verildi, ama kart C_Login'i kabul etti${signs.length ? " ve imza attı" : ""}: karta giden PIN kullanıcının verdiği değildi, uygulama saklanmış bir PIN kullandı.`,
          en: `The application was handed a wrong PIN, yet the card accepted its C_Login${signs.length ? " and signed" : ""}: the PIN that reached the card was not the one the user gave; the application used a stored PIN.`,
        },
        [at(trace.ref, seqs([...accepted, ...signs])), ...refsOf(wrong.attempt)],
      );
    if (signs.length > 0 || wrong.attempt.output) {
      const declared = given.profile.capabilities?.pinCaching;
      const ref = [
        at(trace.ref, signs.length ? seqs(signs) : `seq ${wrong.traceFrom ?? "?"}`),
        ...refsOf(wrong.attempt),
      ];
      if (declared === "session" || declared === "application")
        return pass(
          {
            tr: `Hatalı PIN verilen imzada karta giriş yapılmadı; imza, kullanıcının ilk imzada verdiği PIN'le açılan oturumla atıldı (profil: pinCaching ${declared}, 7.1-3'ün 2./3. durumu). Karta kullanıcının vermediği bir PIN gitmedi.`,
            en: `The signing handed a wrong PIN made no login; it signed under the login the user's PIN opened at the first signing (profile: pinCaching ${declared}, 7.1-3 mode 2/3). No PIN the user did not give reached the card.`,
          },
          ref,
        );
      const why = {
        tr: `Hatalı PIN verilen imzada karta hiç giriş yapılmadan imza atıldı: kart, önceki imzadan açık bırakılan oturumla erişildi, kullanıcının bu erişimde verdiği PIN'e bakılmadı`,
        en: `The signing handed a wrong PIN made a signature with no login at all: the card was accessed through the login kept open from the earlier signing, and the PIN the user gave for this access was never used`,
      };
      if (declared === "per-signature" || declared === "none")
        return fail(
          {
            tr: `${why.tr}; profil her imzada PIN istendiğini bildiriyor (pinCaching ${declared}).`,
            en: `${why.en}; the profile declares a PIN for every signature (pinCaching ${declared}).`,
          },
          ref,
        );
      return undetermined(
        {
          tr: `${why.tr}; profil PIN saklama biçimini (pinCaching) bildirmiyor, bu erişimin izinli olup olmadığı bilinmiyor.`,
          en: `${why.en}; the profile does not declare how the PIN is kept (pinCaching), so whether this access is allowed is not known.`,
        },
        ref,
      );
    }
    if (!firstEvents.some(isSignature))
      return undetermined(
        {
          tr: `Doğru PIN'le ilk imza atılmadı (uygulama ${first.attempt.ended}): saklanacak bir PIN olmadı, sonraki adım bir şey göstermez.`,
          en: `The first signing with the right PIN made no signature on the card (the application: ${first.attempt.ended}): there was nothing to store, so the next step shows nothing.`,
        },
        [trace.ref, ...refsOf(first.attempt)],
      );
    const refused = logins.filter((e) => e.rv === "CKR_PIN_INCORRECT");
    return pass(
      {
        tr: refused.length
          ? `Doğru PIN'le imzadan sonra verilen hatalı PIN karta olduğu gibi ulaştı (C_Login → CKR_PIN_INCORRECT) ve imza atılmadı: karta giden PIN kullanıcının verdiğiydi.`
          : `Doğru PIN'le imzadan sonra hatalı PIN verildiğinde uygulama karta hiç giriş yapmadı ve imza atmadı: kart kullanıcının vermediği bir PIN'le açılmadı.`,
        en: refused.length
          ? `After a signature with the right PIN, the wrong PIN handed over reached the card as given (C_Login → CKR_PIN_INCORRECT) and nothing was signed: the PIN that reached the card was the user's.`
          : `After a signature with the right PIN, handed a wrong PIN the application made no login and no signature: the card was not opened with a PIN the user did not give.`,
      },
      [
        at(trace.ref, seqs([...firstEvents.filter(isUserLogin), ...firstEvents.filter(isSignature), ...logins])),
        ...refsOf(wrong.attempt),
      ],
    );
  },
});
