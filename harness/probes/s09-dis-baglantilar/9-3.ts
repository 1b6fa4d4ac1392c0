// 9-3 (K: the document or signature attributes come from an external system): what is signed is the document as
// received, nothing substituted, nothing hidden or dynamic in it. The sign-once session is the external system
// here: it hands the application each document and keeps its SHA-256; uyum's validator hashes the data object
// each signature signs (CAdES content, XAdES data object) and sniffs it (check: document-type). Other bytes signed
// than those given are ✗, and so is active content. PAdES signs byte ranges of a new revision: not compared.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { cannotInspect } from "../inspected.ts";
import { describe, reportAt, signaturesOf } from "../outputs.ts";

export default defineProbe({
  how: {
    tr: "Belgeyi dış sistem gibi uyum verir ve SHA-256 özetini saklar; uygulamanın her imzasının imzaladığı veri nesnesinin özeti (CAdES içerik, XAdES veri nesnesi) uyum doğrulayıcısıyla alınıp verilen belgeninkiyle karşılaştırılır, etkin içerik (betik, makro) aranır (denetim: document-type). Başka bayt imzalanmışsa ya da etkin içerik varsa ✗.",
    en: "uyum hands over the document as the external system would and keeps its SHA-256; the digest of the data object each of the application's signatures signs (CAdES content, XAdES data object) is taken by uyum's validator and compared with the document's, and active content (scripts, macros) is looked for (check: document-type). Other bytes signed, or active content: ✗.",
  },
  uses: ["sign-once"],
  judge(given) {
    const session = given["sign-once"];
    const blocked = cannotInspect(session, { tr: "imzalanan veri", en: "the signed data" });
    if (blocked) return blocked;
    const rows = signaturesOf(session.outputs)
      .filter((s) => s.signature.format !== "PAdES")
      .map((s) => ({
        ...s,
        given: s.output.documentSha256,
        signed: s.signature.inspection?.signedContentSha256,
        active: s.output.validation.documentType?.activeContent ? s.output.validation.documentType : undefined,
      }));
    const refs = (rs: typeof rows) => rs.map((r) => reportAt(r.output, r.signature, "document-type"));
    const short = (h?: string) => (h ? `${h.slice(0, 12)}…` : "?");
    if (rows.length === 0)
      return undetermined(
        {
          tr: "Yalnızca PAdES imzaları var; bayt aralıkları verilen belgeyle karşılaştırılmadı.",
          en: "Only PAdES signatures; their byte ranges were not compared with the document given.",
        },
        session.outputs.map((o) => o.report),
      );
    const substituted = rows.filter((r) => r.given && r.signed && r.given !== r.signed);
    const active = rows.filter((r) => r.active);
    if (substituted.length > 0 || active.length > 0)
      return fail(
        {
          tr: [
            substituted.length
              ? `Verilen belgeden başka baytlar imzalandı: ${substituted.map((r) => `${describe(r.output).tr} (verilen ${short(r.given)}, imzalanan ${short(r.signed)})`).join(", ")}.`
              : "",
            active.length
              ? `İmzalanan veride etkin içerik var: ${active.map((r) => `${describe(r.output).tr} (${r.active!.note ?? r.active!.mediaType})`).join(", ")}.`
              : "",
          ]
            .filter(Boolean)
            .join(" "),
          en: [
            substituted.length
              ? `Other bytes were signed than the document given: ${substituted.map((r) => `${describe(r.output).en} (given ${short(r.given)}, signed ${short(r.signed)})`).join(", ")}.`
              : "",
            active.length
              ? `The signed data carries active content: ${active.map((r) => `${describe(r.output).en} (${r.active!.note ?? r.active!.mediaType})`).join(", ")}.`
              : "",
          ]
            .filter(Boolean)
            .join(" "),
        },
        refs([...substituted, ...active]),
      );
    const unknown = rows.filter((r) => !r.given || !r.signed);
    if (unknown.length > 0)
      return undetermined(
        {
          tr: `İmzalanan veri verilen belgeyle karşılaştırılamadı: ${unknown.map((r) => describe(r.output).tr).join(", ")} (${unknown.some((r) => !r.given) ? "verilen belgenin özeti kaydedilmemiş" : "uyum imzalanan veriyi göremedi"}).`,
          en: `The signed data could not be compared with the document given: ${unknown.map((r) => describe(r.output).en).join(", ")} (${unknown.some((r) => !r.given) ? "the given document's digest was not recorded" : "uyum did not see the signed data"}).`,
        },
        refs(unknown),
      );
    return pass(
      {
        tr: `${rows.length} imzanın her biri verilen belgenin baytlarını olduğu gibi imzalıyor (SHA-256 eşit) ve etkin içerik yok: ${rows.map((r) => `${describe(r.output).tr} ${short(r.signed)}`).join(", ")}.`,
        en: `Each of the ${rows.length} signatures signs the bytes of the document given as they were (equal SHA-256), with no active content: ${rows.map((r) => `${describe(r.output).en} ${short(r.signed)}`).join(", ")}.`,
      },
      refs(rows),
    );
  },
});
