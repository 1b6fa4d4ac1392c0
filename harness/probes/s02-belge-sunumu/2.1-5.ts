// 2.1-5 (Z, observed): a document whose content cannot be shown whole is warned about, and signing can be aborted.
// The bad-documents session gives a Word document whose amount is a picture: a viewer that shows text cannot show
// it whole. The window must warn (the page object reads the warning) or refuse it; one signed without a word is a
// suggested ✗ (the assessor overrides if the window did show the picture). A face without a screen proves nothing.
import { badDocumentProbe } from "../bad-documents.ts";

export default badDocumentProbe({
  kind: "cannot-show-whole",
  suggested: true,
  needsScreen: true,
  how: {
    tr: "Uygulamaya tutarı bir resimde olan bir Word belgesi imzalatılır (yalnız metin gösteren bir pencere bütününü gösteremez); penceresinin uyarması ya da belgeyi reddetmesi beklenir. Uyarısız imzalanırsa ✗ önerilir (pencere resmi gösterdiyse değerlendirici düzeltir). Ekranı olmayan sürücüde (komut satırı, HTTP) değerlendirilemez.",
    en: "The application is asked to sign a Word document whose amount is in a picture (a window that shows text cannot show it whole); its window must warn or refuse it. Signed without a warning is a suggested ✗ (the assessor overrides if the window showed the picture). Through a driver without a screen (command line, HTTP) it cannot be assessed.",
  },
  none: {
    tr: "Oturum bütünüyle gösterilemeyen belge imzalatamadı.",
    en: "The session asked for no signature of a document that cannot be shown whole.",
  },
});
