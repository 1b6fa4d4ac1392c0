// 2.4-1 (Z, observed): one of four holds for documents with dynamic content — (1) they cannot be signed, (2) the
// user can filter the dynamic part out, (3) the signer is warned before signing and can abort, (4) the viewer
// detects changes made after signing. The bad-documents session gives documents with a script, an embedded file,
// a macro. Each refused is (1); each warned about is (3); each signed silently with the dynamic part gone from the
// signed bytes (uyum's validator sniffs them, check document-type) is (2). One signed silently with it left in
// meets none that uyum can see: ✗, unless the assessor finds (4) in the application's viewer.
import { at } from "../../sessions/evidence.ts";
import { judgeBadDocuments, refsOf, spoken } from "../attempts.ts";
import { defineProbe } from "../kit.ts";
import { suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya dinamik içerikli belgeler (betikli HTML, gömülü dosyalı PDF, makrolu Word) imzalatılır. Reddedilen belge seçenek 1'i, uyarılan belge seçenek 3'ü, dinamik kısmı süzülerek imzalanan belge (uyum imzalanan baytları inceler: document-type) seçenek 2'yi gösterir. Dinamik içeriğiyle sessizce imzalanan belge ✗ önerilir; seçenek 4'ü (imzadan sonraki değişikliği fark eden görüntüleyici) değerlendirici denetler.",
    en: "The application is asked to sign documents with dynamic content (HTML with a script, a PDF with an embedded file, a Word file with a macro). A refused document shows option 1, a warning option 3, a signature over bytes with the dynamic part filtered out (uyum examines the signed bytes: document-type) option 2. A document signed silently with its dynamic content is a suggested ✗; option 4 (a viewer that detects changes after signing) is the assessor's to check.",
  },
  uses: ["bad-documents"],
  judge(given) {
    const { rows: all, trace } = given["bad-documents"];
    const rows = all.filter((r) => r.kind === "dynamic-content");
    if (rows.length === 0)
      return suggestUndetermined(
        {
          tr: "Oturum dinamik içerikli belge imzalatamadı.",
          en: "The session asked for no signature of a document with dynamic content.",
        },
        [trace.ref],
      );
    const { silent, hung, fine } = judgeBadDocuments(rows, given.profile);
    const typeOf = (r: (typeof rows)[number]) => r.attempt.output?.validation.documentType;
    const filtered = silent.filter((r) => typeOf(r) && !typeOf(r)!.activeContent);
    const unseen = silent.filter((r) => !typeOf(r));
    const leftIn = silent.filter((r) => typeOf(r)?.activeContent);
    if (leftIn.length > 0 || hung.length > 0)
      return suggestFail(
        {
          tr: `Dört seçenekten hiçbiri görülmedi: ${[
            ...leftIn.map((r) => `${r.id} uyarısız ve dinamik içeriğiyle imzalandı`),
            ...hung.map((r) => `${r.id} yanıt vermedi (vazgeçme seçeneği sunulmadı)`),
          ].join("; ")}. Görüntüleyici imzadan sonraki değişikliği fark ediyorsa (seçenek 4) değerlendirici düzeltir.`,
          en: `None of the four options seen: ${[
            ...leftIn.map((r) => `${r.id} signed without a warning, its dynamic content in`),
            ...hung.map((r) => `${r.id} did not finish (no choice to abort offered)`),
          ].join("; ")}. If the viewer detects changes after signing (option 4), the assessor overrides.`,
        },
        [...leftIn, ...hung].flatMap((r) => [
          r.document,
          ...refsOf(r.attempt),
          ...(r.attempt.output ? [at(r.attempt.output.report, "document-type")] : []),
        ]),
      );
    if (unseen.length > 0)
      return suggestUndetermined(
        {
          tr: `Uyarısız imzalandı ve uyum imzalanan baytları göremedi: ${unseen.map((r) => r.id).join(", ")}; dinamik kısmın süzülüp süzülmediği bilinmiyor.`,
          en: `Signed without a warning and uyum did not see the signed bytes of ${unseen.map((r) => r.id).join(", ")}; whether the dynamic part was filtered out is not known.`,
        },
        unseen.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
      );
    const option = (r: (typeof rows)[number]): { tr: string; en: string } => {
      if (filtered.includes(r)) return { tr: "seçenek 2 (süzülerek imzalandı)", en: "option 2 (signed filtered)" };
      const f = fine.find((x) => x.row === r)!;
      return r.attempt.output
        ? { tr: `seçenek 3 (${f.how.tr})`, en: `option 3 (${f.how.en})` }
        : { tr: `seçenek 1 (${f.how.tr})`, en: `option 1 (${f.how.en})` };
    };
    return suggestPass(
      {
        tr: `${rows.length} dinamik içerikli belgenin her biri için bir seçenek sağlandı: ${rows.map((r) => `${r.id}: ${option(r).tr}`).join("; ")}.`,
        en: `For each of the ${rows.length} documents with dynamic content an option holds: ${rows.map((r) => `${r.id}: ${option(r).en}`).join("; ")}.`,
      },
      rows.flatMap((r) => [
        r.document,
        ...spoken(r.attempt),
        ...(r.attempt.output ? [at(r.attempt.output.report, "document-type")] : []),
      ]),
    );
  },
});
