// 4.4-4 (O, observed): the user can take a copy of the signed file. Read from sign-once: each signature came back to
// the user as a file (web: the file the application's page produced, which the page object took as the user
// would; cli: the output file the command wrote; http: the file the service answered with). A suggestion.
import { failuresOf } from "../outputs.ts";
import { defineProbe, type Judgement } from "../kit.ts";
import { suggestPass, suggestUndetermined } from "../screen.ts";

const HOW: Record<string, { tr: string; en: string }> = {
  web: {
    tr: "uygulamanın sayfasının kullanıcıya verdiği imzalı dosya; sayfa nesnesi onu kullanıcı gibi aldı (referans uygulamada: indirme bağlantısı)",
    en: "the signed file the application's page gave its user, taken by the page object as a user would (the reference application: its download link)",
  },
  cli: { tr: "komutun yazdığı çıktı dosyası", en: "the output file the command wrote" },
  http: { tr: "servisin yanıtta verdiği imzalı dosya", en: "the signed file the service answered with" },
};

export default defineProbe({
  how: {
    tr: "Uygulamanın bildirdiği her biçimde bir kez imzalatılır; her imzanın kullanıcıya bir dosya olarak geldiği (web: sayfanın verdiği dosya, komut satırı: çıktı dosyası) ve saklandığı denetlenir. Önerilen işaret.",
    en: "The application signs once in each format it declares; the machine checks that each signature came to the user as a file (web: the file the page gave, command line: the output file) and keeps it. A suggested mark.",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const { outputs, failures } = given["sign-once"];
    const f = failuresOf(failures);
    if (outputs.length === 0)
      return suggestUndetermined(
        {
          tr: `Hiç imzalı dosya gelmedi, kopyası alınabilir mi görülemedi${f.tr ? `: ${f.tr}` : ""}.`,
          en: `No signed file came out, so whether a copy can be taken could not be seen${f.en ? `: ${f.en}` : ""}.`,
        },
        f.refs,
      );
    const how = HOW[given.profile.driver?.kind ?? "cli"] ?? HOW.cli!;
    const kinds = outputs.map((o) => `${o.requested.format}${o.requested.level ? ` ${o.requested.level}` : ""}`);
    return suggestPass(
      {
        tr: `${outputs.length} imza kullanıcıya dosya olarak geldi (${how.tr}): ${kinds.join(", ")}${f.tr ? `; ayrıca ${f.tr}` : ""}.`,
        en: `${outputs.length} signatures came to the user as files (${how.en}): ${kinds.join(", ")}${f.en ? `; besides, ${f.en}` : ""}.`,
      },
      [...outputs.map((o) => o.signature), ...f.refs],
    );
  },
});
