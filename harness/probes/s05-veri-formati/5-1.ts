// 5-1 (O, observed): the user can choose the signature format on screen. Web face only: sign-once asks for every
// kind the page object offers, each chosen on the application's page; signatures of two formats or more coming
// out of that page show the choice is there. No screen (cli, http): nothing to observe. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { failuresOf } from "../outputs.ts";
import { noScreen, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Web yüzünde, sayfa nesnesinin sunduğu her biçim ve seviye uygulamanın sayfasında seçilerek bir kez imzalatılır; sayfadan en az iki ayrı biçimde imza çıkması, biçimin ekrandan seçilebildiğini gösterir. Önerilen işaret.",
    en: "On the web face, each format and level the page object offers is chosen on the application's page and signed once; signatures in two formats or more coming out of that page show the format can be chosen on screen. A suggested mark.",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const { outputs, failures } = given["sign-once"];
    const driver = given.profile.driver?.kind;
    if (driver !== "web") return suggestUndetermined(noScreen(driver), [given.profileRef]);
    const asked = new Set([...outputs, ...(failures ?? [])].map((o) => o.requested.format));
    const seen = [...new Set(outputs.map((o) => o.requested.format))];
    const refs = outputs.map((o) => o.signature);
    if (asked.size < 2)
      return suggestUndetermined(
        {
          tr: `Sayfada tek biçim bildiriliyor (${[...asked].join(", ") || "hiç"}): seçilecek bir şey yok.`,
          en: `One format declared on the page (${[...asked].join(", ") || "none"}): no choice to make.`,
        },
        [given.profileRef, ...refs],
      );
    if (seen.length < 2) {
      const f = failuresOf(failures);
      return suggestUndetermined(
        {
          tr: `Sayfada ${[...asked].join(", ")} seçildi ama yalnızca ${seen.join(", ") || "hiçbir biçimde"} imza çıktı: seçimin işe yaradığı görülemedi (${f.tr}).`,
          en: `${[...asked].join(", ")} were chosen on the page but signatures came out in ${seen.join(", ") || "no format"} only: the choice could not be seen to work (${f.en}).`,
        },
        [...refs, ...f.refs],
      );
    }
    return suggestPass(
      {
        tr: `İmza biçimi sayfada seçildi ve her biri çıktı: ${seen.join(", ")}.`,
        en: `The signature format was chosen on the page and each came out: ${seen.join(", ")}.`,
      },
      refs,
    );
  },
});
