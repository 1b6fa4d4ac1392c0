// 4.4-3 (O): the user can change the PIN. An optional feature: an application that does not offer it is not at
// fault (the profile declares pinChange: false → N-A). Offered (a cli profile's changePin command), the
// change-pin session runs it on a card of its own: ✓ when the card saw C_SetPIN succeed and the new PIN opens the
// card while the old one no longer does; ✗ when the command claims a change the card never made, or fails.
import { at } from "../../sessions/evidence.ts";
import type { AppAttempt } from "../../sessions/evidence.ts";
import { refsOf } from "../attempts.ts";
import { defineProbe, fail, notApplicable, pass, undetermined, type Judgement } from "../kit.ts";

/** How the command ended and what it said (its own words, in either language). */
const ended = (a: AppAttempt) => `${a.ended}${a.said ? ` «${a.said.split("\n")[0]!.slice(0, 200)}»` : ""}`;

export default defineProbe({
  how: {
    tr: "Profil PIN değiştirme sunuyorsa (cli: driver.settings.changePin) komut, oturuma ait bir kartta eski ve yeni PIN ile (standart girdiden ya da ortam değişkenlerinden, komut satırında asla) çalıştırılır; kartın izinde başarılı C_SetPIN ve ardından yeni PIN'in kartı açtığı, eskisinin açmadığı denetlenir. Sunulmuyorsa (pinChange: false) madde uygulanmaz.",
    en: "When the profile offers a PIN change (cli: driver.settings.changePin), the command runs on a card of the session's own with the old and the new PIN (on standard input or in environment variables, never on the command line); the card's trace must show C_SetPIN succeed, and the new PIN must open the card and the old one no longer. Not offered (pinChange: false): the item does not apply.",
  },
  uses: ["change-pin"],
  judge(given): Judgement {
    const e = given["change-pin"];
    const declared = given.profile.capabilities?.pinChange;
    if (!e.offered || !e.attempt) {
      if (declared === false)
        return notApplicable({
          tr: "Profil, uygulamanın PIN değiştirme sunmadığını bildiriyor (pinChange: false); isteğe bağlı bir özellik.",
          en: "The profile declares the application offers no PIN change (pinChange: false); an optional feature.",
        });
      return undetermined(
        {
          tr: `Profil PIN değiştirme komutu (driver.settings.changePin) vermiyor${declared === true ? ", oysa pinChange: true bildiriyor" : ""}: sunulup sunulmadığı görülemedi; sunulmuyorsa pinChange: false bildirilmeli.`,
          en: `The profile names no PIN-change command (driver.settings.changePin)${declared === true ? ", though it declares pinChange: true" : ""}: whether it is offered could not be seen; if it is not, declare pinChange: false.`,
        },
        e.trace.events.length ? [e.trace.ref] : [],
      );
    }
    const a = e.attempt;
    const setPin = e.trace.events.filter((x) => x.fn === "C_SetPIN");
    const done = setPin.filter((x) => x.rv === "CKR_OK");
    const refs = [
      at(e.trace.ref, setPin.length ? `seq ${setPin.map((x) => x.seq).join(",")}` : "C_SetPIN: none"),
      ...refsOf(a),
    ];
    if (done.length === 0)
      return fail(
        {
          tr: `PIN değiştirme sunuluyor (${e.offered.how}), ama kart başarılı bir C_SetPIN görmedi${setPin.length ? ` (${setPin.map((x) => x.rv).join(", ")})` : ""}; ${ended(a)}${a.exitCode === 0 ? ": değişiklik olmadığı halde başarı bildirdi" : ""}.`,
          en: `A PIN change is offered (${e.offered.how}), but the card saw no successful C_SetPIN${setPin.length ? ` (${setPin.map((x) => x.rv).join(", ")})` : ""}; ${ended(a)}${a.exitCode === 0 ? ": it reported success for a change never made" : ""}.`,
        },
        refs,
      );
    if (!e.newPinWorks || e.oldPinWorks)
      return fail(
        {
          tr: `Kart C_SetPIN'i kabul etti, ama ${!e.newPinWorks ? "yeni PIN kartı açmıyor" : "eski PIN kartı hâlâ açıyor"}: kullanıcının verdiği yeni PIN ayarlanmadı.`,
          en: `The card took C_SetPIN, but ${!e.newPinWorks ? "the new PIN does not open the card" : "the old PIN still opens it"}: the new PIN the user gave was not set.`,
        },
        refs,
      );
    return pass(
      {
        tr: `PIN değiştirme sunuluyor (${e.offered.how}): kart C_SetPIN'i kabul etti, yeni PIN kartı açıyor, eskisi açmıyor.`,
        en: `A PIN change is offered (${e.offered.how}): the card took C_SetPIN, the new PIN opens the card and the old one no longer does.`,
      },
      refs,
    );
  },
});
