// 11.7.10-1 (O): a role the signer claims is verified and shown to the verifier. Judged from the verify-vectors
// session: the signer-role vector (a valid CAdES whose signed signer-attributes claim CLAIMED_ROLE) is given to the
// application's verifier, and its output must name that role. A claimed role is covered by the signature and has
// no attribute certificate to check: showing it is what can be seen.
import { at } from "../../sessions/evidence.ts";
import { CLAIMED_ROLE } from "../../vectors/scenarios.ts";
import { defineProbe, fail, notApplicable, pass, undetermined } from "../kit.ts";

const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("tr");

export default defineProbe({
  how: {
    tr: `İmzacının imzalı signer-attributes özelliğinde "${CLAIMED_ROLE}" rolünü beyan ettiği geçerli bir CAdES imzası doğrulayıcıya verilir; doğrulayıcının çıktısı bu rolü göstermeli.`,
    en: `A valid CAdES signature whose signer claims the role "${CLAIMED_ROLE}" in its signed signer-attributes is given to the verifier; the verifier's output must show that role.`,
  },
  uses: ["verify-vectors"],
  judge(given) {
    const ev = given["verify-vectors"];
    if (ev.unavailable)
      return undetermined({
        tr: `Doğrulayıcıya imza verilemedi: ${ev.unavailable.tr}`,
        en: `No signature could be given to the verifier: ${ev.unavailable.en}`,
      });
    const rows = ev.rows.filter((r) => r.tags.includes("signer-role"));
    if (!rows.length) {
      const aside = ev.notDeclared.filter((n) => n.scenario === "signer-role");
      if (aside.length)
        return notApplicable(
          {
            tr: `İmzacı rolü taşıyan test imzası uygulamanın bildirmediği bir biçimde: ${aside.map((n) => `${n.vector}: ${n.reason.tr}`).join("; ")}.`,
            en: `The test signature carrying a signer role is in a form the application does not declare: ${aside.map((n) => `${n.vector}: ${n.reason.en}`).join("; ")}.`,
          },
          [ev.matrix],
        );
      return undetermined(
        {
          tr: "Bu kampanyanın vektör kümesinde imzacı rolü taşıyan imza (signer-role) yok.",
          en: "This campaign's vector set has no signature carrying a signer role (signer-role).",
        },
        [ev.matrix],
      );
    }
    const refs = (r: (typeof rows)[number]) => [at(ev.matrix, r.vector), ...(r.ref ? [r.ref] : [])];
    const silent = rows.filter((r) => r.app.verdict === "no-answer");
    if (silent.length)
      return undetermined(
        {
          tr: `Doğrulayıcı yanıt vermedi: ${silent.map((r) => `${r.vector} (${r.app.ended ?? "çıktı yok"})`).join("; ")}.`,
          en: `The verifier gave no answer: ${silent.map((r) => `${r.vector} (${r.app.ended ?? "no output"})`).join("; ")}.`,
        },
        silent.flatMap(refs),
      );
    const hidden = rows.filter((r) => !fold(r.app.text).includes(fold(CLAIMED_ROLE)));
    if (hidden.length)
      return fail(
        {
          tr: `Doğrulayıcının çıktısı imzacının beyan ettiği "${CLAIMED_ROLE}" rolünü göstermiyor: ${hidden.map((r) => `${r.vector} (${r.app.verdict})`).join(", ")}.`,
          en: `The verifier's output does not show the role "${CLAIMED_ROLE}" the signer claims: ${hidden.map((r) => `${r.vector} (${r.app.verdict})`).join(", ")}.`,
        },
        hidden.flatMap(refs),
      );
    return pass(
      {
        tr: `Doğrulayıcının çıktısı imzacının beyan ettiği "${CLAIMED_ROLE}" rolünü gösteriyor: ${rows.map((r) => `${r.vector} (${r.app.verdict})`).join(", ")}.`,
        en: `The verifier's output shows the role "${CLAIMED_ROLE}" the signer claims: ${rows.map((r) => `${r.vector} (${r.app.verdict})`).join(", ")}.`,
      },
      rows.flatMap(refs),
    );
  },
});
