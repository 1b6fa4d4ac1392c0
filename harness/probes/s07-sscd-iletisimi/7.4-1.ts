// 7.4-1 (Z): with several signing keys on the card, the user chooses which one signs. The several-keys session
// asks the application to sign twice, each time with another key; for each, the card's trace says which key
// C_Sign used (CKA_ID, CKA_LABEL) and the signature says which certificate it names. ✓ only when the application
// offered the choice and the chosen key signed both times; ✗ when it offered none or another key signed.
import type { KeyChoiceRow, SeveralKeysEvidence } from "../../sessions/catalogue.ts";
import { at, type EvidenceRef } from "../../sessions/evidence.ts";
import type { Text } from "../../core/text.ts";
import { outcome, refsOf } from "../attempts.ts";
import { defineProbe, fail, pass, undetermined, type Judgement } from "../kit.ts";

type RowVerdict = { verdict: "pass" | "fail" | "undetermined"; why: Text; refs: EvidenceRef[] };

function judgeRow(e: SeveralKeysEvidence, r: KeyChoiceRow): RowVerdict {
  const a = r.attempt;
  const o = outcome(a);
  const chosen = e.keys.find((k) => k.label === r.chosen);
  const refs = [e.trace.ref, ...refsOf(a)];
  if (r.choice?.driverLimit)
    return {
      verdict: "undetermined",
      why: {
        tr: `sürücü uygulamaya ${r.chosen} anahtarını seçtiremedi (${r.choice.how}): uyum'un sınırı, uygulamanın değil`,
        en: `the driver could not have the application choose ${r.chosen} (${r.choice.how}): uyum's limit, not the application's`,
      },
      refs,
    };
  if (r.choice && !r.choice.offered)
    return {
      verdict: "fail",
      why: {
        tr: `uygulama anahtar seçimi sunmadı (${r.choice.how}); ${r.chosen} seçilemedi, uygulama ${o.tr}`,
        en: `the application offered no choice of key (${r.choice.how}); ${r.chosen} could not be chosen, and the application ${o.en}`,
      },
      refs,
    };
  const isChosen = (u: { label?: string; id?: string }) => (u.id && chosen ? u.id === chosen.id : u.label === r.chosen);
  const others = r.signedWith.filter((u) => !isChosen(u));
  const seqs = (us: { seq: number }[]) => `seq ${us.map((u) => u.seq).join(",")}`;
  if (others.length > 0) {
    const names = [...new Set(others.map((u) => u.label ?? `CKA_ID ${u.id}`))].join(", ");
    return {
      verdict: "fail",
      why: {
        tr: `${r.chosen} seçildi, ama kartta C_Sign başka bir anahtarla yapıldı: ${names}`,
        en: `${r.chosen} was chosen, but C_Sign on the card used another key: ${names}`,
      },
      refs: [at(e.trace.ref, seqs(others)), ...refsOf(a)],
    };
  }
  const signer = a.output?.validation.signer;
  if (a.output && signer && chosen?.serialHex && signer.serial !== chosen.serialHex)
    return {
      verdict: "fail",
      why: {
        tr: `${r.chosen} seçildi; imza ise başka bir sertifikayı anıyor: ${signer.subject} (seri ${signer.serial})`,
        en: `${r.chosen} was chosen; the signature names another certificate: ${signer.subject} (serial ${signer.serial})`,
      },
      refs,
    };
  if (!a.output)
    return {
      verdict: "undetermined",
      why: {
        tr: `${r.chosen} ile imza istendi, uygulama ${o.tr}: seçimin uygulanıp uygulanmadığı görülemedi`,
        en: `a signature with ${r.chosen} was asked for, and the application ${o.en}: whether it honours the choice could not be seen`,
      },
      refs,
    };
  if (r.signedWith.length === 0)
    return {
      verdict: "undetermined",
      why: {
        tr: `${r.chosen} ile imza yazıldı, ama kartın izinde C_Sign yok: bu kartta atıldığı görülemedi`,
        en: `a signature with ${r.chosen} was written, but the card's trace has no C_Sign: that it was made on this card could not be seen`,
      },
      refs,
    };
  const how = r.choice ? ` (${r.choice.how})` : "";
  const named = signer
    ? { tr: `imza ${signer.subject} sertifikasını anıyor`, en: `the signature names ${signer.subject}` }
    : { tr: "imzanın andığı sertifika okunamadı", en: "the certificate the signature names could not be read" };
  return {
    verdict: "pass",
    why: {
      tr: `${r.chosen} seçildi${how}, kartta C_Sign bu anahtarla yapıldı, ${named.tr}`,
      en: `${r.chosen} was chosen${how}, C_Sign on the card used that key, ${named.en}`,
    },
    refs: [at(e.trace.ref, seqs(r.signedWith)), ...refsOf(a)],
  };
}

export default defineProbe({
  how: {
    tr: "Kartta birden çok imza anahtarı varken uygulamadan iki kez, her seferinde başka bir anahtarla imzalaması istenir (komut satırında profilin anahtar yer tutucusu, web'de ajan penceresinin sertifika listesi); seçimi yok sayan bir uygulama en az birinde seçilmeyen anahtarla imzalar. Kartın izinde C_Sign'ın kullandığı anahtar (CKA_ID, CKA_LABEL) ve imzanın andığı sertifika seçilenle karşılaştırılır.",
    en: "With several signing keys on the card, the application is asked to sign twice, each time with another key (the profile's key placeholder on a command line, the certificate list of the agent's window on the web); an application that ignores the choice signs at least once with a key not chosen. The key C_Sign used in the card's trace (CKA_ID, CKA_LABEL) and the certificate the signature names are compared with the chosen one.",
  },
  uses: ["several-keys"],
  judge(given): Judgement {
    const e = given["several-keys"];
    if (e.rows.length === 0)
      return undetermined(
        {
          tr: `Seçim istenemedi: ${e.skipped ?? "oturum bir anahtar seçmedi"}.`,
          en: `No choice could be asked for: ${e.skipped ?? "the session chose no key"}.`,
        },
        [e.trace.ref],
      );
    const rows = e.rows.map((r) => judgeRow(e, r));
    const join = (vs: RowVerdict[], lang: "tr" | "en") => vs.map((v) => v.why[lang]).join("; ");
    const refs = (vs: RowVerdict[]) => vs.flatMap((v) => v.refs);
    const failed = rows.filter((v) => v.verdict === "fail");
    if (failed.length > 0) return fail({ tr: `${join(failed, "tr")}.`, en: `${join(failed, "en")}.` }, refs(failed));
    const open = rows.filter((v) => v.verdict === "undetermined");
    if (open.length > 0) return undetermined({ tr: `${join(open, "tr")}.`, en: `${join(open, "en")}.` }, refs(open));
    return pass(
      {
        tr: `Kartta ${e.keys.length} anahtar vardı: ${join(rows, "tr")}.`,
        en: `The card held ${e.keys.length} keys: ${join(rows, "en")}.`,
      },
      refs(rows),
    );
  },
});
