// 2.1-2 (Z): the verifier can tell what the document is: either its own format says so (option 1: a PDF, an
// XML, an Office file, an image — bytes with a signature of their own), or the signed data carries document-type
// information (option 2: CAdES content-hints, XAdES DataObjectFormat/MimeType). Judged on every signature of
// sign-once; a signature of a document whose bytes say nothing (plain text) and that names no type is ✗.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { cannotInspect } from "../inspected.ts";
import { describe, reportAt, signaturesOf } from "../outputs.ts";
import { selfDescribing, typeInformation } from "../document-type.ts";

export default defineProbe({
  how: {
    tr: "Uygulamanın bildirdiği her biçimde bir kez imzalatılır; uyum doğrulayıcısı her imzada belge türü bilgisini (CAdES content-hints, XAdES DataObjectFormat/MimeType) arar; bulunmayan imzada imzalı belgenin kendi biçiminin türünü söyleyip söylemediğine bakar (PDF, XML, Office, görüntü). İkisi de yoksa ✗.",
    en: "The application signs once in each format it declares; uyum's validator looks for document-type information in every signature (CAdES content-hints, XAdES DataObjectFormat/MimeType); where there is none, it asks whether the signed document's own format tells its type (PDF, XML, Office, image). Neither: ✗.",
  },
  uses: ["sign-once"],
  judge(given) {
    const session = given["sign-once"];
    const blocked = cannotInspect(session, { tr: "belge türü bilgisi", en: "the document-type information" });
    if (blocked) return blocked;
    const all = signaturesOf(session.outputs);
    const rows = all.map((s) => ({
      ...s,
      information: typeInformation(s.signature),
      ownFormat: selfDescribing(s.output.validation),
    }));
    const silent = rows.filter((r) => !r.information && !r.ownFormat);
    const unseen = silent.filter((r) => !r.output.validation.documentType);
    const refs = (rs: typeof rows) => rs.map((r) => reportAt(r.output, r.signature, "content-hints"));
    if (unseen.length > 0)
      return undetermined(
        {
          tr: `${unseen.map((r) => describe(r.output).tr).join(", ")} belge türü bilgisi taşımıyor ve uyum imzalı baytları görmediği için belgenin biçiminin türünü söyleyip söylemediğini bilemiyor.`,
          en: `${unseen.map((r) => describe(r.output).en).join(", ")} carries no document-type information, and uyum did not see the signed bytes to tell whether their format says what they are.`,
        },
        refs(unseen),
      );
    if (silent.length > 0)
      return fail(
        {
          tr: `Belge türü doğrulayıcıya bildirilmiyor: ${silent.map((r) => describe(r.output).tr).join(", ")} ne content-hints/MimeType taşıyor ne de imzalı belgenin biçimi türünü söylüyor (uyum'un tanıdığı bir biçim değil).`,
          en: `The document type is not told to the verifier: ${silent.map((r) => describe(r.output).en).join(", ")} carries no content-hints/MimeType, and the signed document's format does not say what it is (no format uyum recognises).`,
        },
        refs(silent),
      );
    const said = (r: (typeof rows)[number], lang: "tr" | "en") =>
      r.information
        ? `${describe(r.output)[lang]}: "${r.information}"`
        : `${describe(r.output)[lang]}: ${lang === "tr" ? "belgenin kendi biçimi" : "the document's own format"} ${r.ownFormat}`;
    return pass(
      {
        tr: `${rows.length} imzanın her birinde belge türü belli: ${rows.map((r) => said(r, "tr")).join("; ")}.`,
        en: `Each of the ${rows.length} signatures tells the document type: ${rows.map((r) => said(r, "en")).join("; ")}.`,
      },
      refs(rows),
    );
  },
});
