// Items of sections 11–15 no session proves yet, because the vector set has no signature that would tell a
// conformant verifier from one that skips the check: their mark comes from what the vendor states in the profile
// (a declaration, or the form's answer), always suggested, and the reason says what uyum could not observe and why.
import type { Text } from "../../core/text.ts";
import declared from "../by-kind/declared.ts";
import formField from "../by-kind/form-field.ts";
import { defineProbe, type Judgement } from "../kit.ts";

export function unprovenProbe(p: { how: Text; why: Text; from: "declaration" | "answer" }) {
  const base = p.from === "declaration" ? declared : formField;
  return defineProbe({
    how: { tr: `${p.how.tr} ${p.why.tr}`, en: `${p.how.en} ${p.why.en}` },
    uses: [],
    judge(given): Judgement {
      const j = base.judge(given);
      const reason = { tr: `${j.reason.tr} Gözlenmedi: ${p.why.tr}`, en: `${j.reason.en} Not observed: ${p.why.en}` };
      // a recorded answer is not a proof of the behaviour: suggested, as a declaration is
      return j.verdict === "pass" ? { ...j, reason, suggested: true } : { ...j, reason };
    },
  });
}
