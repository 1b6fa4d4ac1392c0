// 15-5 (Z): adding a new serial or parallel signature to a signed document does not break the existing ones.
// The application adds a parallel (cosign) and a serial (countersign) signature to its own valid signature
// (add-signatures); uyum validates the result: every signature in it, the first one included, must hold
// (TOTAL-PASSED), and a parallel signature must really be there (two signers).
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { baseProblem, passed, refsOf, stepName, verdictText } from "../produced.ts";

export default defineProbe({
  how: {
    tr: "Uygulamanın kendi geçerli imzasına profildeki komutlarla paralel ve seri imza eklenir; çıktı uyum'un doğrulayıcısıyla doğrulanır: ilk imza dahil her imza TOPLAM-GEÇERLİ olmalı, paralel imzada iki imzacı bulunmalıdır.",
    en: "A parallel and a serial signature are added to the application's own valid signature with the profile's commands; uyum validates the output: every signature in it, the first included, must be TOTAL-PASSED, and a parallel signature must show two signers.",
  },
  uses: ["add-signatures"],
  judge(given) {
    const steps = given["add-signatures"].steps;
    const adds = steps
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.operation === "cosign" || s.operation === "countersign");
    if (!adds.length)
      return undetermined({
        tr: "Profilde imza ekleme komutu (driver.settings.cosign / countersign) yok; imza eklemek görülmedi.",
        en: "The profile gives no command to add a signature (driver.settings.cosign / countersign); adding a signature was not seen.",
      });
    const problems: string[] = [];
    for (const { s, i } of adds) {
      const base = baseProblem(steps, i);
      if (base) return undetermined(base, steps.flatMap(refsOf));
      if (!passed(steps[i - 1]?.validation))
        return undetermined(
          {
            tr: `İmza eklenecek ilk imza zaten geçerli değildi (${verdictText(steps[i - 1]?.validation)}).`,
            en: `The signature to add to was not valid to begin with (${verdictText(steps[i - 1]?.validation)}).`,
          },
          refsOf(steps[i - 1]!),
        );
      if (!s.output) problems.push(`${stepName(s)}: no output (${s.ended ?? "?"})`);
      else if (!passed(s.validation)) problems.push(`${stepName(s)}: ${verdictText(s.validation)}`);
      else if (s.operation === "cosign" && (s.validation?.signatures ?? 0) < 2)
        problems.push(
          `${stepName(s)}: the output has ${s.validation?.signatures} signature(s), no parallel one was added`,
        );
    }
    if (problems.length)
      return fail(
        {
          tr: `İmza eklendikten sonra belge geçerli değil: ${problems.join("; ")}.`,
          en: `After adding a signature the document is not valid: ${problems.join("; ")}.`,
        },
        adds.flatMap(({ s }) => refsOf(s)),
      );
    return pass(
      {
        tr: `${adds.map(({ s }) => s.operation).join(" ve ")} sonrası belge, ilk imza dahil, TOPLAM-GEÇERLİ.`,
        en: `After ${adds.map(({ s }) => s.operation).join(" and ")} the document, the first signature included, is TOTAL-PASSED.`,
      },
      adds.flatMap(({ s }) => refsOf(s)),
    );
  },
});
