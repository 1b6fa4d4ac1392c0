// 8-3 (K): the component that composes the document does not allow dynamic content in it. The bad-documents session gives the application documents with dynamic content
// (vector documents, each with its own extension); on a command line a warning is what the profile's
// driver.settings.warnings says it is (a pattern on stderr/stdout, exit codes). Each must be refused with a
// message or warned about; one signed silently is ✗. A run that hangs is ✗ too: no choice was offered.
import { judgeBadDocuments, refsOf, spoken } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya dinamik içerikli belgeler (test vektörü belgeleri) imzalatılır; her biri için imzayı mesajla reddetmesi ya da uyarması beklenir (komut satırında uyarı: profildeki driver.settings.warnings). Sessizce imzalanan belge ✗.",
    en: "The application is asked to sign documents with dynamic content (the vector set's documents); it must refuse each with a message or warn (on a command line, a warning is what the profile's driver.settings.warnings says). A document signed silently is ✗.",
  },
  uses: ["bad-documents"],
  judge(given): Judgement {
    const { rows: all, trace } = given["bad-documents"];
    const rows = all.filter((r) => r.kind === "dynamic-content");
    const j = ((): Judgement => {
      if (rows.length === 0)
        return undetermined(
          {
            tr: "Oturum dinamik içerikli belge imzalatamadı.",
            en: "The session asked for no signature of a document with dynamic content.",
          },
          [trace.ref],
        );
      const { silent, hung, fine } = judgeBadDocuments(rows, given.profile);
      const list = (rs: typeof rows) => rs.map((r) => `${r.id} (${r.description.en})`).join(", ");
      const listTr = (rs: typeof rows) => rs.map((r) => `${r.id} (${r.description.tr})`).join(", ");
      if (silent.length > 0 || hung.length > 0)
        return fail(
          {
            tr: `${silent.length ? `Uyarısız imzalandı: ${listTr(silent)}.` : ""}${hung.length ? ` Yanıt vermedi: ${listTr(hung)}.` : ""}`.trim(),
            en: `${silent.length ? `Signed without a warning: ${list(silent)}.` : ""}${hung.length ? ` Did not finish: ${list(hung)}.` : ""}`.trim(),
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
    return j;
  },
});
