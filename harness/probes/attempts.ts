// Questions the probes ask of provoked signings (sessions/attempt.ts: wrong PIN, card pulled, bad documents,
// refused certificates, services down), kept in one place so each probe file reads as its rule only.
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import type { AppAttempt, EvidenceRef } from "../sessions/evidence.ts";

/** What the application said, quoted for a reason (first line, at most 160 characters). */
export function quote(a: AppAttempt): string {
  const line = a.screenWarnings?.[0] ?? a.said.split("\n").find((l) => l.trim()) ?? "";
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

/** SHA-256 of no bytes: an output stream the application left empty, never cited as evidence. */
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The output streams in which the application said something. */
export function spoken(a: AppAttempt): EvidenceRef[] {
  return [a.stderr, a.stdout].filter((r) => r.sha256 !== EMPTY);
}

/** The evidence of one attempt: its output streams, and the signature's validation report when it wrote one. */
export function refsOf(a: AppAttempt): EvidenceRef[] {
  return [...spoken(a), ...(a.output ? [a.output.signature, a.output.report] : [])];
}

/** How the attempt ended, in words: "signed (exit 0)", "no signature, exit 3: «…»", "hung". */
export function outcome(a: AppAttempt): Text {
  const said = a.said ? `: «${quote(a)}»` : "";
  if (a.timedOut)
    return { tr: `yanıt vermedi, süre aşımında durduruldu${said}`, en: `did not finish and was stopped${said}` };
  if (a.output) return { tr: `imza yazdı (${a.ended})${said}`, en: `wrote a signature (${a.ended})${said}` };
  return {
    tr: `imza yazmadı (${a.ended})${said || ", hiçbir şey söylemedi"}`,
    en: `wrote no signature (${a.ended})${said || ", saying nothing"}`,
  };
}

/** The profile's word on how the application warns on a command line (driver.settings.warnings). */
export function warningRule(profile: AppProfile): { pattern?: RegExp; exitCodes: number[] } {
  const w = (profile.driver?.settings as { warnings?: { pattern?: unknown; exitCodes?: unknown } } | undefined)
    ?.warnings;
  let pattern: RegExp | undefined;
  if (typeof w?.pattern === "string" && w.pattern)
    try {
      pattern = new RegExp(w.pattern, "i");
    } catch {
      pattern = undefined; // an invalid pattern in the profile warns nothing: the probe says what it saw
    }
  const exitCodes = Array.isArray(w?.exitCodes) ? w.exitCodes.filter((n): n is number => typeof n === "number") : [];
  return { pattern, exitCodes };
}

/**
 * Did the application warn? Its window showed a warning about the document (web face, read by the page object), or
 * its words match the profile's pattern, or it ended with a warning exit code (command line).
 */
export function warned(a: AppAttempt, profile: AppProfile): boolean {
  if ((a.screenWarnings?.length ?? 0) > 0) return true;
  const rule = warningRule(profile);
  return (rule.pattern?.test(a.said) ?? false) || (a.exitCode !== null && rule.exitCodes.includes(a.exitCode));
}

/** The bad-documents rows of one kind, judged the same way: refused with a message, or warned; never silent. */
export function judgeBadDocuments<R extends { attempt: AppAttempt }>(
  rows: R[],
  profile: AppProfile,
): { silent: R[]; hung: R[]; fine: { row: R; how: Text }[] } {
  const silent: R[] = [];
  const hung: R[] = [];
  const fine: { row: R; how: Text }[] = [];
  for (const r of rows) {
    const a = r.attempt;
    if (a.timedOut) hung.push(r);
    else if (warned(a, profile))
      fine.push({
        row: r,
        how: a.output
          ? { tr: `uyarıyla imzaladı: «${quote(a)}»`, en: `signed with a warning: «${quote(a)}»` }
          : { tr: `uyarıp reddetti: «${quote(a)}»`, en: `warned and refused: «${quote(a)}»` },
      });
    else if (!a.output && a.said && a.exitCode !== 0)
      fine.push({ row: r, how: { tr: `reddetti: «${quote(a)}»`, en: `refused: «${quote(a)}»` } });
    else silent.push(r);
  }
  return { silent, hung, fine };
}

/** Signing-side scenarios (KAMU SM ids) by the check before signing they prove (checklist 1.2-1.a…e). */
export const SIGNING_SIDE_BY_ITEM: Record<string, string[]> = {
  "1.2-1.a": ["QCA1_3", "QCA1_4", "QCA1_5", "QCA1_6"],
  "1.2-1.b": ["QCA1_9", "QCA2"],
  "1.2-1.c": ["QCA1_8"],
  "1.2-1.d": [
    ...["QCA1_10", "QCA1_11", "QCA1_12", "QCA1_13", "QCA1_14", "QCA1_15", "QCA1_21"],
    ...["QCA3", "QCA4", "QCA5", "QCA6", "QCA7", "QCA8", "QCB"],
  ],
  "1.2-1.e": ["QCA1_16", "QCA1_17", "QCA1_18", "QCA9", "QCA10"],
};

interface SideRow {
  kamusm: string;
  expected: "sign" | "refuse";
  reason: Text;
  attempt: AppAttempt;
}

/**
 * One check before signing, from the signing-side rows it covers: every bad certificate refused (no signature),
 * with the valid ones signed as the control (an application that signs nothing proves no check). Returns the
 * verdict's parts; the probe words it.
 */
export function judgeSigningSide(
  rows: SideRow[],
  ids: string[],
):
  | { status: "none" }
  | { status: "no-control"; control: SideRow[] }
  | { status: "signed"; bad: SideRow[] }
  | { status: "refused"; refused: SideRow[]; control: SideRow[] } {
  const mine = rows.filter((r) => ids.includes(r.kamusm) && r.expected === "refuse");
  if (mine.length === 0) return { status: "none" };
  const bad = mine.filter((r) => r.attempt.output !== undefined || r.attempt.timedOut);
  if (bad.length > 0) return { status: "signed", bad };
  const control = rows.filter((r) => r.expected === "sign" && r.attempt.output !== undefined);
  if (control.length === 0) return { status: "no-control", control: rows.filter((r) => r.expected === "sign") };
  return { status: "refused", refused: mine, control };
}
