// 6-1 (Z): the hash algorithms used. Footnote 9: by regulation, the algorithms listed on the form are the ones to
// use. The probe reads the algorithms from every signature the application wrote (the message digest and the
// signature algorithm's hash) and holds them against the form's list, the algorithm policy of uyum's validator
// (check: algorithms), and what the profile declares.
import type { Judgement } from "../kit.ts";
import { defineProbe, fail, pass, undetermined } from "../kit.ts";
import { check, describe, failuresOf, reportAt, signaturesOf, unreadable } from "../outputs.ts";

/** Algorithms outside ETSI TS 119 312's acceptance for new signatures, although the old form still lists them. */
const NOT_FOR_NEW_SIGNATURES = new Set(["SHA-1", "RIPEMD-160"]);
/** Not on the form's (older) list, but acceptable under ETSI TS 119 312: the assessor decides, uyum says "?". */
const ACCEPTED_OFF_LIST = new Set(["SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512"]);

export default defineProbe({
  how: {
    tr: "Uygulamanın her imzasından özet algoritmaları (mesaj özeti ve imza algoritmasının özeti) okunur; formdaki listede olmaları, yeni imza için ETSI TS 119 312'ye göre kabul edilir olmaları (SHA-1, RIPEMD-160 değil), uyum doğrulayıcısının algoritma denetiminden geçmeleri (algorithms) ve profilde bildirilenlerle uyuşmaları denetlenir.",
    en: "The hash algorithms of every signature the application wrote (the message digest and the signature algorithm's hash) are read; they must be on the form's list, acceptable for new signatures under ETSI TS 119 312 (not SHA-1 or RIPEMD-160), pass the validator's algorithm check (algorithms), and match what the profile declares.",
  },
  uses: ["sign-once"],
  judge(given): Judgement {
    const { outputs, failures } = given["sign-once"];
    if (outputs.length === 0) {
      const f = failuresOf(failures);
      return undetermined(
        {
          tr: `Oturum hiç imza üretmedi${f.tr ? `: ${f.tr}` : ""}; kullanılan özet algoritmaları görülemedi.`,
          en: `The session produced no signature${f.en ? `: ${f.en}` : ""}; the hash algorithms used could not be seen.`,
        },
        f.refs,
      );
    }
    const unread = unreadable(outputs);
    if (unread.length > 0)
      return undetermined(
        {
          tr: `uyum ${unread.map((o) => describe(o).tr).join(", ")} dosyasını imza olarak okuyamadı (desteklenmeyen biçim).`,
          en: `uyum could not read ${unread.map((o) => describe(o).en).join(", ")} as a signature (unsupported format).`,
        },
        unread.map((o) => o.signature),
      );
    const listed = new Set((given.item.options ?? []).map((o) => o.en));
    const declaredList = given.profile.capabilities?.hashAlgorithms;
    const declared = new Set(Array.isArray(declaredList) ? declaredList : []);
    const used = new Map<string, ReturnType<typeof reportAt>[]>();
    const problems: { tr: string; en: string; ref: ReturnType<typeof reportAt>; open?: boolean }[] = [];
    for (const { output, signature } of signaturesOf(outputs)) {
      const ref = reportAt(output, signature, "algorithms");
      const algs = [signature.inspection?.digestAlgorithm, signature.inspection?.signatureAlgorithmHash];
      if (algs.some((a) => !a)) {
        problems.push({
          tr: `${describe(output).tr}: özet algoritması adlandırılamadı`,
          en: `${describe(output).en}: a hash algorithm could not be named`,
          ref,
        });
        continue;
      }
      for (const a of new Set(algs as string[])) {
        used.set(a, [...(used.get(a) ?? []), ref]);
        if (!listed.has(a) && ACCEPTED_OFF_LIST.has(a))
          problems.push({
            tr: `${a} formdaki listede yok (9. dipnot) ama ETSI TS 119 312'ye göre kabul edilir: değerlendirici karar verir`,
            en: `${a} is not on the form's list (footnote 9) but is acceptable under ETSI TS 119 312: the assessor decides`,
            ref,
            open: true,
          });
        else if (!listed.has(a))
          problems.push({ tr: `${a} formdaki listede yok`, en: `${a} is not on the form's list`, ref });
        else if (NOT_FOR_NEW_SIGNATURES.has(a))
          problems.push({
            tr: `${a} yeni imzalar için ETSI TS 119 312'ye göre kabul edilmez`,
            en: `${a} is not acceptable for new signatures under ETSI TS 119 312`,
            ref,
          });
        if (declared.size > 0 && !declared.has(a))
          problems.push({
            tr: `${a} kullanıldı ama profilde bildirilmedi (bildirilen: ${[...declared].join(", ")})`,
            en: `${a} was used but the profile does not declare it (declared: ${[...declared].join(", ")})`,
            ref,
          });
      }
      const c = check(signature, "algorithms");
      if (c && c.result !== "passed" && c.result !== "skipped")
        problems.push({
          tr: `${describe(output).tr}: ${c.reason.tr}`,
          en: `${describe(output).en}: ${c.reason.en}`,
          ref,
        });
    }
    const list = [...used.keys()].sort().join(", ");
    const closed = problems.filter((p) => !p.open);
    if (problems.length > 0)
      return (closed.length > 0 ? fail : undetermined)(
        {
          tr: `Kullanılan özet algoritmaları: ${list || "-"}. ${dedupe(problems.map((p) => p.tr)).join("; ")}.`,
          en: `Hash algorithms used: ${list || "-"}. ${dedupe(problems.map((p) => p.en)).join("; ")}.`,
        },
        problems.map((p) => p.ref),
      );
    return pass(
      {
        tr: `Kullanılan özet algoritmaları: ${list}; hepsi formdaki listede, yeni imza için kabul edilir ve profilde bildirilmiş.`,
        en: `Hash algorithms used: ${list}; all on the form's list, acceptable for new signatures, and declared in the profile.`,
      },
      [...used.values()].flat(),
    );
  },
});

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
