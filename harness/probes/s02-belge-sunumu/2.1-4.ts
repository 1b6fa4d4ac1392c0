// 2.1-4 (Z, observed): a document with a format error is warned about and signing can be aborted. The
// bad-documents session gives the application malformed documents (a truncated PDF, XML that is not well-formed);
// each must be refused with a message or warned about; one signed silently, or a run that hangs, is ✗.
import { badDocumentProbe } from "../bad-documents.ts";

export default badDocumentProbe({
  kind: "malformed",
  suggested: true,
  how: {
    tr: "Uygulamaya bozuk belgeler (test vektörü belgeleri) imzalatılır; her biri için imzayı mesajla reddetmesi ya da uyarması beklenir (komut satırında uyarı: profildeki driver.settings.warnings). Sessizce imzalanan belge ✗.",
    en: "The application is asked to sign documents malformed (the vector set's documents); it must refuse each with a message or warn (on a command line, a warning is what the profile's driver.settings.warnings says). A document signed silently is ✗.",
  },
  none: { tr: "Oturum bozuk belge imzalatamadı.", en: "The session asked for no signature of a document malformed." },
});
