// 1.2-1.d (Z): before signing, the application checks the revocation status of the certificate and of its chain from current CRL/OCSP.
// Judged from the signing-side session like every check before signing (harness/probes/signing-side-check.ts), and
// from the services-down session: with the CRL and OCSP services both down it must not sign either.
import { judgeSigningSideCheck, signingSideHow } from "../signing-side-check.ts";
import { outcome, refsOf } from "../attempts.ts";
import { defineProbe, fail, type Judgement } from "../kit.ts";

export default defineProbe({
  how: signingSideHow("1.2-1.d", {
    tr: "sertifikanın ve zincirinin güncel SİL/OCSP'den iptal durumu",
    en: "the revocation status of the certificate and of its chain from current CRL/OCSP",
  }),
  uses: ["signing-side", "services-down"],
  judge(given): Judgement {
    const j = judgeSigningSideCheck("1.2-1.d", given["signing-side"]);
    if (j.verdict !== "pass") return j;
    const down = given["services-down"].cases.find((c) => c.down === "revocation");
    if (down?.attempt.output)
      return fail(
        {
          tr: `SİL ve OCSP servisleri kapalıyken uygulama ${outcome(down.attempt).tr}: iptal durumunu bilmeden imzaladı.`,
          en: `With the CRL and OCSP services down the application ${outcome(down.attempt).en}: it signed without knowing the revocation status.`,
        },
        refsOf(down.attempt),
      );
    if (!down) return j;
    return {
      ...j,
      reason: {
        tr: j.reason.tr.replace(/\.$/, "; SİL/OCSP kapalıyken de imzalamadı."),
        en: j.reason.en.replace(/\.$/, "; nor with CRL/OCSP down."),
      },
    };
  },
});
