// 8-3 (K): the component that composes the document does not allow dynamic content in it. The bad-documents
// session gives the application documents with dynamic content (HTML with a script, a PDF with an embedded file,
// a Word file with a macro); each must be refused with a message or warned about; one signed silently, or a run
// that hangs, is ✗.
import { badDocumentProbe } from "../bad-documents.ts";

export default badDocumentProbe({
  kind: "dynamic-content",
  suggested: false,
  how: {
    tr: "Uygulamaya dinamik içerikli belgeler (test vektörü belgeleri) imzalatılır; her biri için imzayı mesajla reddetmesi ya da uyarması beklenir (komut satırında uyarı: profildeki driver.settings.warnings). Sessizce imzalanan belge ✗.",
    en: "The application is asked to sign documents with dynamic content (the vector set's documents); it must refuse each with a message or warn (on a command line, a warning is what the profile's driver.settings.warnings says). A document signed silently is ✗.",
  },
  none: {
    tr: "Oturum dinamik içerikli belge imzalatamadı.",
    en: "The session asked for no signature of a document with dynamic content.",
  },
});
