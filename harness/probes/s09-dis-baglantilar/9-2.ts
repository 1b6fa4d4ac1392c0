// 9-2 (K: the card does not supply every certificate needed): the campaign's card holds the signer's
// certificates and none of its CA (ESHS) certificates; a signature that carries the certificates of the signer's
// chain shows the application got them elsewhere (its configuration, the PKI's AIA caIssuers, a directory).
// Judged on sign-once's signatures without a time-stamp (a token brings the TSA's certificates, counted with the
// signature's own): the signer's certificate alone is ✗. Whether it validates the chain before signing is what
// 1.2-1.a–f prove with the signing-side certificates.
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { cannotInspect } from "../inspected.ts";
import { describe, reportAt, signaturesOf } from "../outputs.ts";

export default defineProbe({
  how: {
    tr: "Kartta yalnızca imzacının sertifikaları varken (ESHS sertifikaları yok) uygulamanın bildirdiği her biçimde bir kez imzalatılır; zaman damgasız her imzanın imzacı sertifikasının yanında zincirin ESHS sertifikalarını da taşıdığı uyum doğrulayıcısıyla sayılır. Yalnızca imzacı sertifikası ✗.",
    en: "With only the signer's certificates on the card (no CA certificates), the application signs once in each format it declares; uyum's validator counts, in every signature without a time-stamp, the chain's CA certificates beside the signer's. The signer's certificate alone is ✗.",
  },
  uses: ["sign-once"],
  judge(given) {
    const session = given["sign-once"];
    const blocked = cannotInspect(session, { tr: "zincir sertifikaları", en: "the chain certificates" });
    if (blocked) return blocked;
    const reports = session.outputs.map((o) => o.report);
    if (!session.cardChain)
      return undetermined(
        {
          tr: "Kartın ESHS sertifikası taşıyıp taşımadığı bilinmiyor (uyum'un yazmadığı bir kart); imzadaki zincirin karttan gelmediği gösterilemez.",
          en: "Whether the card holds CA certificates is not known (a card uyum did not write); that the chain in a signature did not come from the card cannot be shown.",
        },
        reports,
      );
    if (session.cardChain.length > 0)
      return undetermined(
        {
          tr: `Kart zincirin ESHS sertifikalarını da taşıyordu (${session.cardChain.join(", ")}); uygulamanın bunları başka yerden edindiği bu oturumda gösterilemez.`,
          en: `The card held the chain's CA certificates as well (${session.cardChain.join(", ")}); this session cannot show the application obtains them elsewhere.`,
        },
        reports,
      );
    const rows = signaturesOf(session.outputs).filter((s) => s.signature.timestamps.length === 0);
    const count = (r: (typeof rows)[number]) => r.signature.inspection?.certificates ?? 0;
    const refs = (rs: typeof rows) => rs.map((r) => reportAt(r.output, r.signature, "chain"));
    if (rows.length === 0)
      return undetermined(
        {
          tr: "Her imza zaman damgası taşıyor; damganın sertifikaları imzanınkilerle birlikte sayıldığından zincirin imzada olup olmadığı ayrılamadı.",
          en: "Every signature carries a time-stamp; its certificates are counted with the signature's own, so whether the chain is carried could not be told apart.",
        },
        reports,
      );
    const bare = rows.filter((r) => count(r) < 2);
    if (bare.length > 0)
      return fail(
        {
          tr: `Kartta ESHS sertifikası yokken imza zincirin hiçbir ESHS sertifikasını taşımıyor: ${bare.map((r) => `${describe(r.output).tr} (${count(r)} sertifika)`).join(", ")}; uygulamanın bunlara eriştiğini gösteren bir şey yok.`,
          en: `With no CA certificate on the card, the signature carries none of its chain's CA certificates: ${bare.map((r) => `${describe(r.output).en} (${count(r)} certificate${count(r) === 1 ? "" : "s"})`).join(", ")}; nothing shows the application obtained them.`,
        },
        refs(bare),
      );
    return pass(
      {
        tr: `Kartta yalnızca imzacı sertifikaları varken ${rows.length} imzanın her biri zincir sertifikalarını da taşıyor: ${rows.map((r) => `${describe(r.output).tr}: ${count(r)} sertifika`).join("; ")}.`,
        en: `With only the signer's certificates on the card, each of the ${rows.length} signatures carries its chain's certificates too: ${rows.map((r) => `${describe(r.output).en}: ${count(r)} certificates`).join("; ")}.`,
      },
      refs(rows),
    );
  },
});
