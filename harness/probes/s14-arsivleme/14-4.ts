// 14-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Arşiv zaman damgası özeti bozulmuş ya da ZDS imzası sahte, ZDS SİL'i eklenmemiş (97, 101) imzalar geçerli sayılmamalı; geçerli arşiv zaman damgalı, ZDS sertifikası damgadan sonra dolmuş (106) ve SHA-1 özetli arşiv damgalı (109) imzalar geçerli sayılmalı.",
    en: "Signatures whose archive time-stamp has a corrupted imprint or forged TSA signature, or lacks its TSA CRL (97, 101), must not be called valid; those with a valid archive time-stamp, with a TSA certificate that expired after the archive time-stamp (106) and with a SHA-1 archive imprint (109) must be.",
  },
  vectors: ["84-93:*", "97", "101", "106", "109"],
  controls: ["level"],
  checks: ["timestamp-archive"],
});
