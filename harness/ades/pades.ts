// PAdES (EN 319 142-1) reader on top of ../pdf/reader.ts (xref tables and streams, object streams, incremental
// updates). Signatures are found the way a PDF reader finds them: catalog /AcroForm /Fields (and /Kids) →
// fields of type /Sig → their /V signature dictionary, in every revision. For each signature: the /ByteRange
// must leave out exactly its /Contents string and end at the end of a revision; the CMS inside is read as a
// detached CAdES over the ranges. The /DSS of every revision and the document time-stamps after a signature
// give its level. Updates after a signature are classified: DSS, document time-stamps and further
// signatures are allowed (EN 319 142-1 §5.4, ISO 32000-2 §12.8.2.2); anything else is a "pdf-modifications" check.
import { readCades } from "./cades.ts";
import { parseCrl, type Crl } from "./crl.ts";
import { createHash } from "node:crypto";
import { concat, parseDer, whole } from "../asn1/der.ts";
import type { Level, SigModel } from "./model.ts";
import { parseOcsp, type BasicOcsp } from "./ocsp.ts";
import { PdfFile, startxrefOf } from "../pdf/reader.ts";
import {
  latin1,
  nameOf,
  PdfDict,
  PdfError,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfValue,
} from "../pdf/syntax.ts";
import { imprintMatches, parseTimestamp } from "./signer.ts";
import type { ValidationCheck } from "./verdict.ts";
import { parseCert, type Cert } from "./x509.ts";
import { nestedProblem, UnsupportedInput } from "./input-error.ts";

interface SigField {
  name: string;
  byteRange: [number, number, number, number];
  contents: Uint8Array;
  subFilter: string;
  isDocTimestamp: boolean;
  /** End offset of the revision this signature signs. */
  end: number;
  /** Index into PdfFile.sections of the revision it signs (0 = newest). */
  rev: number;
  /** A certification signature's DocMDP permission level /P (1 no changes, 2 forms and signing, 3 + annotations). */
  docMdp?: number;
}

/** /Reference [<</TransformMethod /DocMDP /TransformParams <</P n>>>>] of a signature dictionary. */
function docMdpOf(pdf: PdfFile, sig: PdfDict, rev: number): number | undefined {
  for (const r of arrayOf(pdf, sig.get("Reference"), rev)) {
    const ref = dictOf(pdf, r, rev);
    if (nameOf(ref?.get("TransformMethod")) !== "DocMDP") continue;
    const p = dictOf(pdf, ref!.get("TransformParams"), rev)?.get("P");
    return p === 1 || p === 3 ? p : 2; // absent or unknown: 2 (ISO 32000-1 table 254)
  }
  return undefined;
}

const MAX_FIELDS = 10_000;
const MAX_FIELD_DEPTH = 32;

function dictOf(pdf: PdfFile, v: PdfValue | undefined, rev: number): PdfDict | undefined {
  const r = pdf.resolve(v, rev);
  return r instanceof PdfDict ? r : r instanceof PdfStream ? r.dict : undefined;
}
function arrayOf(pdf: PdfFile, v: PdfValue | undefined, rev: number): PdfValue[] {
  const r = pdf.resolve(v, rev);
  return Array.isArray(r) ? r : [];
}
function textOf(v: PdfValue | undefined): string {
  if (!(v instanceof PdfString)) return "";
  const b = v.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString("utf16le");
  return latin1(b);
}

function catalogOf(pdf: PdfFile, rev: number): PdfDict {
  const root = pdf.trailerValue("Root", rev);
  const cat = dictOf(pdf, root, rev);
  if (!cat) throw new PdfError(`PDF revision ${pdf.revisionNumber(rev)}: trailer /Root is not a catalog dictionary`);
  return cat;
}

/** Every /Sig field's signature dictionary in revision `rev`, with the field's full name. */
function sigDicts(pdf: PdfFile, rev: number): { name: string; dict: PdfDict }[] {
  const out: { name: string; dict: PdfDict }[] = [];
  const acro = dictOf(pdf, catalogOf(pdf, rev).get("AcroForm"), rev);
  if (!acro) return out;
  const seen = new Set<number>();
  let visited = 0;
  const walk = (fv: PdfValue, parentName: string, ft: string | undefined, depth: number) => {
    if (depth > MAX_FIELD_DEPTH) throw new PdfError(`PDF form fields nested deeper than ${MAX_FIELD_DEPTH}`);
    if (++visited > MAX_FIELDS) throw new PdfError(`PDF has more than ${MAX_FIELDS} form fields`);
    if (fv instanceof PdfRef) {
      if (seen.has(fv.num)) return; // a field tree that loops
      seen.add(fv.num);
    }
    const f = dictOf(pdf, fv, rev);
    if (!f) return;
    const t = textOf(f.get("T"));
    const name = t ? (parentName ? `${parentName}.${t}` : t) : parentName;
    const type = nameOf(f.get("FT")) ?? ft;
    const kids = arrayOf(pdf, f.get("Kids"), rev);
    for (const k of kids) walk(k, name, type, depth + 1);
    if (type === "Sig") {
      const v = dictOf(pdf, f.get("V"), rev);
      if (v) out.push({ name, dict: v });
    }
  };
  for (const f of arrayOf(pdf, acro.get("Fields"), rev)) walk(f, "", undefined, 0);
  return out;
}

function findFields(pdf: PdfFile, bytes: Uint8Array, problems: string[]): SigField[] {
  const byStart = new Map<number, SigField>();
  for (let rev = pdf.sections.length - 1; rev >= 0; rev--) {
    if (!pdf.sections[rev]!.startsRevision) continue;
    for (const { name, dict } of sigDicts(pdf, rev)) {
      const contents = dict.get("Contents");
      const brv = dict.get("ByteRange");
      if (!(contents instanceof PdfString) || contents.start < 0) {
        problems.push(`signature field "${name}": /Contents is not a string written in the file`);
        continue;
      }
      if (byStart.has(contents.start)) continue;
      if (
        !Array.isArray(brv) ||
        brv.length !== 4 ||
        !brv.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 0)
      ) {
        problems.push(`signature field "${name}": /ByteRange is not four non-negative integers`);
        continue;
      }
      const br = brv as [number, number, number, number];
      const [a, b, c, d] = br;
      if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length) {
        problems.push(`/ByteRange [${br.join(" ")}] does not describe the file (${bytes.length} bytes)`);
        continue;
      }
      // The gap must be exactly this dictionary's /Contents string, nothing more.
      if (b !== contents.start || c !== contents.end || !contents.hex) {
        problems.push(
          `/ByteRange [${br.join(" ")}] leaves out more than the /Contents value at ${contents.start}..${contents.end} (the signed ranges do not cover the revision)`,
        );
        continue;
      }
      const end = c + d;
      const sx = startxrefOf(bytes, end);
      const srev = sx === undefined ? -1 : pdf.sectionIndexAt(sx);
      if (srev < 0) {
        problems.push(
          `signature field "${name}": its /ByteRange ends at offset ${end}, which is not the end of a revision (startxref … %%EOF)`,
        );
        continue;
      }
      const subFilter = nameOf(dict.get("SubFilter")) ?? "";
      const isDocTimestamp = nameOf(dict.get("Type")) === "DocTimeStamp" || subFilter === "ETSI.RFC3161";
      byStart.set(contents.start, {
        name,
        byteRange: br,
        contents: contents.bytes,
        subFilter,
        isDocTimestamp,
        end,
        rev: srev,
        docMdp: docMdpOf(pdf, dict, rev),
      });
    }
  }
  return [...byStart.values()].sort((x, y) => x.end - y.end);
}

interface Dss {
  certs: Cert[];
  crls: Crl[];
  ocsps: BasicOcsp[];
  /** sections (0 = newest) in which a DSS dictionary was written */
  writtenIn: Set<number>;
  /** object numbers of DSS dictionaries and of everything they reference (allowed later additions) */
  objects: Set<number>;
}

/** The /DSS of every revision (EN 319 142-1 §5.4.2): Certs, CRLs, OCSPs and the /VRI entries' own lists. */
function readDss(pdf: PdfFile): Dss {
  const out: Dss = { certs: [], crls: [], ocsps: [], writtenIn: new Set(), objects: new Set() };
  const seenData = new Set<string>();
  for (let rev = pdf.sections.length - 1; rev >= 0; rev--) {
    if (!pdf.sections[rev]!.startsRevision) continue;
    const cat = catalogOf(pdf, rev);
    const dv = cat.get("DSS");
    const dss = dictOf(pdf, dv, rev);
    if (!dss) continue;
    const root = pdf.trailerValue("Root", rev);
    const where = pdf.entry(dv instanceof PdfRef ? dv.num : root instanceof PdfRef ? root.num : -1, rev);
    if (where) out.writtenIn.add(where.section);
    if (dv instanceof PdfRef) out.objects.add(dv.num);
    const take = (list: PdfValue | undefined, kind: "cert" | "crl" | "ocsp") => {
      if (list instanceof PdfRef) out.objects.add(list.num);
      for (const item of arrayOf(pdf, list, rev)) {
        if (item instanceof PdfRef) out.objects.add(item.num);
        const s = pdf.resolve(item, rev);
        if (!(s instanceof PdfStream)) continue;
        const key = `${kind}:${s.dataStart}`;
        if (seenData.has(key)) continue;
        seenData.add(key);
        const data = pdf.decode(s, `DSS ${kind}`);
        if (kind === "cert") out.certs.push(parseCert(data));
        else if (kind === "crl") out.crls.push(parseCrl(data));
        else out.ocsps.push(parseOcsp(data));
      }
    };
    take(dss.get("Certs"), "cert");
    take(dss.get("CRLs"), "crl");
    take(dss.get("OCSPs"), "ocsp");
    const vriv = dss.get("VRI");
    if (vriv instanceof PdfRef) out.objects.add(vriv.num);
    const vri = dictOf(pdf, vriv, rev);
    for (const ev of vri?.map.values() ?? []) {
      if (ev instanceof PdfRef) out.objects.add(ev.num);
      const e = dictOf(pdf, ev, rev);
      if (!e) continue;
      take(e.get("Cert"), "cert");
      take(e.get("CRL"), "crl");
      take(e.get("OCSP"), "ocsp");
      const tu = e.get("TS");
      if (tu instanceof PdfRef) out.objects.add(tu.num);
    }
  }
  return out;
}

/** A canonical text of a value (for "did this entry change" comparisons), bounded by depth. */
function canon(v: PdfValue | undefined, depth = 0): string {
  if (depth > 64) return "…";
  if (v === undefined) return "∅";
  if (v === null || typeof v === "boolean" || typeof v === "number") return String(v);
  if (v instanceof PdfName) return `/${v.name}`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfString) return `<${Buffer.from(v.bytes).toString("hex")}>`;
  if (Array.isArray(v)) return `[${v.map((x) => canon(x, depth + 1)).join(" ")}]`;
  if (v instanceof PdfStream) return `${canon(v.dict, depth + 1)}stream@${v.dataStart}+${v.dataLength}`;
  return `<<${[...v.map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, x]) => `/${k} ${canon(x, depth + 1)}`)
    .join("")}>>`;
}

function changedKeys(a: PdfDict | undefined, b: PdfDict): string[] {
  const keys = new Set([...(a?.map.keys() ?? []), ...b.map.keys()]);
  return [...keys].filter((k) => canon(a?.get(k)) !== canon(b.get(k)));
}

/** What the updates after revision `rev` changed: allowed kinds and flagged changes (ISO 32000-2 §12.8.2.2). */
function changesAfter(pdf: PdfFile, rev: number, dss: Dss): { allowed: Set<string>; flagged: string[] } {
  const allowed = new Set<string>();
  const flagged: string[] = [];
  const rootOf = (r: number) => pdf.trailerValue("Root", r);
  for (let j = rev - 1; j >= 0; j--) {
    const sec = pdf.sections[j]!;
    const i = pdf.revisionStartOf(j); // the view of the revision this section belongs to
    const oldCat = catalogOf(pdf, rev);
    const newCat = catalogOf(pdf, i);
    const root = rootOf(i);
    const oldAcro = oldCat.get("AcroForm");
    // appearance streams of signature widgets added in this update are part of the signature
    const appearances = new Set<number>();
    for (const [num] of sec.entries) {
      const v = pdf.object(num, i);
      const d = v instanceof PdfDict ? v : undefined;
      if (d && nameOf(d.get("FT")) === "Sig") {
        const ap = dictOf(pdf, d.get("AP"), i);
        for (const x of ap?.map.values() ?? []) {
          if (x instanceof PdfRef) appearances.add(x.num);
          const sub = pdf.resolve(x, i);
          if (sub instanceof PdfDict) for (const y of sub.map.values()) if (y instanceof PdfRef) appearances.add(y.num);
        }
      }
    }
    for (const [num, e] of sec.entries) {
      if (num === 0) continue;
      const before = pdf.object(num, rev);
      if (e.type === 0) {
        if (before !== undefined) flagged.push(`object ${num} deleted`);
        continue;
      }
      const after = pdf.object(num, i);
      if (after instanceof PdfStream && ["XRef", "ObjStm"].includes(nameOf(after.dict.get("Type")) ?? "")) continue;
      if (before !== undefined && canon(before) === canon(after) && !(after instanceof PdfStream)) continue; // rewritten unchanged
      const d = after instanceof PdfDict ? after : after instanceof PdfStream ? after.dict : undefined;
      const type = nameOf(d?.get("Type"));
      if (dss.objects.has(num)) allowed.add("DSS");
      else if (type === "DocTimeStamp" || (type === "Sig" && nameOf(d?.get("SubFilter")) === "ETSI.RFC3161"))
        allowed.add("document time-stamp");
      else if (type === "Sig") allowed.add("signature");
      else if (
        d &&
        nameOf(d.get("FT")) === "Sig" &&
        (before === undefined || (before instanceof PdfDict && nameOf(before.get("FT")) === "Sig"))
      )
        allowed.add("signature field");
      else if (appearances.has(num) && before === undefined) allowed.add("signature appearance");
      else if (root instanceof PdfRef && num === root.num) {
        const bad = changedKeys(oldCat, newCat).filter((k) => !["DSS", "AcroForm", "Extensions"].includes(k));
        if (bad.length) flagged.push(`catalog: ${bad.map((k) => `/${k}`).join(" ")} changed`);
        else allowed.add("catalog /DSS or /AcroForm");
      } else if (oldAcro instanceof PdfRef && num === oldAcro.num && d) {
        const bad = changedKeys(dictOf(pdf, oldAcro, rev), d).filter((k) => !["Fields", "SigFlags"].includes(k));
        if (bad.length) flagged.push(`form: ${bad.map((k) => `/${k}`).join(" ")} changed`);
        else allowed.add("form field list");
      } else if (type === "Page" && before instanceof PdfDict && d) {
        const bad = changedKeys(before, d).filter((k) => k !== "Annots");
        if (bad.length) flagged.push(`page (object ${num}): ${bad.map((k) => `/${k}`).join(" ")} changed`);
        else allowed.add("page annotation list");
      } else if (before === undefined) flagged.push(`object ${num} added${type ? ` (/Type /${type})` : ""}`);
      else
        flagged.push(
          `object ${num} replaced${type ? ` (/Type /${type})` : after instanceof PdfStream ? " (a stream, e.g. page content)" : ""}`,
        );
    }
  }
  return { allowed, flagged };
}

/** DocMDP (ISO 32000-1 §12.8.2.2) as PAdES reads it (EN 319 142-1 §5.4, ex-PAdES part 4): DSS and document
 *  time-stamp updates never count against it; P=1 forbids everything else, P=2/3 forbid what we flag. */
function docMdpViolation(p: number, allowed: Set<string>, flagged: string[]): string | undefined {
  if (p === 1 && allowed.has("signature")) return "a later signature";
  if (flagged.length) return flagged[0];
  return undefined;
}

function modificationCheck(pdf: PdfFile, f: SigField, dss: Dss, k: number, certification?: SigField): ValidationCheck {
  const total = pdf.revisionCount;
  const which = `signature ${k} ("${f.name}") covers revision ${pdf.revisionNumber(f.rev)} of ${total}`;
  const whichTr = `${k}. imza ("${f.name}") ${total} sürümden ${pdf.revisionNumber(f.rev)}. sürümü kapsıyor`;
  if (f.rev === 0)
    return {
      id: "pdf-modifications",
      result: "passed",
      reason: { en: `${which}: the whole file`, tr: `${whichTr}: dosyanın tamamı` },
    };
  const { allowed, flagged } = changesAfter(pdf, f.rev, dss);
  const p = certification?.docMdp;
  const violation = p === undefined ? undefined : docMdpViolation(p, allowed, flagged);
  if (p !== undefined && violation) {
    // The certifying signer signed this restriction: a change it forbids fails the signature's constraints.
    return {
      id: "pdf-modifications",
      result: "failed",
      subIndication: "SIG_CONSTRAINTS_FAILURE",
      reason: {
        en: `${which}; the certification signature ("${certification!.name}") allows DocMDP level ${p} changes only, yet a later update makes: ${[violation, ...flagged.filter((x) => x !== violation)].slice(0, 8).join("; ")}`,
        tr: `${whichTr}; onay (sertifikasyon) imzası ("${certification!.name}") yalnızca DocMDP ${p}. düzey değişikliklere izin veriyor, sonraki güncelleme ise: ${[violation, ...flagged.filter((x) => x !== violation)].slice(0, 8).join("; ")}`,
      },
    };
  }
  if (!flagged.length) {
    const kinds = [...allowed].join(", ") || "nothing";
    return {
      id: "pdf-modifications",
      result: "passed",
      reason: {
        en: `${which}; later updates only add: ${kinds}`,
        tr: `${whichTr}; sonraki güncellemeler yalnızca şunları ekliyor: ${kinds}`,
      },
    };
  }
  const list = flagged.slice(0, 8).join("; ") + (flagged.length > 8 ? `; … (${flagged.length} in all)` : "");
  // The signed revision is intact, but the document shown is not the one signed: the signature cannot be
  // accepted for the current document (EN 319 102-1 §5.2.8 signature acceptance → SIG_CONSTRAINTS_FAILURE),
  // and whether the changes matter is for the verifier to judge on the signed revision: INDETERMINATE.
  return {
    id: "pdf-modifications",
    result: "indeterminate",
    subIndication: "SIG_CONSTRAINTS_FAILURE",
    reason: {
      en: `modifications after signing: ${which}; later updates change the document: ${list}`,
      tr: `imzadan sonra değişiklik: ${whichTr}; sonraki güncellemeler belgeyi değiştiriyor: ${list}`,
    },
  };
}

export function readPades(input: { bytes: Uint8Array; extraCerts?: Cert[] }): {
  models: SigModel[];
  problems: string[];
  fileChecks: ValidationCheck[];
} {
  const bytes = input.bytes;
  try {
    return readPdfSignatures(bytes, input.extraCerts);
  } catch (e) {
    if (e instanceof PdfError) return { models: [], problems: [e.message], fileChecks: [] };
    throw e;
  }
}

function readPdfSignatures(
  bytes: Uint8Array,
  extraCerts: Cert[] | undefined,
): { models: SigModel[]; problems: string[]; fileChecks: ValidationCheck[] } {
  const problems: string[] = [];
  const pdf = new PdfFile(bytes);
  // strings and streams of an encrypted file need its key: say so rather than fail on garbled data
  if (pdf.trailerValue("Encrypt") !== undefined)
    throw new UnsupportedInput({
      en: "the PDF is encrypted (/Encrypt): uyum does not read encrypted PDFs",
      tr: "PDF şifreli (/Encrypt): uyum şifreli PDF okumuyor",
    });
  const fields = findFields(pdf, bytes, problems);
  if (problems.length) return { models: [], problems, fileChecks: [] };
  if (!fields.length)
    return {
      models: [],
      problems: ["the PDF carries no signature field with a signature value (/AcroForm /Fields → /FT /Sig → /V)"],
      fileChecks: [],
    };
  const dss = readDss(pdf);

  const models: SigModel[] = [];
  const fileChecks: ValidationCheck[] = [];
  const docTs = fields.filter((f) => f.isDocTimestamp);
  let k = 0;
  for (const f of fields) {
    if (f.isDocTimestamp) continue;
    const [a, b, c, d] = f.byteRange;
    const signed = concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
    // adbe.pkcs7.sha1: the CMS carries the SHA-1 digest of the signed ranges as its eContent (ISO 32000-1).
    const sha1Form = f.subFilter === "adbe.pkcs7.sha1";
    const r = readCades({
      bytes: f.contents,
      detachedContent: sha1Form ? undefined : signed,
      extraCerts,
      idPrefix: `S${++k}.`,
      allowTrailing: true,
    });
    if (r.problems.length || !r.models.length) {
      problems.push(`signature ${k}: ${r.problems.join("; ") || "no SignerInfo"}`);
      continue;
    }
    if (!/^(ETSI\.CAdES\.detached|adbe\.pkcs7\.detached|adbe\.pkcs7\.sha1)$/.test(f.subFilter))
      problems.push(`signature ${k}: /SubFilter ${f.subFilter || "(none)"} is not ETSI.CAdES.detached`);
    // the certification signature (DocMDP) in force: the first one at or before this signature
    const certification = fields.find((x) => x.docMdp !== undefined && !x.isDocTimestamp && x.end <= f.end);
    fileChecks.push(modificationCheck(pdf, f, dss, k, certification));
    // ISO 32000-1 §12.8.3.3.1 and EN 319 142-1 §6.3: one SignerInfo. podofosign writes the same one twice.
    const siDers = r.sd!.signerInfos.map((si) => Buffer.from(whole(si.node)).toString("hex"));
    if (siDers.length > 1) {
      const dup = siDers.length - new Set(siDers).size;
      fileChecks.push({
        id: "pdf-one-signer-info",
        result: "failed",
        subIndication: "SIG_CONSTRAINTS_FAILURE",
        reason: {
          en: `signature ${k}: the PDF signature's CMS has ${siDers.length} SignerInfos${dup ? ` (${dup} an identical copy)` : ""}; ISO 32000-1 §12.8.3.3.1 and EN 319 142-1 §6.3 allow exactly one`,
          tr: `imza ${k}: PDF imzasının CMS yapısında ${siDers.length} SignerInfo var${dup ? ` (${dup} tanesi birebir kopya)` : ""}; ISO 32000-1 §12.8.3.3.1 ve EN 319 142-1 §6.3 yalnızca bir tane kabul eder`,
        },
      });
      // An identical copy is the same signature: judge it once.
      r.models.splice(0, r.models.length, ...r.models.filter((_, i) => siDers.indexOf(siDers[i]!) === i));
    }
    for (const m of r.models) {
      m.format = "PAdES";
      m.pdfSubFilter = f.subFilter;
      if (f.subFilter !== "ETSI.CAdES.detached")
        // PKCS#7 PDF signatures may sign the data directly, without signed attributes (ISO 32000-1 §12.8.3.3).
        m.formatProblems = m.formatProblems.filter((p) => !p.startsWith("CAdES requires signed attributes"));
      if (sha1Form) {
        const eContent = r.sd!.eContent;
        const want = createHash("sha1").update(signed).digest();
        if (!eContent || !Buffer.from(eContent).equals(want)) {
          m.digestOk = false;
          m.digestProblem = "adbe.pkcs7.sha1: the signed SHA-1 digest does not match the PDF's signed byte ranges";
        }
      }
      m.profile = "none";
      m.signedContent = bytes.subarray(0, f.end);
      m.embeddedCrls.push(...dss.crls);
      m.embeddedOcsps.push(...dss.ocsps);
      m.certPool.push(...dss.certs);
      // Document time-stamps after this signature prove its existence (LTA).
      for (const t of docTs) {
        if (t.end <= f.end) continue;
        const [ta, tb, tc, td] = t.byteRange;
        const tsData = concat([bytes.subarray(ta, ta + tb), bytes.subarray(tc, tc + td)]);
        try {
          const ts = parseTimestamp(t.contents, m.certPool, (x) => parseDer(x, "TSTInfo"));
          m.timestamps.push({ kind: "document", ts, imprintOk: imprintMatches(ts, tsData) });
          m.certPool.push(...ts.certs);
        } catch (e) {
          m.timestamps.push({
            kind: "document",
            imprintOk: false,
            problem: `document time-stamp unreadable: ${nestedProblem(e)}`,
          });
        }
      }
      let level: Level = "B-B";
      if (m.timestamps.some((t) => t.kind === "signature")) level = "B-T";
      // a DSS written in a later revision than the one signed (sections are newest first)
      if ([...dss.writtenIn].some((s) => s < f.rev)) level = "B-LT";
      if (docTs.some((t) => t.end > f.end)) level = "B-LTA";
      // adbe.pkcs7.detached is a PKCS#7 PDF signature (ISO 32000-1), PAdES only with ETSI.CAdES.detached.
      m.level = f.subFilter === "ETSI.CAdES.detached" ? level : "PKCS7";
      if (m.level === "PKCS7")
        m.notes.push(`PDF: /SubFilter ${f.subFilter} is a PKCS#7 PDF signature (ISO 32000-1 §12.8.3.3), not PAdES`);
      m.notes.push(`PDF: signs revision ${pdf.revisionNumber(f.rev)} of ${pdf.revisionCount} (bytes 0..${f.end})`);
      // PAdES puts the long-term material in the DSS, not in CAdES certificate/revocation values.
      m.certValues = undefined;
      m.revocationValueCount = undefined;
      models.push(m);
    }
  }
  return { models, problems, fileChecks };
}
