// 3-5 (Z, observed): signature attributes carry no dynamic content, or the signer is warned before signing and can
// abort, or the attribute viewer detects changes made after signing. What a user puts into the attributes without
// meaning to is the document's file name (CAdES content-hints carries it in many applications): the bad-documents
// session gives a clean text document whose name holds an HTML tag with a script. Refused with a message is
// option 1, warned about option 2; signed with the markup gone from every text attribute (content-hints, claimed
// roles) is option 1 too; signed with the markup in a signed attribute, silently, is ✗ (unless the assessor finds
// option 3 in the application's attribute viewer).
import type { SignatureReport } from "../../ades/report.ts";
import { at } from "../../sessions/evidence.ts";
import { judgeBadDocuments, refsOf, spoken } from "../attempts.ts";
import { defineProbe, type Judgement } from "../kit.ts";
import { signaturesOf, unreadable } from "../outputs.ts";
import { suggestFail, suggestPass, suggestUndetermined } from "../screen.ts";

/** Markup that makes a text active where it is shown as HTML: a tag, a script URL, an event handler. */
const ACTIVE = /<\s*[a-z!/?]|javascript:|\bon[a-z]+\s*=/i;

/** The signed attributes whose value is free text, as uyum read them. */
function textAttributes(s: SignatureReport): { name: string; value: string }[] {
  const i = s.inspection;
  return [
    ...(i?.contentHints ? [{ name: "content-hints", value: i.contentHints }] : []),
    ...(i?.claimedRoles ?? []).map((value) => ({ name: "signer-attributes (claimed role)", value })),
  ];
}

export default defineProbe({
  how: {
    tr: "Uygulamaya adında betikli bir HTML etiketi olan temiz bir metin belgesi imzalatılır (dosya adı, CAdES content-hints gibi imzalı özniteliklere sıkça girer). Mesajla reddederse seçenek 1, uyarırsa seçenek 2; imzaladıysa uyum imzalı metin özniteliklerini (content-hints, iddia edilen rol) okur: işaretleme yoksa ✓, uyarısız imzalı öznitelikte duruyorsa ✗ önerilir (seçenek 3'ü değerlendirici denetler).",
    en: "The application is asked to sign a clean text document whose file name holds an HTML tag with a script (a file name often goes into signed attributes such as CAdES content-hints). Refused with a message is option 1, a warning option 2; if it signed, uyum reads the signed text attributes (content-hints, claimed roles): no markup is ✓; markup in a signed attribute, without a warning, is a suggested ✗ (option 3 is the assessor's to check).",
  },
  uses: ["bad-documents"],
  judge(given): Judgement {
    const { rows: all, trace } = given["bad-documents"];
    const rows = all.filter((r) => r.kind === "markup-name");
    if (rows.length === 0)
      return suggestUndetermined(
        {
          tr: "Oturum adında işaretleme olan belge imzalatamadı.",
          en: "The session asked for no signature of a document whose name carries markup.",
        },
        [trace.ref],
      );
    const { silent, hung, fine } = judgeBadDocuments(rows, given.profile);
    if (hung.length > 0)
      return suggestFail(
        {
          tr: `Yanıt vermedi: ${hung.map((r) => r.fileName ?? r.id).join(", ")}.`,
          en: `Did not finish: ${hung.map((r) => r.fileName ?? r.id).join(", ")}.`,
        },
        hung.flatMap((r) => [r.document, ...refsOf(r.attempt)]),
      );
    const signedSilently = silent.filter((r) => r.attempt.output);
    const outputs = signedSilently.map((r) => r.attempt.output!);
    const unread = unreadable(outputs);
    if (unread.length > 0)
      return suggestUndetermined(
        {
          tr: "uyum yazılan imzayı okuyamadı (desteklenmeyen biçim); imzalı öznitelikler denetlenemedi.",
          en: "uyum could not read the signature written (unsupported format); its signed attributes could not be checked.",
        },
        unread.map((o) => o.signature),
      );
    const active = signaturesOf(outputs).flatMap(({ output, signature }) =>
      textAttributes(signature)
        .filter((a) => ACTIVE.test(a.value))
        .map((a) => ({ output, attribute: a })),
    );
    if (active.length > 0)
      return suggestFail(
        {
          tr: `Dosya adındaki işaretleme uyarısız olarak imzalı özniteliğe girdi: ${active.map((x) => `${x.attribute.name} «${x.attribute.value}»`).join("; ")}. Öznitelik görüntüleyicisi imzadan sonraki değişikliği fark ediyorsa (seçenek 3) değerlendirici düzeltir.`,
          en: `The markup of the file name went into a signed attribute without a warning: ${active.map((x) => `${x.attribute.name} «${x.attribute.value}»`).join("; ")}. If the attribute viewer detects changes after signing (option 3), the assessor overrides.`,
        },
        active.flatMap((x) => [x.output.signature, at(x.output.report, "inspection")]),
      );
    const carried = signaturesOf(outputs).flatMap(({ signature }) => textAttributes(signature));
    const quiet = silent.filter((r) => !r.attempt.output);
    const how = [
      ...fine.map((f) => f.how.en),
      ...quiet.map((r) => `wrote no signature (${r.attempt.ended}), saying nothing`),
      ...(outputs.length
        ? [
            carried.length
              ? `signed, its text attributes without markup (${carried.map((a) => `${a.name} «${a.value}»`).join("; ")})`
              : "signed, with no text attribute",
          ]
        : []),
    ];
    const howTr = [
      ...fine.map((f) => f.how.tr),
      ...quiet.map((r) => `imza yazmadı (${r.attempt.ended}), bir şey söylemedi`),
      ...(outputs.length
        ? [
            carried.length
              ? `imzaladı, metin öznitelikleri işaretlemesiz (${carried.map((a) => `${a.name} «${a.value}»`).join("; ")})`
              : "imzaladı, metin özniteliği yok",
          ]
        : []),
    ];
    return suggestPass(
      {
        tr: `Adında işaretleme olan belge için: ${howTr.join("; ")}; imzalı özniteliklerde dinamik içerik yok.`,
        en: `For the document whose name carries markup: ${how.join("; ")}; no dynamic content in the signed attributes.`,
      },
      [
        ...rows.flatMap((r) => [r.document, ...spoken(r.attempt)]),
        ...outputs.flatMap((o) => [o.signature, at(o.report, "inspection")]),
      ],
    );
  },
});
