// 8-4 (K: the document format can carry dynamic content): what gets signed carries no dynamic content. The
// bad-documents session gives documents with a script, an embedded file, a macro; every signature the application
// wrote over one is read by uyum's validator, which sniffs the signed bytes (check: document-type). Signed bytes
// still carrying the dynamic part are ✗; bytes with it filtered out are ✓; a document refused (nothing signed)
// leaves nothing dynamic signed either, said as a refusal, not as filtering (8-3 judges the refusal itself).
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { at } from "../../sessions/evidence.ts";

export default defineProbe({
  how: {
    tr: "Uygulamaya dinamik içerikli belgeler (betikli HTML, gömülü dosyalı PDF, makrolu Word) imzalatılır; yazdığı her imzanın imzaladığı baytlar uyum doğrulayıcısıyla incelenir (denetim: document-type). Dinamik içerik imzalı baytlarda duruyorsa ✗; süzülmüşse ✓; belge reddedildiyse dinamik içerik imzalanmamıştır (reddin kendisi 8-3'te).",
    en: "The application is asked to sign documents with dynamic content (HTML with a script, a PDF with an embedded file, a Word file with a macro); the bytes each signature it wrote signs are examined by uyum's validator (check: document-type). Dynamic content still in the signed bytes is ✗; filtered out, ✓; a refused document means nothing dynamic was signed (the refusal itself is 8-3's).",
  },
  uses: ["bad-documents"],
  judge(given) {
    const { rows: all, trace } = given["bad-documents"];
    const rows = all.filter((r) => r.kind === "dynamic-content");
    if (rows.length === 0)
      return undetermined(
        {
          tr: "Oturum dinamik içerikli belge imzalatamadı.",
          en: "The session asked for no signature of a document with dynamic content.",
        },
        [trace.ref],
      );
    const signed = rows.flatMap((r) => (r.attempt.output ? [{ row: r, output: r.attempt.output }] : []));
    const refused = rows.filter((r) => !r.attempt.output);
    const type = (s: (typeof signed)[number]) => s.output.validation.documentType;
    const dynamic = signed.filter((s) => type(s)?.activeContent);
    const unseen = signed.filter((s) => !type(s));
    const filtered = signed.filter((s) => type(s) && !type(s)!.activeContent);
    const ref = (s: (typeof signed)[number]) => at(s.output.report, "document-type");
    if (dynamic.length > 0)
      return fail(
        {
          tr: `Dinamik içerik süzülmeden imzalandı: ${dynamic.map((s) => `${s.row.id} (${type(s)!.note ?? type(s)!.mediaType})`).join(", ")}.`,
          en: `Signed with its dynamic content left in: ${dynamic.map((s) => `${s.row.id} (${type(s)!.note ?? type(s)!.mediaType})`).join(", ")}.`,
        },
        dynamic.flatMap((s) => [s.row.document, s.output.signature, ref(s)]),
      );
    if (unseen.length > 0)
      return undetermined(
        {
          tr: `uyum imzalanan baytları göremedi: ${unseen.map((s) => s.row.id).join(", ")}; dinamik içeriğin süzülüp süzülmediği bilinmiyor.`,
          en: `uyum did not see the signed bytes of ${unseen.map((s) => s.row.id).join(", ")}; whether the dynamic content was filtered out is not known.`,
        },
        unseen.map((s) => s.output.signature),
      );
    const parts = {
      tr: [
        filtered.length ? `süzülerek imzalandı: ${filtered.map((s) => s.row.id).join(", ")}` : "",
        refused.length
          ? `reddedildi, imza yazılmadı: ${refused.map((r) => `${r.id} (${r.attempt.ended})`).join(", ")}`
          : "",
      ],
      en: [
        filtered.length ? `signed with it filtered out: ${filtered.map((s) => s.row.id).join(", ")}` : "",
        refused.length
          ? `refused, no signature written: ${refused.map((r) => `${r.id} (${r.attempt.ended})`).join(", ")}`
          : "",
      ],
    };
    return pass(
      {
        tr: `${rows.length} dinamik içerikli belgeden hiçbiri dinamik içeriğiyle imzalanmadı; ${parts.tr.filter(Boolean).join("; ")}.`,
        en: `None of the ${rows.length} documents with dynamic content was signed with it; ${parts.en.filter(Boolean).join("; ")}.`,
      },
      [
        ...filtered.flatMap((s) => [s.output.signature, ref(s)]),
        ...refused.flatMap((r) => [r.document, r.attempt.stderr]),
      ],
    );
  },
});
