// 11.7.1-4: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Anahtar kullanımında nonRepudiation olmayan sertifikayla atılmış imzalar (senaryo 9) geçerli sayılmamalı; geçerli imzalar (senaryo 8) geçerli sayılmalı.",
    en: "Signatures by a certificate whose keyUsage lacks nonRepudiation (scenario 9) must not be called valid; valid signatures (scenario 8) must be.",
  },
  vectors: ["9"],
  controls: ["8"],
  checks: ["nes-key-usage"],
});
