// What the probes of the verifier's screens share (verify-screens): each item names the vectors it is about and
// what the page must show for each (values uyum read from the file: the signer's name, T.C. kimlik no, issuer,
// validity, serial; signing time, policy; time-stamp and reference times; the signed text). A row is looked at in
// the page's DOM text after verifying; the screenshot is the assessor's. The mark is always a suggestion.
import type { Text } from "../../core/text.ts";
import type { VerifyScreenRow, VerifyScreensEvidence } from "../../sessions/catalogue.ts";
import type { EvidenceRef } from "../../sessions/evidence.ts";
import type { Judgement } from "../kit.ts";
import { plain, says, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

/** The row's screen, as evidence. */
export const rowRefs = (r: VerifyScreenRow): EvidenceRef[] => (r.screen ? [r.screen.text, r.screen.screenshot] : []);

/** Does the text say any of the phrases? */
export const saysAny = (text: string, phrases: string[]) => phrases.some((p) => says(text, p));

/** Does the text show this hex value as a word of its own (case aside; bytes apart by colons or spaces; with or
 *  without leading zeros)? */
export function showsHex(text: string, hex: string): boolean {
  const h = hex.toLowerCase().replace(/[^0-9a-f]/g, "");
  const t = ` ${plain(text)} `;
  const bytes = (x: string) => (x.length % 2 ? `0${x}` : x).match(/../g)!.join(" ");
  const forms = [h, h.replace(/^0+(?=.)/, ""), bytes(h)];
  return h.length > 0 && forms.some((f) => t.includes(` ${f} `));
}

/** Does the text show the date of this instant (ISO YYYY-MM-DD, or DD.MM.YYYY / D.M.YYYY as Turkish pages do)? */
export function showsDate(text: string, iso: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso);
  if (!m) return false;
  const [, y, mo, d] = m;
  const forms = [`${y}-${mo}-${d}`, `${d}.${mo}.${y}`, `${Number(d)}.${Number(mo)}.${y}`, `${d}/${mo}/${y}`];
  return forms.some((f) => text.includes(f));
}

/** Does the text show every non-empty line of `content` (as words, punctuation aside)? */
export function showsText(text: string, content: string): boolean {
  const lines = content.split(/\r?\n/).map(plain).filter(Boolean);
  const t = ` ${plain(text)} `;
  return lines.length > 0 && lines.every((l) => t.includes(` ${l} `));
}

export interface ScreenItem {
  /** the rows the item is about */
  select(r: VerifyScreenRow): boolean;
  /** what kind of vector that is (for "none was given") */
  about: Text;
  /** what the page failed to show for one row (its DOM text given), [] when it showed it all */
  missing(r: VerifyScreenRow, text: string): Text[];
  /** what the page showed, said when it showed everything */
  shown: Text;
}

/** Judge an item over the rows it selects: ✗ names every vector and what its screen did not show. */
export function judgeScreens(e: VerifyScreensEvidence, item: ScreenItem): Judgement {
  if (e.unavailable) return suggestUndetermined(e.unavailable);
  const rows = e.rows.filter(item.select);
  if (rows.length === 0) {
    const set = e.notDeclared.length
      ? ` (${e.notDeclared.length} chosen vector(s) not given: ${e.notDeclared.map((n) => `${n.vector}: ${n.reason.en}`).join("; ")})`
      : "";
    return suggestUndetermined({
      tr: `Doğrulama sayfasına ${item.about.tr} verilmedi; gösterip göstermediği görülemedi.${set}`,
      en: `No ${item.about.en} was given to the verification page; whether it shows this was not seen.${set}`,
    });
  }
  const seen = rows.filter((r) => r.screen && r.app.verdict !== "no-answer");
  if (seen.length === 0)
    return suggestUndetermined(
      {
        tr: `Doğrulama sayfası ${item.about.tr} için sonuç göstermedi: ${rows.map((r) => `${r.vector}: ${r.app.error ?? "yanıt yok"}`).join("; ")}`,
        en: `The verification page showed no result for the ${item.about.en}: ${rows.map((r) => `${r.vector}: ${r.app.error ?? "no answer"}`).join("; ")}`,
      },
      rows.flatMap(rowRefs),
    );
  const gaps = seen.map((r) => ({ r, miss: item.missing(r, r.screen!.domText) })).filter((g) => g.miss.length > 0);
  if (gaps.length > 0)
    return suggestFail(
      {
        tr: `Doğrulama sayfası göstermiyor — ${gaps.map((g) => `${g.r.vector}: ${g.miss.map((m) => m.tr).join(", ")}`).join("; ")}`,
        en: `The verification page does not show — ${gaps.map((g) => `${g.r.vector}: ${g.miss.map((m) => m.en).join(", ")}`).join("; ")}`,
      },
      gaps.flatMap((g) => rowRefs(g.r)),
    );
  return suggestPass(
    {
      tr: `${item.shown.tr} (${seen.map((r) => r.vector).join(", ")}); ekranı değerlendirici onaylar.`,
      en: `${item.shown.en} (${seen.map((r) => r.vector).join(", ")}); the assessor confirms on the screen.`,
    },
    seen.flatMap(rowRefs),
  );
}
