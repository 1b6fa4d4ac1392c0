// What the probes of on-screen items share: the screen of a named step as evidence (its DOM text and its
// screenshot), suggested judgements (an observed item's mark stays a suggestion until an assessor confirms it),
// and text matching that ignores case (Turkish dotted/dotless i), punctuation and line breaks.
import type { Text } from "../core/text.ts";
import type { ScreenSessionEvidence, ScreenStepRef } from "../sessions/catalogue.ts";
import { at, type EvidenceRef } from "../sessions/evidence.ts";
import { fail, pass, undetermined, type Judgement } from "./kit.ts";

/** The DOM text and screenshot of a step (all steps of that name), pointed at `locator`. */
export function screenRefs(e: ScreenSessionEvidence, step: string, locator?: string): EvidenceRef[] {
  return e.steps.filter((s) => s.step === step).flatMap((s) => [locator ? at(s.text, locator) : s.text, s.screenshot]);
}

/** What the window's document step is judged on: its screen (pointed at the preview), the document given and the
 *  signature that came out, if one did. */
export function documentStepRefs(e: ScreenSessionEvidence): EvidenceRef[] {
  return [...screenRefs(e, "window-document", "#belge-onizleme"), e.document, ...(e.signature ? [e.signature] : [])];
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

/** SHA-256 of no bytes: a step whose stored DOM text is empty. */
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** A step's DOM text as a judge can read it: inline when the session kept it, "" when its stored file is empty,
 *  undefined when neither tells (a campaign stored before the text was kept inline). */
export function stepText(s: ScreenStepRef): string | undefined {
  if (s.domText !== undefined) return s.domText;
  return s.text.sha256 === EMPTY_SHA256 ? "" : undefined;
}

/** The steps of the walk whose screen said nothing at all. */
export function silentSteps(e: ScreenSessionEvidence): ScreenStepRef[] {
  return e.steps.filter((s) => stepText(s)?.trim() === "");
}

/** The window's document step shows the document's text (line breaks, case and punctuation aside). */
export function previewShowsDocument(e: ScreenSessionEvidence): boolean {
  return e.documentView !== null && plain(e.documentView.previewText).includes(plain(e.documentText));
}

/** Words that tell the signer the signing was cancelled and nothing was signed (tr/en). */
const CANCELLED = [
  "iptal",
  "iptal edildi",
  "vazgeçildi",
  "imzalanmadı",
  "imza atılmadı",
  "cancelled",
  "canceled",
  "not signed",
  "aborted",
];
export function saysCancelled(text: string | undefined): boolean {
  return CANCELLED.some((w) => says(text, w));
}

/** Words that tell the signer the document was signed (tr/en). */
const SIGNED = ["imzalandı", "imza oluşturuldu", "imza atıldı", "signed", "signature created"];
export function saysSigned(text: string | undefined): boolean {
  return !saysCancelled(text) && SIGNED.some((w) => says(text, w));
}

/** The profile's driver shows no screen (cli, http): what an observed item judged from a signing face says. */
export function noScreen(driver: string | undefined): Text {
  return {
    tr: `${driver ?? "Profilin"} sürücüsünün ekranı yok: ekranda görülecek olan gözlenemedi; değerlendirici elle değerlendirir.`,
    en: `The ${driver ?? "profile's"} driver has no screen: what is seen on screen could not be observed; the assessor judges it by hand.`,
  };
}
