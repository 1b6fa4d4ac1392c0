// The checks before signing (1.2-1.a…e), each judged the same way from the signing-side session: the application
// is asked to sign once with each of KAMU SM's signing-side certificates on a card of the session's own (the PKI's
// services live); every scenario the check covers (SIGNING_SIDE_BY_ITEM) must end with no signature, while a valid
// certificate signs (the control: an application that signs nothing proves no check). One probe file per item
// names its check and calls this.
import type { Text } from "../core/text.ts";
import type { SigningSideEvidence } from "../sessions/catalogue.ts";
import { SIGNING_SIDE_BY_ITEM, judgeSigningSide, outcome, refsOf, spoken } from "./attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "./kit.ts";

export type SigningSideItem = keyof typeof SIGNING_SIDE_BY_ITEM;

/** What the probe does, for `uyum explain` and the report: the scenarios and the check they prove. */
export function signingSideHow(item: SigningSideItem, check: Text): Text {
  const ids = SIGNING_SIDE_BY_ITEM[item]!.join(", ");
  return {
    tr: `Uygulamaya oturuma ait bir karttaki KAMU SM imza tarafı sertifikalarının her biriyle imza attırılır (PKI servisleri canlı): ${ids} senaryolarında — ${check.tr} denetimi — imza atmamalı; geçerli sertifikayla imzalamalıdır (denetim örneği).`,
    en: `The application is asked to sign with each of KAMU SM's signing-side certificates on a card of the session's own (the PKI's services live): in scenarios ${ids} — the check of ${check.en} — it must not sign; with a valid certificate it must (the control).`,
  };
}

/** The verdict on one check before signing, from the signing-side session's rows. */
export function judgeSigningSideCheck(item: SigningSideItem, e: SigningSideEvidence): Judgement {
  const ids = SIGNING_SIDE_BY_ITEM[item]!;
  const { rows, trace, missing } = e;
  const r = judgeSigningSide(rows, ids);
  if (r.status === "none")
    return undetermined(
      {
        tr: `Kampanya PKI'sinde bu denetimin senaryoları yok (${ids.join(", ")}; eksik: ${missing.join(", ") || "—"}).`,
        en: `The campaign PKI has none of this check's scenarios (${ids.join(", ")}; missing: ${missing.join(", ") || "—"}).`,
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
    [...r.refused.flatMap((x) => spoken(x.attempt)), ...r.control.slice(0, 1).map((c) => c.attempt.output!.signature)],
  );
}

/** The probe of a check before signing that the signing-side session alone proves (1.2-1.a, b, c, e). */
export const signingSideCheckProbe = (item: SigningSideItem, check: Text) =>
  defineProbe({
    how: signingSideHow(item, check),
    uses: ["signing-side"],
    judge: (given) => judgeSigningSideCheck(item, given["signing-side"]),
  });
