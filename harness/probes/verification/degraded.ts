// The judge of the items answered by the verify-degraded session: how the application's verifier behaves when the
// revocation services are down, slow or stale (never "valid" for want of revocation data, and say why), with them up
// (valid: it fetched the data from the certificate's CRL DP / OCSP AIA), and with every service down on a signature
// that carries its own validation data (valid: it uses what is stored in the signature).
//
// A row is "without revocation data" when uyum's validator, which consults every source the application could (the
// file, the CRL DP, the OCSP AIA), found none usable in the same condition: uyum's verdict, not the fault's name,
// decides (a verifier that falls back from a downed CRL to OCSP and says valid is right).
import type { Text } from "../../core/text.ts";
import type { DegradedRow, VerifyDegradedEvidence } from "../../sessions/catalogue.ts";
import { at, type EvidenceRef } from "../../sessions/evidence.ts";
import { defineProbe, fail, notApplicable, pass, undetermined, type Judgement, type Probe } from "../kit.ts";

export interface DegradedSpec {
  /** "live": signatures whose revocation data must be fetched; "embedded": signatures that carry it */
  asks: "live" | "embedded";
  /** words that name revocation in the application's reason (regular expression, case-insensitive, Unicode; the
   *  text is folded first: İ/I/ı → i, lower case) */
  reasonPattern?: string;
}

/** The application's words name revocation (iptal, SİL, OCSP, CRL, revocation, TRY_LATER). */
export const REVOCATION_WORDS = "(^|[^\\p{L}])(iptal|sil([^\\p{L}]|$)|ocsp|crl|revocation|revoked|try.?later)";

export function namesRevocation(text: string, pattern = REVOCATION_WORDS): boolean {
  const folded = text.replace(/[İIı]/g, "i").toLowerCase();
  return new RegExp(pattern, "iu").test(folded);
}

/** uyum found no usable revocation data for some certificate of the path in this condition. */
export function lacksRevocation(r: DegradedRow): boolean {
  return r.uyum.indication !== "TOTAL-PASSED" && r.uyum.failedChecks.some((c) => /^revocation/.test(c));
}

const said = (r: DegradedRow) =>
  `"${r.app.verdict}"${r.app.ended ? ` (${r.app.ended})` : r.app.text ? ` ("${quote(r.app.text)}")` : ""}`;
const quote = (s: string) => (s.length > 90 ? `${s.slice(0, 87)}…` : s).replace(/\s+/g, " ");
const label = (r: DegradedRow) => `${r.vector} @ ${r.condition}${r.faults.length ? ` [${r.faults.join(", ")}]` : ""}`;
const listed = (xs: string[], max = 4) =>
  xs.length <= max ? xs.join("; ") : `${xs.slice(0, max).join("; ")} (+${xs.length - max})`;

export function judgeDegraded(spec: DegradedSpec, ev: VerifyDegradedEvidence): Judgement {
  const refOf = (r: DegradedRow): EvidenceRef[] => [
    at(ev.matrix, `${r.vector}@${r.condition}`),
    ...(r.ref ? [r.ref] : []),
  ];
  if (ev.unavailable)
    return undetermined(
      {
        tr: `Oturum uygulamaya hiçbir test imzası veremedi: ${ev.unavailable.tr}`,
        en: `The session could give the application no test signature: ${ev.unavailable.en}`,
      },
      [ev.matrix],
    );
  const mine = ev.rows.filter((r) => r.revocationSource === spec.asks);
  const up = mine.filter((r) => r.condition === "services-up");
  const degraded = mine.filter((r) =>
    spec.asks === "live" ? r.condition !== "services-up" : r.condition === "all-down",
  );
  if (up.length === 0 || degraded.length === 0)
    return notApplicable(
      spec.asks === "live"
        ? {
            tr: "Uygulamanın bildirdiği biçimlerde iptal bilgisini servislerden alması gereken geçerli test imzası yok.",
            en: "No valid test signature in a form the application declares needs its revocation data from the services.",
          }
        : {
            tr: "Uygulamanın bildirdiği biçimlerde doğrulama verisini kendi içinde taşıyan geçerli test imzası yok.",
            en: "No valid test signature in a form the application declares carries its own validation data.",
          },
      [ev.matrix],
    );

  // uyum's own verdicts must be what the conditions make them, or the session proves nothing (our fault)
  const ours = [
    ...up.filter((r) => r.uyum.indication !== "TOTAL-PASSED"),
    ...(spec.asks === "embedded" ? degraded.filter((r) => r.uyum.indication !== "TOTAL-PASSED") : []),
  ];
  if (ours.length > 0)
    return undetermined(
      {
        tr: `uyum'un kendi doğrulayıcısı geçerli olması gereken test imzalarını geçerli bulmadı (${listed(ours.map(label))}): oturumun kendi sorunu, uygulama hakkında karar verilmedi.`,
        en: `uyum's own validator did not find valid the test signatures that should be (${listed(ours.map(label))}): the session's own problem, no verdict on the application.`,
      },
      ours.flatMap(refOf),
    );

  const silent = [...up, ...degraded].filter((r) => r.app.verdict === "no-answer");
  if (silent.length > 0)
    return undetermined(
      {
        tr: `Uygulama ${silent.length} doğrulamada karar vermedi: ${listed(silent.map((r) => `${label(r)} (${r.app.ended ?? "yanıt yok"})`))}.`,
        en: `The application gave no verdict in ${silent.length} verifications: ${listed(silent.map((r) => `${label(r)} (${r.app.ended ?? "no answer"})`))}.`,
      },
      silent.flatMap(refOf),
    );

  const upWrong = up.filter((r) => r.app.verdict !== "valid");
  if (upWrong.length > 0)
    return fail(
      {
        tr: `Servisler çalışırken uygulama geçerli imzaya geçerli demedi: ${listed(upWrong.map((r) => `${label(r)}: ${said(r)}`))}. ${spec.asks === "live" ? "İptal bilgisini sertifikadaki SİL dağıtım noktasından / OCSP adresinden elde etmiyor." : ""}`.trim(),
        en: `With the services up the application did not call a valid signature valid: ${listed(upWrong.map((r) => `${label(r)}: ${said(r)}`))}. ${spec.asks === "live" ? "It does not obtain the revocation data from the certificate's CRL distribution point / OCSP address." : ""}`.trim(),
      },
      upWrong.flatMap(refOf),
    );

  if (spec.asks === "embedded") {
    const offlineWrong = degraded.filter((r) => r.app.verdict !== "valid");
    if (offlineWrong.length > 0)
      return fail(
        {
          tr: `Tüm servisler kapalıyken uygulama, doğrulama verisini (sertifikalar, SİL/OCSP) kendi içinde taşıyan geçerli imzaya geçerli demedi: ${listed(offlineWrong.map((r) => `${r.vector}: ${said(r)}`))}. İmzadaki saklı doğrulama verisini kullanmıyor.`,
          en: `With every service down the application did not call valid a valid signature that carries its own validation data (certificates, CRL/OCSP): ${listed(offlineWrong.map((r) => `${r.vector}: ${said(r)}`))}. It does not use the validation data stored in the signature.`,
        },
        offlineWrong.flatMap(refOf),
      );
    return pass(
      {
        tr: `Uygulama, doğrulama verisini kendi içinde taşıyan ${degraded.length} geçerli imzaya tüm servisler kapalıyken de geçerli dedi (${listed(degraded.map((r) => r.vector))}); uyum da aynı koşulda geçerli buldu.`,
        en: `The application called ${degraded.length} valid signatures that carry their own validation data valid with every service down too (${listed(degraded.map((r) => r.vector))}); uyum found them valid in the same condition.`,
      },
      [...up, ...degraded].map((r) => at(ev.matrix, `${r.vector}@${r.condition}`)),
    );
  }

  // live: "valid" where uyum found no usable revocation data is the flaw, unless the services still sent the slow
  // answers the application waited for
  const without = degraded.filter(lacksRevocation);
  const waited = (r: DegradedRow) => r.condition === "revocation-slow" && (r.lateAnswers ?? 0) > 0;
  const validAnyway = without.filter((r) => r.app.verdict === "valid" && !waited(r));
  if (validAnyway.length > 0)
    return fail(
      {
        tr: `İptal bilgisi elde edilemezken uygulama imzaya geçerli dedi: ${listed(validAnyway.map((r) => `${label(r)}: ${said(r)}; uyum: ${r.uyum.indication}${r.uyum.subIndication ? "/" + r.uyum.subIndication : ""}`))}.`,
        en: `The application called a signature valid while no revocation data could be obtained: ${listed(validAnyway.map((r) => `${label(r)}: ${said(r)}; uyum: ${r.uyum.indication}${r.uyum.subIndication ? "/" + r.uyum.subIndication : ""}`))}.`,
      },
      validAnyway.flatMap(refOf),
    );
  const pattern = spec.reasonPattern ?? REVOCATION_WORDS;
  const mute = without.filter((r) => r.app.verdict !== "valid" && !namesRevocation(r.app.text, pattern));
  if (mute.length > 0)
    return fail(
      {
        tr: `Uygulama iptal bilgisi alınamadığında imzaya geçerli demedi ama nedeninin iptal bilgisi (SİL/OCSP) olduğunu söylemedi: ${listed(mute.map((r) => `${label(r)}: ${said(r)}`))}.`,
        en: `When no revocation data could be obtained the application did not call the signature valid but did not say the reason is revocation data (CRL/OCSP): ${listed(mute.map((r) => `${label(r)}: ${said(r)}`))}.`,
      },
      mute.flatMap(refOf),
    );
  if (without.length === 0)
    return undetermined(
      {
        tr: "Servisler bozukken bile uyum iptal bilgisi buldu: hiçbir koşul uygulamayı iptal bilgisiz bırakmadı, madde kanıtlanamadı.",
        en: "Even with the services degraded uyum found revocation data: no condition left the application without it, so the item is not proven.",
      },
      [ev.matrix],
    );
  const fellBack = degraded.filter((r) => !lacksRevocation(r) && r.app.verdict === "valid");
  const strict = degraded.filter((r) => !lacksRevocation(r) && r.app.verdict !== "valid");
  const note: Text = {
    tr: `${fellBack.length ? ` Bir kaynak kapalıyken diğerine geçip ${fellBack.length} kez geçerli dedi.` : ""}${strict.length ? ` Bir kaynak kapalıyken ${strict.length} kez geçerli demedi (diğer kaynak açıktı: yedeğe geçmiyor, hata değil).` : ""}`,
    en: `${fellBack.length ? ` With one source down it fell back to the other and said valid ${fellBack.length} times.` : ""}${strict.length ? ` With one source down it did not say valid ${strict.length} times (the other source was up: it does not fall back, not a fault).` : ""}`,
  };
  return pass(
    {
      tr: `Servisler çalışırken uygulama ${up.length} geçerli imzaya geçerli dedi (iptal bilgisini SİL/OCSP servislerinden aldı); iptal bilgisi alınamayan ${without.length} durumun hiçbirinde geçerli demedi ve nedenin iptal bilgisi olduğunu söyledi (${listed([...new Set(without.map((r) => r.condition))])}).${note.tr}`,
      en: `With the services up the application called ${up.length} valid signatures valid (it got the revocation data from the CRL/OCSP services); in none of the ${without.length} cases without revocation data did it say valid, and it named revocation as the reason (${listed([...new Set(without.map((r) => r.condition))])}).${note.en}`,
    },
    [...up, ...without].map((r) => at(ev.matrix, `${r.vector}@${r.condition}`)),
  );
}

/** One item's probe over the verify-degraded session. */
export function degradedProbe(p: DegradedSpec & { how: Text }): Probe<readonly ["verify-degraded"]> & {
  spec: DegradedSpec;
} {
  const { how, ...spec } = p;
  return {
    ...defineProbe({
      how,
      uses: ["verify-degraded"] as const,
      judge: (given) => judgeDegraded(spec, given["verify-degraded"]),
    }),
    spec,
  };
}
