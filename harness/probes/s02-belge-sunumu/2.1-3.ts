// 2.1-3 (K: the type is told by content-hints): the type the signature declares (CAdES content-hints, XAdES
// MimeType; a file name stands for its extension's type) is the type of the bytes signed, as uyum's validator
// sniffs them. Judged on sign-once's signatures; the other half of the item (refusing and warning when a user's
// document does not match) needs a mismatched document and the screen, and is not claimed here.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { cannotInspect } from "../inspected.ts";
import { describe, reportAt, signaturesOf } from "../outputs.ts";
import { declaredMediaType, fitsContent, typeInformation } from "../document-type.ts";

export default defineProbe({
  how: {
    tr: "Uygulamanın bildirdiği her biçimde bir kez imzalatılır; her imzanın belirttiği belge türü (CAdES content-hints, XAdES MimeType; bir dosya adı uzantısının türü sayılır) uyum doğrulayıcısının imzalı baytlarda tanıdığı türle karşılaştırılır (denetim: content-hints). Uyuşmayan imza ✗.",
    en: "The application signs once in each format it declares; the document type each signature declares (CAdES content-hints, XAdES MimeType; a file name counts as its extension's type) is compared with the type uyum's validator recognises in the signed bytes (check: content-hints). A signature that does not match is ✗.",
  },
  uses: ["sign-once"],
  judge(given) {
    const session = given["sign-once"];
    const blocked = cannotInspect(session, { tr: "belirtilen belge türü", en: "the declared document type" });
    if (blocked) return blocked;
    const rows = signaturesOf(session.outputs).flatMap((s) => {
      const information = typeInformation(s.signature);
      if (!information) return [];
      const declared = declaredMediaType(information);
      return [{ ...s, information, declared, fit: declared ? fitsContent(declared, s.output.validation) : undefined }];
    });
    const refs = (rs: typeof rows) => rs.map((r) => reportAt(r.output, r.signature, "content-hints"));
    const line = (r: (typeof rows)[number], lang: "tr" | "en") =>
      `${describe(r.output)[lang]}: ${r.fit ? r.fit.how[lang] : lang === "tr" ? `"${r.information}" bir tür adı değil` : `"${r.information}" names no type`}`;
    if (rows.length === 0)
      return undetermined(
        {
          tr: "Hiçbir imza belge türü bilgisi (content-hints/MimeType) taşımıyor; karşılaştırılacak belirtilmiş tür yok (bkz. 2.1-2).",
          en: "No signature carries document-type information (content-hints/MimeType); there is no declared type to compare (see 2.1-2).",
        },
        session.outputs.map((o) => o.report),
      );
    const wrong = rows.filter((r) => r.fit?.fits === false);
    if (wrong.length > 0)
      return fail(
        {
          tr: `Belirtilen belge türü imzalanan belgeyle uyuşmuyor: ${wrong.map((r) => line(r, "tr")).join("; ")}.`,
          en: `The declared document type does not match the signed document: ${wrong.map((r) => line(r, "en")).join("; ")}.`,
        },
        refs(wrong),
      );
    const unsure = rows.filter((r) => r.fit?.fits !== true);
    if (unsure.length > 0)
      return undetermined(
        {
          tr: `Belirtilen tür baytlarla karşılaştırılamadı: ${unsure.map((r) => line(r, "tr")).join("; ")}.`,
          en: `The declared type could not be compared with the bytes: ${unsure.map((r) => line(r, "en")).join("; ")}.`,
        },
        refs(unsure),
      );
    return pass(
      {
        tr: `${rows.length} imzanın belirttiği tür imzalanan belgeninkiyle uyuşuyor: ${rows.map((r) => line(r, "tr")).join("; ")}.`,
        en: `The type declared by each of the ${rows.length} signatures matches the signed document: ${rows.map((r) => line(r, "en")).join("; ")}.`,
      },
      refs(rows),
    );
  },
});
