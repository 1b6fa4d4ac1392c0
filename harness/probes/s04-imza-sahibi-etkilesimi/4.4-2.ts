// 4.4-2 (observed): signing starts and completes only at the signer's request. Machine checks in the
// cancel-at-warning session: at the confirm step a cancel is offered, pressing it ends the request without a
// signature, and the card sees no C_Sign. A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import { at } from "../../sessions/evidence.ts";
import { endedEarly, screenRefs, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "İmzacı, nitelikli imza uyarısının gösterildiği onay adımında vazgeçer: vazgeç seçeneğinin sunulduğu, imza atılmadığı ve kartta C_Sign çağrılmadığı makineyle denetlenir. Önerilen işaret.",
    en: "The signer cancels at the confirm step showing the qualified-signature warning: the machine checks that cancel is offered, no signature is made and the card sees no C_Sign. A suggested mark.",
  },
  uses: ["cancel-at-warning"],
  judge(given): Judgement {
    const e = given["cancel-at-warning"];
    const refs = [...screenRefs(e, "window-confirm", "#iptal"), ...screenRefs(e, "window-result")];
    if (!e.confirmView) return suggestUndetermined(endedEarly(e), refs);
    if (!e.cancelled)
      return suggestFail(
        {
          tr: "Onay adımında vazgeç seçeneği yok: imzacı, imzayı başlattıktan sonra durduramıyor.",
          en: "The confirm step offers no cancel: once started, the signer cannot stop the signing.",
        },
        refs,
      );
    const signs = e.trace.events.filter((x) => (x.fn === "C_Sign" || x.fn === "C_SignFinal") && x.rv === "CKR_OK");
    if (signs.length > 0 || e.outcome.status === "signed")
      return suggestFail(
        {
          tr: "İmzacı vazgeçti, ama imza yine de atıldı.",
          en: "The signer cancelled, but a signature was made anyway.",
        },
        [...refs, at(e.trace.ref, `seq ${signs.map((s) => s.seq).join(",")}`)],
      );
    return suggestPass(
      {
        tr: `Vazgeç sunuldu; basılınca imza atılmadı ve kart C_Sign görmedi (${e.outcome.message || e.outcome.status}).`,
        en: `Cancel was offered; pressing it made no signature and the card saw no C_Sign (${e.outcome.message || e.outcome.status}).`,
      },
      [...refs, e.trace.ref],
    );
  },
});
