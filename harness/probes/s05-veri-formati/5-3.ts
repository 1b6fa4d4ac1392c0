// 5-3 (Z): the data to be signed is correctly converted into the chosen format: every signature the application
// wrote is structurally valid CAdES/XAdES/PAdES of the format and level asked for, and its digests and signature
// value verify. Chain, revocation and trust are other items' business; this one is about the format.
import { SIGNATURE_LEVELS } from "../../core/signature-forms.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";
import { describe, failuresOf, reportAt, signaturesOf, unreadable } from "../outputs.ts";

/** Sub-indications that say the bytes are not a correct signature of their format. */
const BROKEN = new Set(["FORMAT_FAILURE", "HASH_FAILURE", "SIG_CRYPTO_FAILURE"]);
/** The two level ladders: CAdES/XAdES (BES … A) and PAdES (B-B … B-LTA). */
const LADDERS = [SIGNATURE_LEVELS.slice(0, 8) as readonly string[], SIGNATURE_LEVELS.slice(8) as readonly string[]];

/** True when `got` is the level asked for or one above it on the same ladder (EPES counts as BES and more). */
function reaches(got: string, asked: string): boolean {
  if (got === asked) return true;
  const ladder = LADDERS.find((l) => l.includes(asked));
  if (!ladder || !ladder.includes(got)) return false;
  return ladder.indexOf(got) >= ladder.indexOf(asked);
}

export default defineProbe({
  how: {
    tr: "Uygulamanın bildirdiği her biçim ve seviyede bir imza atılır; uyum doğrulayıcısı her imzanın istenen biçimde (CAdES/XAdES/PAdES) ve en az istenen seviyede olduğunu, yapısının okunduğunu (FORMAT_FAILURE yok), özetlerinin ve imza değerinin doğrulandığını (HASH_FAILURE, SIG_CRYPTO_FAILURE yok) denetler.",
    en: "The application signs once in each format and level it declares; uyum's validator checks that each signature is of the format asked for (CAdES/XAdES/PAdES) and at least the level asked for, that its structure reads (no FORMAT_FAILURE), and that its digests and signature value verify (no HASH_FAILURE, SIG_CRYPTO_FAILURE).",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const { outputs, failures } = given["sign-once"];
    if (failures?.length) {
      const f = failuresOf(failures);
      return fail(
        {
          tr: `Uygulama istenen biçimde imzalayamadı: ${f.tr}.`,
          en: `The application could not sign in a format asked for: ${f.en}.`,
        },
        f.refs,
      );
    }
    if (outputs.length === 0)
      return undetermined({
        tr: "Oturum hiç imza üretmedi; biçim denetlenemedi.",
        en: "The session produced no signature, so the format could not be checked.",
      });
    const unread = unreadable(outputs);
    if (unread.length > 0)
      return undetermined(
        {
          tr: `uyum ${unread.map((o) => describe(o).tr).join(", ")} dosyasını imza olarak okuyamadı (desteklenmeyen biçim).`,
          en: `uyum could not read ${unread.map((o) => describe(o).en).join(", ")} as a signature (unsupported format).`,
        },
        unread.map((o) => o.signature),
      );
    const problems: { tr: string; en: string; ref: ReturnType<typeof reportAt> }[] = [];
    for (const { output, signature } of signaturesOf(outputs)) {
      const asked = output.requested;
      const d = describe(output);
      if (signature.format !== asked.format)
        problems.push({
          tr: `${d.tr}: ${signature.format} yazıldı`,
          en: `${d.en}: ${signature.format} was written`,
          ref: reportAt(output, signature, "format"),
        });
      else if (asked.level && !reaches(signature.level, asked.level))
        problems.push({
          tr: `${d.tr}: seviye ${signature.level} (istenen ${asked.level})`,
          en: `${d.en}: level ${signature.level} (asked for ${asked.level})`,
          ref: reportAt(output, signature, "level"),
        });
      for (const c of signature.checks)
        if (c.result === "failed" && c.subIndication && BROKEN.has(c.subIndication))
          problems.push({
            tr: `${d.tr}: ${c.reason.tr} (${c.subIndication})`,
            en: `${d.en}: ${c.reason.en} (${c.subIndication})`,
            ref: reportAt(output, signature, c.id),
          });
    }
    if (problems.length > 0)
      return fail(
        {
          tr: `İmza istenen biçime doğru dönüştürülmemiş: ${problems.map((p) => p.tr).join("; ")}.`,
          en: `The signature is not a correct one of the format asked for: ${problems.map((p) => p.en).join("; ")}.`,
        },
        problems.map((p) => p.ref),
      );
    const all = signaturesOf(outputs);
    const kinds = [...new Set(all.map((s) => `${s.signature.format} ${s.signature.level}`))].join(", ");
    return pass(
      {
        tr: `${all.length} imzanın tümü istenen biçim ve seviyede, yapısı okunuyor, özetleri ve imza değeri doğrulanıyor (${kinds}).`,
        en: `All ${all.length} signatures are of the format and level asked for, read as such, and their digests and signature values verify (${kinds}).`,
      },
      all.map((s) => reportAt(s.output, s.signature, "format")),
    );
  },
});
