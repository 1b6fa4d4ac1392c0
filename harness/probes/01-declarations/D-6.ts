// D-6 (declared): signature data and the PIN keep their integrity and confidentiality between components. uyum
// disproves it when the PIN travels in a request of the application's page (it left the agent's window: seen in
// the raw exchange before masking), or when the agent answers any page of a foreign origin with credentials.
// Otherwise the vendor's declaration is judged as every declaration is (by-kind/declared.ts).
import declared from "../by-kind/declared.ts";
import { defineProbe, fail, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Uygulama sayfasının HTTP istekleri, maskelenmeden önce, yazılan PIN için taranır; ajanın yabancı bir Origin'e kimlik bilgisiyle izin verip vermediği sınanır. PIN sayfanın isteğinde gidiyorsa ya da ajan yabancı kaynağa açıksa ✗; değilse üretici beyanı değerlendirilir.",
    en: "The application page's HTTP requests are searched for the typed PIN before masking; whether the agent allows a foreign Origin with credentials is tried. A PIN in a page request or an agent open to foreign origins is ✗; otherwise the vendor's declaration is judged.",
  },
  uses: ["window-review", "agent-exposure"],
  judge(given): Judgement {
    const w = given["window-review"];
    const e = given["agent-exposure"];
    const found: { tr: string; en: string }[] = [];
    if (w.pinInPage.length)
      found.push({
        tr: `PIN uygulamanın sayfasından giden istekte taşındı (${w.pinInPage.map((p) => `${p.method} ${p.url}`).join(", ")})`,
        en: `the PIN travelled in a request of the application's page (${w.pinInPage.map((p) => `${p.method} ${p.url}`).join(", ")})`,
      });
    if (e.observed) {
      const f = e.exposure.foreignOrigin;
      const allowed = [f.get, f.preflight].some((a) => a.allowOrigin === "*" || a.allowOrigin === f.origin);
      if (allowed)
        found.push({
          tr: `ajan yabancı kaynağa (${f.origin}) yanıtını okutuyor: imza verisi başka sayfalara açık`,
          en: `the agent lets a foreign origin (${f.origin}) read its answers: signature data is open to other pages`,
        });
    }
    const refs = [w.exchanges, ...(e.observed ? [e.ref] : [])];
    if (found.length)
      return fail(
        {
          tr: `Bileşenler arasında gizlilik korunmuyor: ${found.map((x) => x.tr).join("; ")}.`,
          en: `Confidentiality between components is not kept: ${found.map((x) => x.en).join("; ")}.`,
        },
        refs,
      );
    const d = declared.judge(given);
    return {
      ...d,
      reason: {
        tr: `PIN sayfanın isteklerinde yok${e.observed ? ", ajan yabancı kaynağa kapalı" : ""}. ${d.reason.tr}`,
        en: `No PIN in the page's requests${e.observed ? ", the agent is closed to foreign origins" : ""}. ${d.reason.en}`,
      },
      evidence: [...refs, ...d.evidence],
    };
  },
});
