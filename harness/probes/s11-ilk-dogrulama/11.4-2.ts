// 11.4-2: judged from the application's verdicts on the vector set (verify-vectors), over the agreement engine.
import { agreementProbe } from "../verification/agreement.ts";

export default agreementProbe({
  how: {
    tr: "Ortası bozulmuş ve kesik imza dosyaları ile belgesi verilmemiş ayrık imza doğrulayıcıya verilir: geçerli sayılmamalı ve uygulama çökmeden bir karar vermeli; her seviye ve paketlemedeki geçerli imzalar geçerli sayılmalı. (Uygulamanın söylediği seviye, kanıttaki çıktısında okunur.)",
    en: "Signature files with their middle overwritten, truncated files and a detached signature given without its document are given to the verifier: none may be called valid, and the application must answer rather than crash; the valid signatures of every level and packaging must be valid. (The level it names is read in its output in the evidence.)",
  },
  vectors: ["malformed-*", "detached-without-content"],
  controls: ["level"],
  checks: ["format", "signed-data"],
});
