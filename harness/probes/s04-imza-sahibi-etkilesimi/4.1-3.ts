// 4.1-3 (Z, observed): until signing completes, the signer is informed at every point where they must be able to
// exercise control. Read from the window-review session, point by point: the document step (the document shown,
// a way to stop), the confirm step (the certificate and the qualified-signature warning, a way to stop), the PIN
// (asked there, beside that information) and the outcome (a message). A suggestion.
import { defineProbe, type Judgement } from "../kit.ts";
import {
  endedEarly,
  previewShowsDocument,
  screenRefs,
  suggestFail,
  suggestPass,
  suggestUndetermined,
} from "../screen.ts";

export default defineProbe({
  how: {
    tr: "Belge sayfa ve imza ajanının penceresi üzerinden imzalatılır; imzacının denetim noktalarının her birinde bilgilendirildiği makineyle denetlenir: belge adımı (belge gösterilir, vazgeçilebilir), onay adımı (sertifika bilgileri ve nitelikli imza uyarısı, vazgeçilebilir), PIN (bu bilgilerin yanında sorulur) ve sonuç (bir mesaj). Önerilen işaret.",
    en: "The document is signed through the page and the signer agent's window; the machine checks that the signer is informed at each point of control: the document step (the document shown, a way to stop), the confirm step (certificate information and the qualified-signature warning, a way to stop), the PIN (asked beside that information) and the outcome (a message). A suggested mark.",
  },
  uses: ["window-review"],
  judge(given): Judgement {
    const e = given["window-review"];
    const refs = [
      ...screenRefs(e, "window-document"),
      ...screenRefs(e, "window-confirm"),
      ...screenRefs(e, "window-result"),
    ];
    const c = e.confirmView;
    if (!c && e.outcome.status !== "signed") return suggestUndetermined(endedEarly(e), refs);
    const missing: { tr: string; en: string }[] = [];
    const v = e.documentView;
    if (!v)
      missing.push({ tr: "belge adımı yok: belge gösterilmedi", en: "no document step: the document was not shown" });
    else {
      if (!previewShowsDocument(e))
        missing.push({
          tr: "belge adımı belgenin metnini göstermiyor",
          en: "the document step does not show the document's text",
        });
      if (!v.cancelOffered) missing.push({ tr: "belge adımında vazgeç yok", en: "the document step offers no cancel" });
    }
    if (!c)
      missing.push({
        tr: "onay adımı yok: imza bilgi verilmeden atıldı",
        en: "no confirm step: it signed without informing",
      });
    else {
      if (!c.certificateInfo?.trim())
        missing.push({
          tr: "onay adımında sertifika bilgisi yok",
          en: "the confirm step shows no certificate information",
        });
      if (!c.qualifiedWarning?.trim())
        missing.push({
          tr: "onay adımında nitelikli imza uyarısı yok",
          en: "the confirm step shows no qualified-signature warning",
        });
      if (!c.cancelOffered) missing.push({ tr: "onay adımında vazgeç yok", en: "the confirm step offers no cancel" });
      if (!c.pinField)
        missing.push({
          tr: "PIN bu bilgilerin yanında (onay adımında) sorulmuyor",
          en: "the PIN is not asked beside that information (at the confirm step)",
        });
    }
    if (!e.outcome.message.trim())
      missing.push({ tr: "sonuç bir mesajla bildirilmiyor", en: "the outcome is told in no message" });
    if (missing.length)
      return suggestFail(
        {
          tr: `Denetim noktalarından birinde bilgilendirme eksik: ${missing.map((m) => m.tr).join("; ")}.`,
          en: `A point of control lacks information: ${missing.map((m) => m.en).join("; ")}.`,
        },
        refs,
      );
    return suggestPass(
      {
        tr: `Her denetim noktasında bilgi verildi: belge gösterildi (vazgeçilebilir), sertifika bilgileri ve nitelikli imza uyarısı PIN'le birlikte gösterildi (vazgeçilebilir), sonuç bildirildi: "${e.outcome.message}".`,
        en: `The signer was informed at every point of control: the document was shown (with cancel), the certificate information and the qualified-signature warning were shown with the PIN field (with cancel), the outcome was told: "${e.outcome.message}".`,
      },
      refs,
    );
  },
});
