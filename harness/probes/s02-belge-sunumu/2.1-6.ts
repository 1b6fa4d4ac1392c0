// 2.1-6 (K: the application restricts the document types it signs, observed): a document of a type not allowed is
// warned about and signing can be aborted. The bad-documents session gives a clean document (text, XML, PDF or a
// Word file, the first whose type is not among the profile's documentTypes); refused with a message or warned
// about is ✓, signed silently is ✗.
import { badDocumentProbe } from "../bad-documents.ts";

export default badDocumentProbe({
  kind: "disallowed-type",
  suggested: true,
  how: {
    tr: "Uygulamaya profilde izin verilen belge türleri (documentTypes) dışında kalan temiz bir belge (metin, XML, PDF ya da Word) imzalatılır; mesajla reddetmesi ya da uyarıp vazgeçme seçeneği sunması beklenir. Sessizce imzalanan belge ✗.",
    en: "The application is asked to sign a clean document (text, XML, PDF or Word) of a type outside the profile's allowed documentTypes; it must refuse it with a message or warn and let the signer abort. A document signed silently is ✗.",
  },
  none: {
    tr: "uyum'un belgelerinin tümü profilin izin verdiği türlerden; izin verilmeyen türde belge imzalatılamadı.",
    en: "Every document uyum has is of a type the profile allows; no document of a type not allowed was given.",
  },
});
