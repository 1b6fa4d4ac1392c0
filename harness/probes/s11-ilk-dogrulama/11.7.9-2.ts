// 11.7.9-2: for P2–P4 the signature-policy hash algorithm is SHA-256. Judged from the application's verdicts on
// P2–P4 signatures whose SigPolicyHash is the right SHA-1 digest of the policy document.
import { agreementOrStatedProbe } from "../verification/stated.ts";

export default agreementOrStatedProbe({
  how: {
    tr: "Politika özeti, politika belgesinin doğru SHA-1 özeti olan P2–P4 imzaları geçerli sayılmamalı (profiller SHA-256 ister); SHA-256 özetli P2–P4 imzaları geçerli sayılmalı.",
    en: "P2–P4 signatures whose policy hash is the right SHA-1 digest of the policy document must not be called valid (the profiles demand SHA-256); P2–P4 signatures with the SHA-256 hash must be.",
  },
  from: "declaration",
  vectors: ["policy-hash-sha1"],
  controls: ["profile-P2", "profile-P3", "profile-P4"],
  checks: ["profile-policy-hash"],
});
