// 2.1-7 (K: the application puts several signatures on a document, observed): the signatures already on a document
// are shown to the user. The window-signed-document session gives the signing window a document already signed by
// someone not on the card (an attached CAdES-BES uyum made with a key of the campaign PKI) and cancels at the card.
// The window's document step (what the page object read of its list of signatures, else its screen text) naming
// every earlier signer: ✓. The document shown but a signer not named: ✗. The window refusing the signed document, or
// taking it for a malformed one: ? (the application declares it adds signatures, so how it shows them is the
// assessor's to see). Every mark a suggestion; a face without a screen is not assessed (the campaign says so).
import type { SignedDocumentEvidence } from "../../sessions/catalogue.ts";
import { defineProbe, type Judgement } from "../kit.ts";
import { endedEarly, says, screenRefs, stepText, suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

/** The earlier signers the window's document step does not name (in its list, else anywhere on its screen). */
export function unnamedSigners(e: SignedDocumentEvidence): string[] {
  const listed = e.documentView?.existingSignatures?.join("\n") ?? "";
  const screen = e.steps
    .filter((s) => s.step === "window-document")
    .map((s) => stepText(s) ?? "")
    .join("\n");
  return e.given.signers.map((s) => s.name).filter((n) => !says(listed, n) && !says(screen, n));
}

export default defineProbe({
  how: {
    tr: "İmza penceresine, kartta olmayan bir imzacının (test PKI'den geçerli bir NES) önceden imzaladığı bir belge (içerikli CAdES-BES, uyum'un imzası) verilir ve karta gelmeden vazgeçilir. Pencerenin belge adımı (mevcut imzalar listesi ya da ekran metni) her önceki imzacıyı adıyla gösteriyorsa ✓, belgeyi gösterip bir imzacıyı göstermiyorsa ✗ önerilir. Pencere imzalı belgeyi reddeder ya da bozuk sayarsa uygulama imza eklediğini bildirdiğinden nasıl gösterdiğine değerlendirici bakar (?). Önerilen işaret; ekranı olmayan sürücüde değerlendirilemez.",
    en: "The signing window is given a document already signed by a signer who is not on the card (a valid NES of the test PKI; an attached CAdES-BES made by uyum) and is cancelled before the card. The window's document step (its list of existing signatures, or its screen text) naming every earlier signer suggests ✓; showing the document without naming one suggests ✗. A window that refuses the signed document or takes it for a malformed one leaves it to the assessor to see how the application (which declares it adds signatures) shows them (?). A suggested mark; through a driver without a screen it cannot be assessed.",
  },
  uses: ["window-signed-document"],
  judge(given): Judgement {
    const e = given["window-signed-document"];
    const refs = [...screenRefs(e, "window-document", "#mevcut-imzalar"), e.given.signature];
    const names = e.given.signers.map((s) => s.name);
    const multiple = given.profile.capabilities?.multipleSignatures;
    const declared = (Array.isArray(multiple) ? multiple.join(", ") : String(multiple ?? "")) || "—";
    const v = e.documentView;
    if (v === null && e.steps.length === 0) return suggestUndetermined(endedEarly(e), refs);
    const missing = unnamedSigners(e);
    if (v !== null && missing.length === 0)
      return suggestPass(
        {
          tr: `Pencere imzalı belgeyi gösterirken üzerindeki ${names.length} imzayı imzacısıyla gösterdi: ${names.join(", ")}${v.existingSignatures?.length ? ` (liste: «${v.existingSignatures.join("»; «")}»)` : ""}.`,
          en: `Showing the signed document, the window named the ${names.length} signature(s) already on it by signer: ${names.join(", ")}${v.existingSignatures?.length ? ` (its list: «${v.existingSignatures.join("»; «")}»)` : ""}.`,
        },
        refs,
      );
    // refused, or taken for a malformed document: the app says it adds signatures (multipleSignatures), yet did not
    // show this one's; how it does is for the assessor to see
    const refused = v === null && (e.outcome.status === "failed" || e.outcome.status === "no-answer");
    if (refused || (v !== null && v.warnings.length > 0))
      return suggestUndetermined(
        {
          tr: `Pencere imzalı belgeyi (içerikli CAdES-BES, ${names.join(", ")} imzalı) ${refused ? `reddetti ya da göstermedi (${e.outcome.status}: ${e.outcome.message || "mesaj yok"})` : `uyararak gösterdi («${v!.warnings.join("»; «")}») ve imzacıları adlandırmadı`}. Uygulama birden çok imza attığını bildiriyor (multipleSignatures: ${declared}); mevcut imzaları nasıl gösterdiğini değerlendirici görmeli.`,
          en: `The window ${refused ? `refused or did not show the signed document (an attached CAdES-BES signed by ${names.join(", ")}; ${e.outcome.status}: ${e.outcome.message || "no message"})` : `showed the signed document (an attached CAdES-BES signed by ${names.join(", ")}) with a warning («${v!.warnings.join("»; «")}») and named no signer`}. The application declares it adds signatures (multipleSignatures: ${declared}); how it shows those already on a document is for the assessor to see.`,
        },
        [...refs, e.document],
      );
    return suggestFail(
      {
        tr: `Pencere imzalı belgeyi ${v === null ? "belge adımı olmadan işledi" : "gösterdi"} ama üzerindeki imzalardan şunları göstermedi: ${missing.join(", ")}${v?.existingSignatures?.length ? ` (listesi: «${v.existingSignatures.join("»; «")}»)` : " (mevcut imza listesi yok)"}; imzacı belgede başka imzalar olduğunu görmeden imzalar.`,
        en: `The window ${v === null ? "took the signed document without a document step" : "showed the signed document"} but not these of the signatures on it: ${missing.join(", ")}${v?.existingSignatures?.length ? ` (its list: «${v.existingSignatures.join("»; «")}»)` : " (no list of existing signatures)"}; the signer signs without seeing that others signed it.`,
      },
      refs,
    );
  },
});
