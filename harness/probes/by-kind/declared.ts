// The declared items (D-1 … D-12 and the other "declared" evidence kind): the vendor declares, in the profile's
// `declarations`, that the application meets the requirement, with its statement. uyum cannot prove a
// declaration; it records it, and the mark stays suggested until the assessor confirms it in review.
import { at } from "../../sessions/evidence.ts";
import { defineProbe, fail, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Üretici beyanı, uygulama profilinin `declarations` bölümünden okunur: kabul edilen beyan ve ifadesi değerlendiricinin onayına önerilir; reddedilen beyan ✗, beyan yoksa ? olur.",
    en: "The vendor's declaration is read from the application profile's `declarations`: an accepted declaration with its statement is suggested for the assessor to confirm; a refused one is ✗; none is ?.",
  },
  uses: [],
  judge(given): Judgement {
    const id = given.item.id;
    const d = given.profile.declarations?.[id];
    const ref = at(given.profileRef, `declarations.${id}`);
    if (!d)
      return undetermined(
        {
          tr: `Profilde ${id} için üretici beyanı yok.`,
          en: `The profile holds no vendor declaration for ${id}.`,
        },
        [at(given.profileRef, "declarations")],
      );
    const options = (d.selected ?? []).map((n) => given.item.options?.[n - 1]).filter((o) => o !== undefined);
    const chosen = options.length
      ? {
          tr: ` Seçilen: ${options.map((o) => o.tr).join("; ")}.`,
          en: ` Selected: ${options.map((o) => o.en).join("; ")}.`,
        }
      : { tr: "", en: "" };
    if (!d.accepted)
      return fail(
        {
          tr: `Üretici bu gereği karşıladığını beyan etmiyor${d.statement ? `: "${d.statement}"` : ""}.${chosen.tr}`,
          en: `The vendor does not declare that the requirement is met${d.statement ? `: "${d.statement}"` : ""}.${chosen.en}`,
        },
        [ref],
      );
    return {
      verdict: "pass",
      suggested: true,
      reason: {
        tr: `Üretici beyanı${d.statement ? `: "${d.statement}"` : " (ifade verilmedi)"}.${chosen.tr} Değerlendirici onaylayana kadar öneridir.`,
        en: `Declared by the vendor${d.statement ? `: "${d.statement}"` : " (no statement given)"}.${chosen.en} A suggestion until the assessor confirms it.`,
      },
      evidence: [ref],
    };
  },
});
