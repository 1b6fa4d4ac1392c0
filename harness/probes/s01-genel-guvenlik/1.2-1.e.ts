// 1.2-1.e (Z): before signing, the application checks the validity of the CRL/OCSP signers' certificates.
// The signing-side session asks it to sign once with each of KAMU SM's signing-side certificates on a card of
// the session's own, the PKI's services live: each scenario this check covers (attempts.ts
// SIGNING_SIDE_BY_ITEM) must end with no signature, while a valid certificate signs (the control).
import { SIGNING_SIDE_BY_ITEM, judgeSigningSide, outcome, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

const IDS = SIGNING_SIDE_BY_ITEM["1.2-1.e"]!;

export default defineProbe({
  how: {
    tr: `Uygulamaya oturuma ait bir karttaki KAMU SM imza tarafı sertifikalarının her biriyle imza attırılır (PKI servisleri canlı): ${IDS.join(", ")} senaryolarında — SİL/OCSP imzacı sertifikalarının geçerliliği denetimi — imza atmamalı; geçerli sertifikayla imzalamalıdır (denetim örneği).`,
    en: `The application is asked to sign with each of KAMU SM's signing-side certificates on a card of the session's own (the PKI's services live): in scenarios ${IDS.join(", ")} — the check of the validity of the CRL/OCSP signers' certificates — it must not sign; with a valid certificate it must (the control).`,
  },
  uses: ["signing-side"],
  judge(given): Judgement {
    const { rows, trace, missing } = given["signing-side"];
    const r = judgeSigningSide(rows, IDS);
    if (r.status === "none")
      return undetermined(
        {
          tr: `Kampanya PKI'sinde bu denetimin senaryoları yok (${IDS.join(", ")}; eksik: ${missing.join(", ") || "—"}).`,
          en: `The campaign PKI has none of this check's scenarios (${IDS.join(", ")}; missing: ${missing.join(", ") || "—"}).`,
        },
        [trace.ref],
      );
    if (r.status === "signed")
      return fail(
        {
          tr: r.bad.map((b) => `${b.kamusm} (${b.reason.tr}): ${outcome(b.attempt).tr}`).join("; "),
          en: r.bad.map((b) => `${b.kamusm} (${b.reason.en}): ${outcome(b.attempt).en}`).join("; "),
        },
        r.bad.flatMap((b) => refsOf(b.attempt)),
      );
    if (r.status === "no-control")
      return undetermined(
        {
          tr: `Uygulama geçerli sertifikalarla da imza atmadı (${r.control.map((c) => `${c.kamusm}: ${outcome(c.attempt).tr}`).join("; ")}); reddetmeleri bir denetimden mi yoksa hiç imza atamamasından mı, ayırt edilemiyor.`,
          en: `The application did not sign with the valid certificates either (${r.control.map((c) => `${c.kamusm}: ${outcome(c.attempt).en}`).join("; ")}); its refusals cannot be told from not signing at all.`,
        },
        [trace.ref, ...r.control.flatMap((c) => refsOf(c.attempt))],
      );

    return pass(
      {
        tr: `${r.refused.map((x) => x.kamusm).join(", ")} ile imza atmadı; geçerli ${r.control.map((c) => c.kamusm).join(", ")} ile imzaladı.`,
        en: `It signed with none of ${r.refused.map((x) => x.kamusm).join(", ")}; it signed with the valid ${r.control.map((c) => c.kamusm).join(", ")}.`,
      },
      [
        ...r.refused.flatMap((x) => spoken(x.attempt)),
        ...r.control.slice(0, 1).map((c) => c.attempt.output!.signature),
      ],
    );
  },
});
