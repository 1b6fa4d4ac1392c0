// The probe kit. A probe proves one checklist item: it lives in harness/probes/<checklist file stem>/<item id>.ts
// (found by that path, never registered by hand), names the sessions whose evidence it reads (`uses`), says
// how it proves the item (`how`, tr/en, printed in the report's method appendix), and judges with a pure
// function: no I/O, no driver, no clock. It does not copy the item's text: the checklist has it.
//
// A judge says pass (✓), fail (✗) or undetermined (?), always with a reason and references into the evidence.
// N-A comes from the plan (a K condition that does not hold), and from a judge in one case only: the session
// ran, and the application's own declarations left nothing of this item to test (every vector the item needs
// is in a format the application does not declare): `notApplicable`, with that reason. A judge never says
// "not assessed" (the campaign does, when nothing proved the item).
import type { ChecklistItem } from "../checklist/types.ts";
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import type { SessionEvidence, SessionId } from "../sessions/catalogue.ts";
import type { EvidenceRef } from "../sessions/evidence.ts";

export type Verdict = "pass" | "fail" | "undetermined" | "not-applicable";

export interface Judgement {
  verdict: Verdict;
  /** Why, in the assessor's words; an undetermined verdict says what was missing. */
  reason: Text;
  /** Where in the evidence the reason can be checked. */
  evidence: EvidenceRef[];
  /**
   * A machine's suggestion for an observed item (a UI judgement): shown as suggested until an assessor confirms
   * or overrides it. Automated items never set it.
   */
  suggested?: boolean;
}

/** What a judge is given: the evidence of each session it uses, the app profile, and its own item. */
export type Given<U extends readonly SessionId[]> = { [K in U[number]]: SessionEvidence[K] } & {
  profile: AppProfile;
  /** The profile file as the campaign stored it: what a judgement from declarations and answers cites. */
  profileRef: EvidenceRef;
  item: ChecklistItem;
};

export interface Probe<U extends readonly SessionId[] = readonly SessionId[]> {
  how: Text;
  uses: U;
  judge(given: Given<U>): Judgement;
}

/** Declares a probe; `uses` types what `judge` may read (`given["sign-once"]` only if "sign-once" is used). */
export function defineProbe<const U extends readonly SessionId[]>(probe: Probe<U>): Probe<U> {
  return probe;
}

export const pass = (reason: Text, evidence: EvidenceRef[]): Judgement => ({ verdict: "pass", reason, evidence });
export const fail = (reason: Text, evidence: EvidenceRef[]): Judgement => ({ verdict: "fail", reason, evidence });
export const undetermined = (reason: Text, evidence: EvidenceRef[] = []): Judgement => ({
  verdict: "undetermined",
  reason,
  evidence,
});
/** Only for "the declared capabilities leave nothing to test": never for evidence that is missing (that is `undetermined`). */
export const notApplicable = (reason: Text, evidence: EvidenceRef[] = []): Judgement => ({
  verdict: "not-applicable",
  reason,
  evidence,
});
