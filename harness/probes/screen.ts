// What the probes of on-screen items share: the screen of a named step as evidence (its DOM text and its
// screenshot), suggested judgements (an observed item's mark stays a suggestion until an assessor confirms it),
// and text matching that ignores case (Turkish dotted/dotless i), punctuation and line breaks.
import type { Text } from "../core/text.ts";
import type { ScreenSessionEvidence } from "../sessions/catalogue.ts";
import { at, type EvidenceRef } from "../sessions/evidence.ts";
import { fail, pass, undetermined, type Judgement } from "./kit.ts";

/** The DOM text and screenshot of a step (all steps of that name), pointed at `locator`. */
export function screenRefs(e: ScreenSessionEvidence, step: string, locator?: string): EvidenceRef[] {
  return e.steps.filter((s) => s.step === step).flatMap((s) => [locator ? at(s.text, locator) : s.text, s.screenshot]);
}

export const suggestPass = (reason: Text, evidence: EvidenceRef[]): Judgement => ({
  ...pass(reason, evidence),
  suggested: true,
});
export const suggestFail = (reason: Text, evidence: EvidenceRef[]): Judgement => ({
  ...fail(reason, evidence),
  suggested: true,
});
export const suggestUndetermined = (reason: Text, evidence: EvidenceRef[] = []): Judgement => ({
  ...undetermined(reason, evidence),
  suggested: true,
});

/** Lower case (dotted and dotless i made one, so Turkish and English capitals both match), punctuation and runs
 *  of white space made one space. */
export function plain(s: string): string {
  return s
    .toLocaleLowerCase("tr")
    .replace(/ı/g, "i")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Does `text` say `phrase` (as words, ignoring case and punctuation)? */
export function says(text: string | undefined, phrase: string): boolean {
  return text !== undefined && ` ${plain(text)} `.includes(` ${plain(phrase)} `);
}

/** The session ended with the window never reaching a step: what it said instead. */
export function endedEarly(e: ScreenSessionEvidence): Text {
  return {
    tr: `İmza penceresi bu adıma gelmedi; sonuç: ${e.outcome.status} — ${e.outcome.message || "(mesaj yok)"}`,
    en: `The signing window never reached this step; outcome: ${e.outcome.status} — ${e.outcome.message || "(no message)"}`,
  };
}
