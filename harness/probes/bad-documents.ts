// The probes over the bad-documents session that ask one thing of one kind of document: refused with a message or
// warned about, never signed silently (2.1-4 malformed, 2.1-5 not shown whole, 2.1-6 a type not allowed, 2.4-1 and
// 8-3 dynamic content). Each probe file says its kind, its method and, for an item about what a window shows, that
// a face without a screen cannot prove it.
import type { Text } from "../core/text.ts";
import type { BadDocumentKind, BadDocumentRow } from "../sessions/catalogue.ts";
import { judgeBadDocuments, refsOf, spoken } from "./attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "./kit.ts";

export interface BadDocumentProbe {
  kind: BadDocumentKind;
  how: Text;
  /** what the session lacked when it gave no document of this kind */
  none: Text;
  /** an observed item: the mark is a suggestion */
  suggested: boolean;
  /** the item is about what a window shows: a face without one (cli, http) proves nothing of it */
  needsScreen?: boolean;
}

const list = (rs: BadDocumentRow[], lang: "tr" | "en") => rs.map((r) => `${r.id} (${r.description[lang]})`).join(", ");

export function badDocumentProbe(o: BadDocumentProbe) {
  return defineProbe({
    how: o.how,
    uses: ["bad-documents"],
    judge(given): Judgement {
      const { rows: all, trace } = given["bad-documents"];
      const rows = all.filter((r) => r.kind === o.kind);
      const face = given.profile.driver?.kind;
      const j = ((): Judgement => {
        if (o.needsScreen && face !== "web")
          return undetermined(
            {
              tr: `Bu sürücü (${face ?? "yok"}) uygulamanın ekranını görmüyor; belgenin nasıl gösterildiğini değerlendirici yargılar.`,
              en: `This driver (${face ?? "none"}) does not see the application's screen; the assessor judges how the document is shown.`,
            },
            rows.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
          );
        if (rows.length === 0) return undetermined(o.none, [trace.ref]);
        const { silent, hung, fine } = judgeBadDocuments(rows, given.profile);
        if (silent.length > 0 || hung.length > 0)
          return fail(
            {
              tr: `${silent.length ? `Uyarısız imzalandı: ${list(silent, "tr")}.` : ""}${hung.length ? ` Yanıt vermedi: ${list(hung, "tr")}.` : ""}`.trim(),
              en: `${silent.length ? `Signed without a warning: ${list(silent, "en")}.` : ""}${hung.length ? ` Did not finish: ${list(hung, "en")}.` : ""}`.trim(),
            },
            [...silent, ...hung].flatMap((r) => [r.document, ...refsOf(r.attempt)]),
          );
        return pass(
          {
            tr: `${fine.length} belgenin her biri için: ${fine.map((f) => `${f.row.id} ${f.how.tr}`).join("; ")}.`,
            en: `For each of the ${fine.length} documents: ${fine.map((f) => `${f.row.id} ${f.how.en}`).join("; ")}.`,
          },
          fine.flatMap((f) => [f.row.document, ...spoken(f.row.attempt)]),
        );
      })();
      return o.suggested ? { ...j, suggested: true } : j;
    },
  });
}
