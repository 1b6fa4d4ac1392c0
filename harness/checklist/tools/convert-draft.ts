// One-off converter: ../shared/kamusm/kontrol-listesi.draft.yaml → checklist/*.yaml (our own schema).
// Run with `npx tsx harness/checklist/tools/convert-draft.ts OUTDIR`. After that checklist/ is the
// project's data and is edited by hand (re-running would undo those edits, e.g. footnote 9's printed wording:
// convert into a scratch dir and diff instead); nothing at run time imports this file.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, isMap, isPair, isScalar, isSeq, visit } from "yaml";
import { readDraft, type DraftItem } from "../draft.ts";
import { PROJECT_ROOT, sharedDir } from "../../core/shared-dir.ts";

// Machine-evaluable conditions for every K item (the footnote or inferred condition, over the app profile).
const anyProfile = (...ps: string[]) => ({
  any: ps.map((p) => ({ includes: { field: "signatureProfiles", value: p } })),
});
const anyLevel = (...ls: string[]) => ({ any: ls.map((l) => ({ includes: { field: "signatureLevels", value: l } })) });
const multiSig = {
  any: [
    { includes: { field: "multipleSignatures", value: "serial" } },
    { includes: { field: "multipleSignatures", value: "parallel" } },
  ],
};
const PREDICATES: Record<string, unknown> = {
  "2.1-3": { any: [{ declares: "contentHints" }, { declares: "verifierUsesContentHints" }] },
  "2.1-6": { declares: "restrictsDocumentTypes" },
  "2.1-7": multiSig,
  "2.1-8": multiSig,
  "2.3-1": { declares: "presentationInsensitiveDocuments" },
  "4.1-5": { declares: "internationalUsers" },
  "7.2-1": { declares: "multiApplicationSSCD" },
  "8-3": { declares: "dynamicContentFormats" },
  "8-4": { declares: "dynamicContentFormats" },
  "9-2": { not: { all: [{ declares: "certificateFromSSCD" }, { declares: "chainCertificatesFromSSCD" }] } },
  "9-3": { declares: "externalSystems" },
  "9-4": { declares: "remoteLoading" },
  "10-3": { declares: "timestamping" },
  "11.3-1": { declares: "signingTimeAtCreation" },
  "11.3-2": { not: { declares: "signingTimeAtCreation" } },
  "11.3-3": { any: [{ declares: "timestamping" }, anyProfile("P2", "P3", "P4")] },
  "11.4-3": anyProfile("P2", "P3", "P4"),
  "11.7.1-5": { declares: "qcLimitStatements" },
  "11.7.4-5": anyProfile("P2", "P3", "P4"),
  "11.7.9-2": anyProfile("P2", "P3", "P4"),
  "11.7.10-2": { declares: "signerAuthority" },
  "12.2-1": anyLevel("X-Type1", "X-Type2"),
  "12.2-2": { any: [...anyLevel("X-L", "A", "B-LT", "B-LTA").any, ...anyProfile("P3", "P4").any] },
  "12.3-2": anyProfile("P3", "P4"),
  "13.1.1-2": multiSig,
  "13.1.2-3": { declares: "documentTypeInSignature" },
  "13.1.3-3": { declares: "pseudonyms" },
  "14-2": { declares: "longTermRetention" },
  "14-3": anyLevel("A", "B-LTA"),
  "15-6": { includes: { field: "multipleSignatures", value: "serial" } },
};

const EVIDENCE: Record<string, string> = {
  "output-inspection": "automated",
  "device-interaction": "automated",
  "ui-observation": "observed",
  declaration: "declared",
  "info-form-field": "form-field",
};

const PAGE_LOSS =
  "Pages 26–40 of the form were not available (the only transcript stops at page 25): this row is a reconstruction, not the printed text.";

const FILES: Record<string, string> = {
  "0": "00-form-header",
  D: "01-declarations",
  "1": "s01-genel-guvenlik",
  "2": "s02-belge-sunumu",
  "3": "s03-imza-ozellikleri",
  "4": "s04-imza-sahibi-etkilesimi",
  "5": "s05-veri-formati",
  "6": "s06-veri-ozetleme",
  "7": "s07-sscd-iletisimi",
  "8": "s08-belge-olusturma",
  "9": "s09-dis-baglantilar",
  "10": "s10-imza-zamani",
  "11": "s11-ilk-dogrulama",
  "12": "s12-sonraki-dogrulama",
  "13": "s13-dogrulama-sistemleri",
  "14": "s14-arsivleme",
  "15": "s15-coklu-imza",
};

const sectionId = (no: string) => (no === "0" ? "F" : no);

function convertItem(it: DraftItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: it.id,
    part: it.part,
    section: sectionId(it.section_no),
  };
  if (it.heading_no && it.heading_no !== it.section_no) out.heading = it.heading_no;
  out.obligation = it.obligation;
  if (it.lead_tr) out.lead = { tr: it.lead_tr, en: it.lead_en };
  out.text = { tr: it.text_tr, en: it.text_en };
  if (it.options) out.options = it.options.map((o) => ({ tr: o.tr, en: o.en }));
  // Row-level footnotes are the explanatory ones; a K item's footnotes are its condition's.
  if (it.footnotes && it.obligation !== "K") out.footnotes = it.footnotes;
  if (it.obligation === "K") {
    const when = PREDICATES[it.id];
    if (!when) throw new Error(`no predicate for K item ${it.id}`);
    const cond: Record<string, unknown> = {};
    if (it.footnotes) cond.footnotes = it.footnotes;
    cond.text = { tr: it.condition_tr, en: it.condition_en };
    cond.when = when;
    out.condition = cond;
  }
  out.refs = it.refs;
  const ev: Record<string, unknown> = { kind: EVIDENCE[it.kind], method: it.kind };
  if (it.also) ev.also = it.also;
  out.evidence = ev;
  if (it.related_tests) out.relatedTests = it.related_tests;
  const prov: Record<string, unknown> = {
    source: it.source,
    confidence: it.confidence,
    obligationBasis: it.obligation_basis,
  };
  if (it.inference_reason) prov.inferenceReason = it.inference_reason;
  if (it.inferred_parts) prov.inferredParts = it.inferred_parts;
  if (it.refs_raw !== undefined) prov.refsRaw = it.refs_raw;
  if (it.refs_confidence) prov.refsConfidence = it.refs_confidence;
  if (it.source === "inferred" || it.inferred_parts) prov.pageLoss = PAGE_LOSS;
  if (it.note) prov.notes = [it.note];
  out.provenance = prov;
  return out;
}

function write(file: string, header: string, data: unknown): void {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  doc.commentBefore = header;
  // Short structures read better inline: predicates, footnote numbers, ref lists.
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const k = String(pair.key.value);
      const scalarList = isSeq(pair.value) && pair.value.items.every((x) => isScalar(x));
      if ((k === "when" && isMap(pair.value)) || ((k === "footnotes" || k === "also") && scalarList))
        (pair.value as { flow?: boolean }).flow = true;
    },
  });
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

const shared = sharedDir();
if (!shared) throw new Error("../shared is missing");
const draft = readDraft(shared);
const outDir = process.argv[2];
if (!outDir)
  throw new Error(`usage: convert-draft.ts OUTDIR (a scratch dir; ${join(PROJECT_ROOT, "checklist")} has hand edits)`);
mkdirSync(join(outDir, "items"), { recursive: true });

const sections = [
  { id: "F", part: "general", title: { tr: "Form başlığı", en: "Form header" }, headings: [] },
  { id: "D", part: "both", title: { tr: "Beyana Dayalı Kabuller", en: "Declaration-based acceptances" }, headings: [] },
  ...draft.meta.sections.map((s) => ({
    id: s.no,
    part: s.part,
    title: { tr: s.tr, en: s.en },
    ...(s.cwa ? { cwa: s.cwa } : {}),
    headings: s.subs.map(([id, tr, en]) => ({ id, title: { tr, en } })),
  })),
];
write(
  join(outDir, "sections.yaml"),
  " Sections and headings of the KAMU SM control list (titles tr/en, CWA clause). Schema: schema/sections.schema.json",
  { sections },
);

const footnotes = Object.entries(draft.meta.footnotes).map(([n, f]) => ({
  number: Number(n),
  type: f.type,
  text: { tr: f.tr, en: f.en },
  ...(f.note ? { note: f.note } : {}),
}));
write(
  join(outDir, "footnotes.yaml"),
  " Footnotes of the form (dipnotlar). type condition = the footnote is a K item's condition. Schema: schema/footnotes.schema.json",
  { footnotes },
);

const bySection = new Map<string, DraftItem[]>();
for (const it of draft.items) bySection.set(it.section_no, [...(bySection.get(it.section_no) ?? []), it]);
for (const [no, items] of bySection) {
  const name = FILES[no];
  if (!name) throw new Error(`no file name for section ${no}`);
  const s = sections.find((x) => x.id === sectionId(no))!;
  write(
    join(outDir, "items", `${name}.yaml`),
    ` ${s.title.tr} / ${s.title.en}. Schema: ../schema/items.schema.json (see ../README.md)`,
    { items: items.map(convertItem) },
  );
}
console.log(`wrote ${draft.items.length} items in ${bySection.size} files to ${outDir}`);
