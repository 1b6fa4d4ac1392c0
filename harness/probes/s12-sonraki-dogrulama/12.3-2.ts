// 12.3-2 (K: P3/P4): the upgrade to ES-X-L uses revocation data obtained after the grace period (P3: a CRL
// published after it). Judged from what the application's long-term outputs embed for the signer's certificate
// (upgrade-grace): every CRL thisUpdate / OCSP producedAt must be at or after the signature time + the profile's
// grace period. Refusing to upgrade inside the grace period is right; an X-L made then with older data is ✗.
import type { GraceUpgradeAttempt } from "../../sessions/catalogue.ts";
import { defineProbe, fail, notApplicable, pass, undetermined } from "../kit.ts";
import { refsOf, verdictText } from "../produced.ts";

const hours = (ms: number) => `${ms / 3_600_000} h`;

export default defineProbe({
  how: {
    tr: "Uygulamanın Türk profilli imzası X-L / B-LT'ye önce ertelenme süresi içinde, sonra servislerin saati süre dolduktan (ve yeni SİL yayımlandıktan) sonraya alınarak yükseltilir. Her çıktıda imzacı sertifikası için gömülü SİL'in thisUpdate / OCSP'nin producedAt zamanı, imza zamanı + profilin ertelenme süresiyle karşılaştırılır: daha önce yayımlanmış veriyle yapılmış bir yükseltme ✗; süre içinde reddedip sonra süre sonrası veriyle yükseltmek ✓.",
    en: "The application's Turkish-profile signature is upgraded to X-L / B-LT inside the grace period, then with the services' clock moved past it (a new CRL published). In each output the embedded CRL thisUpdate / OCSP producedAt for the signer's certificate is compared with the signature time + the profile's grace period: an upgrade made with data issued earlier is ✗; refusing inside the period and upgrading with post-grace data afterwards is ✓.",
  },
  uses: ["upgrade-grace"],
  judge(given) {
    const e = given["upgrade-grace"];
    if (!e.offered)
      return notApplicable(
        {
          tr: "Uygulama X-L / B-LT'ye yükseltme bildirmiyor (profilde yükseltme komutu yok): yükseltmede kullanılan iptal verisi sınanacak bir şey yok.",
          en: "The application declares no upgrade to X-L / B-LT (no upgrade command in the profile): there is no upgrade whose revocation data could be tested.",
        },
        [given.profileRef],
      );
    if (e.skipped || !e.signatureTime) {
      const why = e.skipped ?? { tr: "imza zamanı yok", en: "no signature time" };
      return undetermined(
        { tr: `Yükseltme denenemedi: ${why.tr}`, en: `The upgrade could not be tried: ${why.en}` },
        e.base?.output ? [e.base.output] : [],
      );
    }
    const earliest = new Date(Date.parse(e.signatureTime) + e.graceMs);
    const grace = `${e.profile}, ${hours(e.graceMs)}`;
    const early = (a: GraceUpgradeAttempt) =>
      (a.signerRevocation ?? []).filter((r) => Date.parse(r.issuedAt) < earliest.getTime());
    const bad = e.attempts.filter((a) => a.step.output && early(a).length > 0);
    if (bad.length)
      return fail(
        {
          tr: `İmza zamanı ${e.signatureTime}, ertelenme süresi (${grace}) ${earliest.toISOString()}'de doluyor; uygulama ${bad
            .map(
              (a) =>
                `${a.askedAt}'de istenen yükseltmeyi (${a.when === "in-grace" ? "süre içinde" : "süre sonrası"}) bundan önce yayımlanmış iptal verisiyle yaptı: ${early(
                  a,
                )
                  .map((r) => `${r.kind.toUpperCase()} ${r.issuedAt}`)
                  .join(", ")}`,
            )
            .join("; ")}.`,
          en: `Signature time ${e.signatureTime}, the grace period (${grace}) ends at ${earliest.toISOString()}; the application made ${bad
            .map(
              (a) =>
                `the upgrade asked at ${a.askedAt} (${a.when}) with revocation data issued before that: ${early(a)
                  .map((r) => `${r.kind.toUpperCase()} ${r.issuedAt}`)
                  .join(", ")}`,
            )
            .join("; ")}.`,
        },
        bad.flatMap((a) => refsOf(a.step)),
      );
    const after = e.attempts.find((a) => a.when === "after-grace");
    if (!after?.step.output)
      return undetermined(
        {
          tr: `Ertelenme süresinden sonra da uygulama yükseltilmiş imza yazmadı (${after?.step.ended ?? "istenmedi"}): süre sonrası veriyle yükseltme gösterilmedi.`,
          en: `After the grace period too the application wrote no upgraded signature (${after?.step.ended ?? "not asked"}): an upgrade with post-grace data was not shown.`,
        },
        after ? refsOf(after.step) : [],
      );
    const data = after.signerRevocation ?? [];
    if (!data.length)
      return undetermined(
        {
          tr: `Süre sonrası yükseltilen imza (${verdictText(after.step.validation)}) imzacı sertifikası için hiç SİL/OCSP taşımıyor: hangi veriyle yükseltildiği görülemedi (12.1-3, 14-2 bunu ayrıca değerlendirir).`,
          en: `The signature upgraded after the grace period (${verdictText(after.step.validation)}) carries no CRL/OCSP for the signer's certificate: which data it was completed with cannot be seen (12.1-3 and 14-2 judge that apart).`,
        },
        refsOf(after.step),
      );
    const inGrace = e.attempts.find((a) => a.when === "in-grace");
    const refused = inGrace && !inGrace.step.output ? ` Süre içindeki istek reddedildi (${inGrace.step.ended}).` : "";
    const refusedEn =
      inGrace && !inGrace.step.output
        ? ` The request inside the grace period was refused (${inGrace.step.ended}).`
        : "";
    return pass(
      {
        tr: `İmza zamanı ${e.signatureTime}, ertelenme süresi (${grace}) ${earliest.toISOString()}'de doluyor; yükseltilmiş imzanın imzacı için taşıdığı iptal verisi bundan sonra yayımlanmış: ${data.map((r) => `${r.kind.toUpperCase()} ${r.issuedAt}`).join(", ")}.${refused}`,
        en: `Signature time ${e.signatureTime}, the grace period (${grace}) ends at ${earliest.toISOString()}; the revocation data the upgraded signature carries for the signer was issued after it: ${data.map((r) => `${r.kind.toUpperCase()} ${r.issuedAt}`).join(", ")}.${refusedEn}`,
      },
      e.attempts.flatMap((a) => refsOf(a.step)),
    );
  },
});
