// 12.1-1: subsequent verification uses the validation data stored in the signature. Two sessions: verify-degraded
// (a valid signature that carries its certificates and CRL/OCSP answers is called valid with every PKI service
// down, as uyum's validator finds it offline) and verify-vectors (signatures whose stored revocation data is expired
// or missing, given with the services down, are not called valid: the stored data is read, not just trusted).
import { defineProbe, undetermined, type Judgement } from "../kit.ts";
import { judgeDegraded } from "../verification/degraded.ts";
import { judgeAgreement, type AgreementSpec } from "../verification/agreement.ts";

export const STORED_DATA_SPEC: AgreementSpec = {
  vectors: ["18", "73", "75"],
  controls: ["8", "profile-P3", "profile-P4"],
  checks: ["revocation", "values"],
};

export default defineProbe({
  how: {
    tr: "Doğrulama verisini (sertifikalar, SİL/OCSP) kendi içinde taşıyan geçerli test imzaları doğrulayıcıya servisler çalışırken ve tüm PKI servisleri kapalıyken verilir: ikisinde de geçerli demeli. Saklı iptal verisi süresi dolmuş (18) ya da eksik (73, 75) imzalar servisler kapalıyken verilir: geçerli dememeli.",
    en: "Valid test signatures that carry their own validation data (certificates, CRL/OCSP) are given to the verifier with the services up and with every PKI service down: it must say valid both times. Signatures whose stored revocation data is expired (18) or missing (73, 75) are given with the services down: it must not say valid.",
  },
  uses: ["verify-degraded", "verify-vectors"],
  judge(given): Judgement {
    const offline = judgeDegraded({ asks: "embedded" }, given["verify-degraded"]);
    if (offline.verdict !== "pass") return offline;
    const stored = judgeAgreement(STORED_DATA_SPEC, given["verify-vectors"]);
    if (stored.verdict === "not-applicable")
      return undetermined(
        {
          tr: `Uygulama saklı veriyle geçerli imzalara geçerli dedi, ama saklı verisi bozuk hiçbir imza (18, 73, 75) bildirdiği biçimlerde değil: veriyi okuyup okumadığı kanıtlanamadı. ${stored.reason.tr}`,
          en: `The application called signatures valid on their stored data, but no signature whose stored data is bad (18, 73, 75) is in a form it declares: whether it reads that data is not proven. ${stored.reason.en}`,
        },
        [...offline.evidence, ...stored.evidence],
      );
    if (stored.verdict !== "pass") return stored;
    return {
      verdict: "pass",
      reason: { tr: `${offline.reason.tr} ${stored.reason.tr}`, en: `${offline.reason.en} ${stored.reason.en}` },
      evidence: [...offline.evidence, ...stored.evidence],
    };
  },
});
