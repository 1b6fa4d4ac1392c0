// 1.2-1.f (Z, observed): if a check before signing fails, the user is warned with the reason and signing is not
// allowed. The signing-side session: every certificate a conformant application refuses must end with no
// signature AND a message (on a command line: its words on stderr/stdout). A suggestion, for the assessor.
import { outcome, quote, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya KAMU SM imza tarafı sertifikalarının her biriyle imza attırılır: reddedilmesi gereken her sertifikada imza yazmamalı ve nedenini söylemelidir. Önerilen işaret; değerlendirici onaylar.",
    en: "The application is asked to sign with each of KAMU SM's signing-side certificates: for each one it must refuse, it writes no signature and says why. A suggested mark; the assessor confirms it.",
  },
  uses: ["signing-side"],
  judge(given): Judgement {
    const { rows, trace } = given["signing-side"];
    const refuse = rows.filter((r) => r.expected === "refuse" && !r.outsideApiScope);
    const j = ((): Judgement => {
      if (refuse.length === 0)
        return undetermined({ tr: "Reddedilecek sertifika senaryosu yok.", en: "No certificate scenario to refuse." }, [
          trace.ref,
        ]);
      if (!rows.some((r) => r.expected === "sign" && r.attempt.output))
        return undetermined(
          {
            tr: "Uygulama geçerli sertifikalarla da imza atmadı; reddetmeleri bir denetimden mi, ayırt edilemiyor.",
            en: "The application did not sign with the valid certificates either; its refusals cannot be told from not signing at all.",
          },
          [trace.ref],
        );
      const bad = refuse.filter((r) => r.attempt.output || r.attempt.timedOut || !r.attempt.said);
      if (bad.length > 0)
        return fail(
          {
            tr: bad.map((b) => `${b.kamusm} (${b.reason.tr}): ${outcome(b.attempt).tr}`).join("; "),
            en: bad.map((b) => `${b.kamusm} (${b.reason.en}): ${outcome(b.attempt).en}`).join("; "),
          },
          bad.flatMap((b) => refsOf(b.attempt)),
        );
      return pass(
        {
          tr: `${refuse.length} sertifikanın hiçbiriyle imza atmadı, her birinde nedenini söyledi (ör. ${refuse[0]!.kamusm}: «${quote(refuse[0]!.attempt)}»).`,
          en: `It signed with none of the ${refuse.length} certificates and said why each time (e.g. ${refuse[0]!.kamusm}: «${quote(refuse[0]!.attempt)}»).`,
        },
        refuse.flatMap((r) => spoken(r.attempt)),
      );
    })();
    return { ...j, suggested: true };
  },
});
