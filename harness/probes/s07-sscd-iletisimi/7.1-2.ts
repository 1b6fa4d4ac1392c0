// 7.1-2 (observed): the PIN is masked while it is typed. Machine check: the PIN field of the agent's window is
// an <input type=password>. A window that asks for no PIN (the page took it) leaves the item open. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "İmza penceresinde PIN alanının türü okunur: type=password ise yazılan rakamlar maskelenir; değilse (type=text) görünür. Ekran görüntüsü PIN yazılmadan önce alınır. Önerilen işaret.",
    en: "The type of the signing window's PIN field is read: type=password masks what is typed; anything else (type=text) shows it. The screenshot is taken before the PIN is typed. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const c = e.confirmView;
    const refs = screenRefs(e, "window-confirm", "#pin");
    if (!c) return suggestUndetermined(endedEarly(e), refs);
    if (!c.pinField)
      return suggestUndetermined(
        {
          tr: `İmza penceresi PIN istemedi${e.pinInPage.length ? "; PIN uygulamanın sayfasına yazıldı ve sayfanın isteğinde gitti" : ""}: maskeleme burada görülemedi.`,
          en: `The signing window asked for no PIN${e.pinInPage.length ? "; the PIN was typed into the application's page and left in its request" : ""}: masking could not be seen here.`,
        },
        refs,
      );
    if (c.pinField.type.toLowerCase() === "password")
      return suggestPass(
        {
          tr: "PIN alanı type=password: yazılanlar maskeleniyor.",
          en: "The PIN field is type=password: what is typed is masked.",
        },
        refs,
      );
    return suggestFail(
      {
        tr: `PIN alanı type=${c.pinField.type}: yazılan rakamlar ekranda görünüyor.`,
        en: `The PIN field is type=${c.pinField.type}: the digits typed show on screen.`,
      },
      refs,
    );
  },
});
