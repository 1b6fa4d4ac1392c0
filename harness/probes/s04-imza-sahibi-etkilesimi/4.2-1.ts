// 4.2-1 (observed): right before the card signs, the signer is warned that a secure (qualified) electronic
// signature, legally equal to a handwritten one, is about to be made, and can abort. Machine checks on the
// window's confirm step: the warning names "nitelikli/güvenli elektronik imza" (or "qualified electronic
// signature"), says it equals a handwritten signature, and a cancel is offered beside it. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, says, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export const NAMES = ["nitelikli elektronik imza", "güvenli elektronik imza", "qualified electronic signature"];
export const EQUALS_HANDWRITTEN = ["elle atılan imza", "ıslak imza", "el yazısı imza", "handwritten signature"];

export default defineProbe({
  how: {
    tr: "İmza ajanının penceresinde imza onayı adımına gelinir (PIN'den ve karttan hemen önce); uyarının 'nitelikli (güvenli) elektronik imza' dediği, elle atılan imzayla eş değerliğini söylediği ve yanında vazgeç seçeneği olduğu makineyle denetlenir; ekran görüntüsü ve metni kanıttır. Önerilen işaret.",
    en: "The agent's window is taken to the confirm step (right before the PIN and the card); the machine checks that the warning names a 'qualified (secure) electronic signature', says it equals a handwritten one, and that a cancel is offered beside it; the screenshot and DOM text are the evidence. A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const c = e.confirmView;
    if (!c) return suggestUndetermined(endedEarly(e), screenRefs(e, "window-confirm"));
    const refs = screenRefs(e, "window-confirm");
    const w = c.qualifiedWarning;
    if (!w)
      return suggestFail(
        {
          tr: "Onay adımında nitelikli elektronik imza uyarısı yok.",
          en: "The confirm step shows no qualified-electronic-signature warning.",
        },
        refs,
      );
    const named = NAMES.some((n) => says(w, n));
    const equal = EQUALS_HANDWRITTEN.some((n) => says(w, n));
    if (!named || !equal)
      return suggestFail(
        {
          tr: `Uyarı ${!named ? "nitelikli (güvenli) elektronik imzayı adlandırmıyor" : "elle atılan imzayla eş değerliği söylemiyor"}: "${w}"`,
          en: `The warning ${!named ? "does not name a qualified (secure) electronic signature" : "does not say it equals a handwritten signature"}: "${w}"`,
        },
        refs,
      );
    if (!c.cancelOffered)
      return suggestFail(
        {
          tr: `Uyarı gösteriliyor ama yanında vazgeç seçeneği yok: "${w}"`,
          en: `The warning is shown but no cancel is offered beside it: "${w}"`,
        },
        refs,
      );
    return suggestPass(
      {
        tr: `Kart işleminden hemen önce uyarı gösteriliyor ve vazgeçilebiliyor: "${w}"`,
        en: `Right before the card operation the warning is shown and cancel is offered: "${w}"`,
      },
      refs,
    );
  },
});
