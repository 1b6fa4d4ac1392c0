// 1.3-1 (Z, observed): no signing is done without a signer's document. The bad-documents session asks the
// application to sign a zero-byte document, the nearest any driver can come to "no document" (a page or command
// that will not even take an empty file refuses the same way). Nothing signed is ✓; a signature over nothing is ✗.
import { outcome, refsOf } from "../attempts.ts";
import { defineProbe } from "../kit.ts";
import { suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya sıfır baytlık (boş) bir belge imzalatılır; imza yazmaması beklenir. Boş belge üzerine imza ✗; yanıt vermezse belirsiz.",
    en: "The application is asked to sign a zero-byte (empty) document; it must write no signature. A signature over nothing is ✗; no answer is undetermined.",
  },
  uses: ["bad-documents"],
  judge(given) {
    const { rows: all, trace } = given["bad-documents"];
    const rows = all.filter((r) => r.kind === "empty");
    if (rows.length === 0)
      return suggestUndetermined(
        { tr: "Oturum boş belge imzalatamadı.", en: "The session asked for no signature of an empty document." },
        [trace.ref],
      );
    const signed = rows.filter((r) => r.attempt.output);
    if (signed.length > 0)
      return suggestFail(
        {
          tr: `Boş belge imzalandı: ${signed.map((r) => `${r.id} ${outcome(r.attempt).tr}`).join("; ")}.`,
          en: `An empty document was signed: ${signed.map((r) => `${r.id} ${outcome(r.attempt).en}`).join("; ")}.`,
        },
        signed.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
      );
    const hung = rows.filter((r) => r.attempt.timedOut);
    if (hung.length > 0)
      return suggestUndetermined(
        {
          tr: `Boş belgede yanıt vermedi: ${hung.map((r) => r.id).join(", ")}; imza yazmadı ama reddettiği de görülmedi.`,
          en: `No answer on the empty document: ${hung.map((r) => r.id).join(", ")}; it wrote no signature, but no refusal was seen either.`,
        },
        hung.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
      );
    return suggestPass(
      {
        tr: `Boş belge imzalanmadı: ${rows.map((r) => `${r.id} ${outcome(r.attempt).tr}`).join("; ")}.`,
        en: `The empty document was not signed: ${rows.map((r) => `${r.id} ${outcome(r.attempt).en}`).join("; ")}.`,
      },
      rows.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
    );
  },
});
