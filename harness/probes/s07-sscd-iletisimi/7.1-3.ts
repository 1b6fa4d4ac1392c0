// 7.1-3 (Z): PIN entry follows one of three modes: for every signature; once for several signatures and again
// after N signatures; once and again after N minutes. The card's PKCS#11 trace over several signatures in a row
// shows which C_Login authorised which C_Sign (harness/card/trace.ts pinPolicy). A login the application reuses
// for more signatures than the session made cannot show N, so that case stays undetermined unless the profile
// promised a PIN for every signature.
import { pinPolicy } from "../../card/trace.ts";
import { at } from "../../sessions/evidence.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya art arda birkaç belge imzalatılır; kartın PKCS#11 izinden her C_Sign çağrısını hangi C_Login'in yetkilendirdiği okunur: her imza için ayrı giriş (1. durum), N imzada bir giriş (2. durum) ya da tek giriş. Tek giriş profilde 'her imzada PIN' bildirilmişse ✗, değilse oturumdan N görülemeyeceği için ? olur.",
    en: "The application signs several documents in a row; the card's PKCS#11 trace shows which C_Login authorised each C_Sign: a login per signature (mode 1), one login per N signatures (mode 2), or a single login. A single login is ✗ when the profile promises a PIN for every signature, otherwise ? since the session cannot show N.",
  },
  uses: ["sign-several"],
  judge(given): Judgement {
    const { trace, requested } = given["sign-several"];
    const policy = pinPolicy(trace.events);
    const logins = trace.events.filter((e) => e.fn === "C_Login" && e.rv === "CKR_OK").map((e) => e.seq);
    const signs = trace.events.filter((e) => (e.fn === "C_Sign" || e.fn === "C_SignFinal") && e.rv === "CKR_OK");
    const ref = at(trace.ref, `seq ${[...logins, ...signs.map((e) => e.seq)].sort((a, b) => a - b).join(",")}`);
    const declared = given.profile.capabilities?.pinCaching;
    switch (policy.mode) {
      case "no-signature":
        return undetermined(
          {
            tr: `Oturumda ${requested} imza istendi ama kart hiç imza atmadı; erişim verisi davranışı görülemedi.`,
            en: `The session asked for ${requested} signatures but the card made none; PIN behaviour could not be seen.`,
          },
          [trace.ref],
        );
      case "no-login":
        return fail(
          {
            tr: `Kart, bu oturumda hiçbir C_Login ile yetkilendirilmemiş bir imza attı (${policy.signatures} imza, ${policy.logins} giriş): erişim verisi üç durumdan hiçbirine göre istenmedi.`,
            en: `The card made a signature that no C_Login of this session authorised (${policy.signatures} signatures, ${policy.logins} logins): the PIN was not asked in any of the three modes.`,
          },
          [ref],
        );
      case "per-signature":
        return pass(
          {
            tr: `Her imzadan önce erişim verisi girildi (${policy.signatures} imza, ${policy.logins} giriş): 1. durum.`,
            en: `The PIN was entered before every signature (${policy.signatures} signatures, ${policy.logins} logins): mode 1.`,
          },
          [ref],
        );
      case "per-n-signatures":
        return pass(
          {
            tr: `Erişim verisi en çok ${policy.maxSignaturesPerLogin} imzada bir yeniden istendi (${policy.signatures} imza, ${policy.logins} giriş): 2. durum, N = ${policy.maxSignaturesPerLogin}.`,
            en: `The PIN was asked again after at most ${policy.maxSignaturesPerLogin} signatures (${policy.signatures} signatures, ${policy.logins} logins): mode 2, N = ${policy.maxSignaturesPerLogin}.`,
          },
          [ref],
        );
      case "once":
        if (declared === "per-signature" || declared === "none")
          return fail(
            {
              tr: `Profil her imza için erişim verisi istendiğini bildiriyor, ama tek girişle ${policy.signatures} imza atıldı.`,
              en: `The profile declares a PIN for every signature, but one login made all ${policy.signatures} signatures.`,
            },
            [ref],
          );
        return undetermined(
          {
            tr: `Tek girişle ${policy.signatures} imza atıldı; erişim verisinin kaç imza ya da kaç dakika sonra yeniden istendiği bu oturumdan görülemiyor (profil: ${declared ?? "bildirilmemiş"}).`,
            en: `One login made all ${policy.signatures} signatures; after how many signatures or minutes the PIN is asked again cannot be seen in this session (profile: ${declared ?? "not declared"}).`,
          },
          [ref],
        );
    }
  },
});
