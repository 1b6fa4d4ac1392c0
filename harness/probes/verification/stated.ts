// Agreement items whose form also asks the vendor something (11.2-2: "state the grace period") or that a vendor
// may only declare when uyum cannot drive the verifier: judged by the agreement engine over the vector set; the
// statement only adds to the reason, or stands in (always suggested) when the session had no verifier to drive.
import type { Text } from "../../core/text.ts";
import declared from "../by-kind/declared.ts";
import formField from "../by-kind/form-field.ts";
import { defineProbe, type Judgement, type Probe } from "../kit.ts";
import { judgeAgreement, type AgreementSpec } from "./agreement.ts";

export function agreementOrStatedProbe(
  p: AgreementSpec & { how: Text; from: "declaration" | "answer" },
): Probe<readonly ["verify-vectors"]> & { spec: AgreementSpec } {
  const { how, from, ...spec } = p;
  const stated = from === "declaration" ? declared : formField;
  const probe = defineProbe({
    how,
    uses: ["verify-vectors"] as const,
    judge(given): Judgement {
      const ev = given["verify-vectors"];
      const j = judgeAgreement(spec, ev);
      const s = stated.judge(given);
      if (j.verdict === "undetermined" && ev.unavailable) {
        // no verifier was driven: the vendor's word is all there is, and never more than a suggestion
        const reason = {
          tr: `${s.reason.tr} Gözlenmedi: ${ev.unavailable.tr}`,
          en: `${s.reason.en} Not observed: ${ev.unavailable.en}`,
        };
        return s.verdict === "pass" ? { ...s, reason, suggested: true } : { ...s, reason };
      }
      // the form's own question (the grace period) is answered beside the observed behaviour
      if (from === "answer" && s.verdict === "pass" && (j.verdict === "pass" || j.verdict === "fail"))
        return {
          ...j,
          reason: {
            tr: `${j.reason.tr} Beyan edilen ertelenme süresi: ${s.reason.tr}`,
            en: `${j.reason.en} Stated grace period: ${s.reason.en}`,
          },
        };
      return j;
    },
  });
  return { ...probe, spec };
}
