// 4.3-1 (automated): a signing left idle is stopped after a defined timeout, and signing afterwards needs the
// PIN again. The idle-timeout session leaves the window at the confirm step longer than the timeout the profile
// declares, then types the PIN and confirms: the application must not sign (no signature, no C_Sign on the card),
// and it must ask for the PIN (a window that offers to sign without it kept an earlier login).
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";
import { at } from "../../sessions/evidence.ts";
import { screenRefs } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "İmza penceresi onay adımında profilin bildirdiği zaman aşımından 3 saniye uzun bırakılır, sonra PIN girilip onaylanır: uygulama imza atmamalı, kart C_Sign görmemeli. Kartın PKCS#11 izi ve ekran kanıttır.",
    en: "The signing window is left at the confirm step 3 seconds longer than the timeout the profile declares, then the PIN is typed and confirmed: the application must not sign and the card must see no C_Sign. The card's PKCS#11 trace and the screens are the evidence.",
  },
  uses: ["idle-timeout"],
  judge(given): Judgement {
    const e = given["idle-timeout"];
    const refs = [...screenRefs(e, "window-after-idle"), ...screenRefs(e, "window-result")];
    if (!e.idleTimeoutMs || !e.idledMs)
      return undetermined(
        {
          tr: "Profil bir boşta kalma zaman aşımı bildirmiyor (driver.settings.idleTimeoutMs): ne kadar bekleneceği bilinmiyor.",
          en: "The profile declares no idle timeout (driver.settings.idleTimeoutMs): how long to wait is unknown.",
        },
        refs,
      );
    if (!e.confirmView)
      return undetermined(
        {
          tr: `İmza penceresi onay adımına gelmedi (${e.outcome.status}: ${e.outcome.message}); boşta bekleme denenemedi.`,
          en: `The signing window never reached the confirm step (${e.outcome.status}: ${e.outcome.message}); idling could not be tried.`,
        },
        refs,
      );
    const signs = e.trace.events.filter((x) => (x.fn === "C_Sign" || x.fn === "C_SignFinal") && x.rv === "CKR_OK");
    if (signs.length > 0 || e.outcome.status === "signed")
      return fail(
        {
          tr: `Pencere ${e.idledMs} ms boşta kaldı (zaman aşımı ${e.idleTimeoutMs} ms), yine de imza atıldı: oturum sonlandırılmadı.`,
          en: `The window idled ${e.idledMs} ms (timeout ${e.idleTimeoutMs} ms) and still signed: the session was not stopped.`,
        },
        [...refs, at(e.trace.ref, `seq ${signs.map((s) => s.seq).join(",")}`)],
      );
    // after the timeout a new signing must take the PIN again: a window that no longer asks for it, in a session
    // where the page did not take it either, signs on a login it kept
    if (!e.confirmView.pinField && e.pinInPage.length === 0)
      return fail(
        {
          tr: "Zaman aşımından sonra imza penceresi PIN istemiyor: önceki girişle imzalamaya hazır.",
          en: "After the timeout the signing window does not ask for the PIN: it is ready to sign on an earlier login.",
        },
        [...refs, ...screenRefs(e, "window-confirm", "#pin")],
      );
    return pass(
      {
        tr: `Pencere ${e.idledMs} ms boşta kaldıktan sonra imza atılmadı, kart C_Sign görmedi; uygulama: ${e.outcome.message || e.outcome.status}.`,
        en: `After ${e.idledMs} ms idle no signature was made and the card saw no C_Sign; the application said: ${e.outcome.message || e.outcome.status}.`,
      },
      [...refs, e.trace.ref],
    );
  },
});
