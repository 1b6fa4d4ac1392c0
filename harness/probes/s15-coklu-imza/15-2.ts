// 15-2: every signature of a multi-signed document verified separately, a result shown per signer. From the
// verify-vectors matrix: the verifier must get the multi-signature vectors right (a revoked first signer is not
// hidden by a valid second one: 39, P4_93) and its words on each document with two signers must name two signers
// (distinct subject names, "CN=…"). Reading names out of free text is a heuristic, so the mark stays suggested
// until the assessor confirms the per-signer result on the application's own output.
import type { VerifierRow } from "../../sessions/catalogue.ts";
import { at } from "../../sessions/evidence.ts";
import { defineProbe, fail, undetermined, type Judgement } from "../kit.ts";
import { judgeAgreement, selects, type AgreementSpec } from "../verification/agreement.ts";

const SPEC: AgreementSpec = {
  vectors: ["39_s", "39_p", "P4_93_s", "P4_93_p"],
  controls: ["multi-*"],
  checks: ["counter-signature", "revocation-ca", "revocation"],
};
/** scenario selectors of the documents that carry two signatures */
const MULTI = ["multi-*", "39_s", "39_p", "P4_93_s", "P4_93_p"];

/** The distinct subject names (CN=…) the application's words mention. */
export function signersNamed(text: string): string[] {
  return [...new Set([...text.matchAll(/CN=([^,\n/]+)/g)].map((m) => m[1]!.trim()))];
}

export default defineProbe({
  how: {
    tr: "İki imzalı (seri ve paralel) test belgeleri doğrulayıcıya verilir: ilk imzacısı iptal edilmiş belgeler geçerli sayılmamalı, tümü geçerli olanlar geçerli sayılmalı; uygulamanın her iki imzalı belge için çıktısı iki ayrı imzacı adı (CN=…) göstermeli. Ad okuma sezgisel olduğundan işaret, değerlendirici çıktıda imzacı başına sonucu görene dek öneridir.",
    en: "Test documents with two signatures (serial and parallel) are given to the verifier: those whose first signer is revoked must not be called valid, those whose signatures are all valid must be; its output on every two-signature document must name two distinct signers (CN=…). Reading names is heuristic, so the mark is suggested until the assessor sees the per-signer result in the output.",
  },
  uses: ["verify-vectors"],
  judge(given): Judgement {
    const ev = given["verify-vectors"];
    const verdicts = judgeAgreement(SPEC, ev);
    if (verdicts.verdict !== "pass") return verdicts;
    const multi = ev.rows.filter((r) => MULTI.some((s) => selects(s, r)) && r.app.verdict !== "no-answer");
    if (multi.length === 0)
      return undetermined(
        {
          tr: "Uygulamaya iki imzalı hiçbir test belgesi verilmedi.",
          en: "No test document with two signatures was given to the application.",
        },
        [ev.matrix],
      );
    const refOf = (r: VerifierRow) => [at(ev.matrix, r.vector), ...(r.ref ? [r.ref] : [])];
    const one = multi.filter((r) => signersNamed(r.app.text).length < 2);
    if (one.length > 0)
      return {
        ...fail(
          {
            tr: `Uygulamanın çıktısı ${multi.length} iki imzalı belgenin ${one.length} tanesinde iki imzacı adı göstermiyor (${one
              .slice(0, 4)
              .map((r) => `${r.vector}: ${signersNamed(r.app.text).join(", ") || "ad yok"}`)
              .join("; ")}): imza başına sonuç gösterilmiyor görünüyor.`,
            en: `The application's output names fewer than two signers on ${one.length} of ${multi.length} documents with two signatures (${one
              .slice(0, 4)
              .map((r) => `${r.vector}: ${signersNamed(r.app.text).join(", ") || "no name"}`)
              .join("; ")}): no per-signer result appears to be shown.`,
          },
          one.flatMap(refOf),
        ),
        suggested: true,
      };
    return {
      verdict: "pass",
      suggested: true,
      reason: {
        tr: `${verdicts.reason.tr} Uygulamanın çıktısı ${multi.length} iki imzalı belgenin her birinde iki imzacı adı gösteriyor.`,
        en: `${verdicts.reason.en} Its output names two signers on each of ${multi.length} documents with two signatures.`,
      },
      evidence: multi.flatMap(refOf),
    };
  },
});
