// The form's informational fields (F-1 … F-7 and the B items): what the form asks the assessor to write down
// (the institution, the product, the options ticked, a timeout in seconds…). The profile's `answers` hold them;
// a recorded answer is ✓ with the answer as its reason, a missing one is ? (the form is incomplete).
import { at } from "../../sessions/evidence.ts";
import { defineProbe, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Formun bilgi alanı, uygulama profilinin `answers` bölümünden okunur ve rapora yazılır; yanıt yoksa form eksiktir (?).",
    en: "The form's information field is read from the application profile's `answers` and written into the report; without an answer the form is incomplete (?).",
  },
  uses: [],
  judge(given): Judgement {
    const id = given.item.id;
    const a = given.profile.answers?.[id];
    if (a === undefined || (typeof a === "string" && a.trim() === ""))
      return undetermined(
        {
          tr: `Profilde ${id} alanının yanıtı yok: form eksik.`,
          en: `The profile does not answer ${id}: the form is incomplete.`,
        },
        [at(given.profileRef, "answers")],
      );
    const parts = { tr: [] as string[], en: [] as string[] };
    if (typeof a === "string") {
      parts.tr.push(a);
      parts.en.push(a);
    } else {
      for (const n of a.selected ?? []) {
        const o = given.item.options?.[n - 1];
        parts.tr.push(o ? `☑ ${o.tr}` : `☑ ${n}`);
        parts.en.push(o ? `☑ ${o.en}` : `☑ ${n}`);
      }
      for (const t of [a.text, a.note]) if (t) (parts.tr.push(t), parts.en.push(t));
    }
    return pass({ tr: `Kaydedildi: ${parts.tr.join("; ")}.`, en: `Recorded: ${parts.en.join("; ")}.` }, [
      at(given.profileRef, `answers.${id}`),
    ]);
  },
});
