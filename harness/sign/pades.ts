// PAdES (ETSI EN 319 142-1) on top of pdf.ts (writing), ../pdf/reader.ts (reading) and cades.ts. Each signature is an incremental update:
// a signature dictionary with a /ByteRange placeholder and a zero-filled /Contents hex string, a widget
// field on the first page, and the catalog's /AcroForm. B-B/B-T: ETSI.CAdES.detached CMS without a
// signingTime attribute (the time is /M), B-T adds the signature-time-stamp inside the CMS; B-LT appends a
// /DSS (Certs, CRLs, OCSPs); B-LTA appends a document time-stamp (ETSI.RFC3161) after the DSS.
import { type Der, concat } from "../asn1/der.ts";
import {
  createCades,
  encodeCades,
  addSignatureTimestamp,
  signatureTimestampImprint,
  type SignedAttrOptions,
} from "./cades.ts";
import type { Signer } from "./common.ts";
import { PdfFile } from "../pdf/reader.ts";
import { nameOf, PdfDict, PdfRef } from "../pdf/syntax.ts";
import {
  type PdfObjects,
  appendUpdate,
  getDictEntry,
  latin1,
  pdfDate,
  pdfTextString,
  setDictEntry,
  stream,
} from "./pdf.ts";
import { digest, type HashName } from "../asn1/oids.ts";

/** Produce the /Contents bytes from the signed byte ranges' concatenation. */
type ContentsMaker = (signedBytes: Der) => Der;

const BYTE_RANGE_PLACEHOLDER = "[0 0000000000 0000000000 0000000000]";

/** The first page's object number: down the page tree from the catalog's /Pages through each first /Kids. */
function firstPageRef(file: PdfFile, rootRef: number): number {
  const catalog = file.object(rootRef);
  const pages = catalog instanceof PdfDict ? catalog.get("Pages") : undefined;
  if (!(pages instanceof PdfRef)) throw new Error("PDF catalog has no /Pages");
  let node = pages.num;
  for (let depth = 0; depth < 32; depth++) {
    const d = file.object(node);
    if (d instanceof PdfDict && nameOf(d.get("Type")) === "Page") return node;
    const kids = d instanceof PdfDict ? d.get("Kids") : undefined;
    const kid = Array.isArray(kids) ? kids[0] : undefined;
    if (!(kid instanceof PdfRef)) throw new Error(`PDF page tree node ${node} has no /Kids`);
    node = kid.num;
  }
  throw new Error("PDF page tree too deep");
}

/** Append a signature field whose /Contents is made by `make`; returns the new file. */
export function addSignatureRevision(
  pdf: Der,
  opts: {
    sigDictEntries: string;
    fieldName: string;
    contentsBytes: number;
    make: ContentsMaker;
    extraObjects?: (next: number) => PdfObjects;
  },
): Der {
  const file = new PdfFile(pdf);
  const info = file.updateBase();
  const catalog = file.objectText(info.rootRef);
  const pageRef = firstPageRef(file, info.rootRef);
  const page = file.objectText(pageRef);
  const sigNum = info.size;
  const widgetNum = info.size + 1;
  const objects: PdfObjects = new Map();
  const placeholder = "0".repeat(opts.contentsBytes * 2);
  objects.set(sigNum, `<<${opts.sigDictEntries}/ByteRange ${BYTE_RANGE_PLACEHOLDER}/Contents <${placeholder}>>>`);
  objects.set(
    widgetNum,
    `<</Type/Annot/Subtype/Widget/FT/Sig/T${pdfTextString(opts.fieldName)}/V ${sigNum} 0 R/Rect[0 0 0 0]/F 132/P ${pageRef} 0 R>>`,
  );
  // page /Annots
  const annots = getDictEntry(page, "Annots");
  if (annots && !annots.startsWith("[")) throw new Error("PDF page /Annots by reference is not supported");
  const newAnnots = annots ? `${annots.slice(0, -1)} ${widgetNum} 0 R]` : `[${widgetNum} 0 R]`;
  objects.set(pageRef, setDictEntry(page, "Annots", newAnnots));
  // catalog /AcroForm (inline)
  const acro = getDictEntry(catalog, "AcroForm");
  let fields = `[${widgetNum} 0 R]`;
  if (acro) {
    if (!acro.startsWith("<<")) throw new Error("PDF /AcroForm by reference is not supported");
    const old = getDictEntry(acro, "Fields");
    if (old) fields = `${old.slice(0, -1)} ${widgetNum} 0 R]`;
  }
  const newCatalog = setDictEntry(catalog, "AcroForm", `<</Fields${fields}/SigFlags 3>>`);
  if (opts.extraObjects) for (const [n, b] of opts.extraObjects(info.size + 2)) objects.set(n, b);
  objects.set(info.rootRef, newCatalog);
  const draft = appendUpdate(pdf, info, objects);

  // locate this revision's /Contents hex string and fix the byte range
  const text = Buffer.from(draft).toString("latin1");
  const sigAt = text.indexOf(`\n${sigNum} 0 obj\n`, pdf.length - 1);
  const lt = text.indexOf("/Contents <", sigAt) + "/Contents ".length;
  const gt = lt + 1 + placeholder.length;
  if (text[gt] !== ">") throw new Error("PAdES: /Contents placeholder not where expected");
  const range = [0, lt, gt + 1, draft.length - (gt + 1)];
  const brAt = text.indexOf(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, sigAt) + "/ByteRange ".length;
  const brText = `[${range.join(" ")}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, " ");
  draft.set(latin1(brText), brAt);
  const signed = concat([draft.subarray(0, lt), draft.subarray(gt + 1)]);
  const contents = opts.make(signed);
  if (contents.length > opts.contentsBytes)
    throw new Error(`PAdES: signature (${contents.length} bytes) does not fit /Contents (${opts.contentsBytes})`);
  draft.set(latin1(Buffer.from(contents).toString("hex").toUpperCase()), lt + 1);
  return draft;
}

export interface PadesOptions extends Omit<SignedAttrOptions, "signingTime"> {
  /** The claimed signing time, written as /M (PAdES forbids the CMS signingTime attribute). */
  signingTime: Date;
  certificates: Der[];
  fieldName?: string;
  reason?: string;
  location?: string;
  /** B-T: returns a time-stamp token for (imprint, hash). */
  timestamp?: (imprint: Der, hash: HashName) => Der;
  contentsBytes?: number;
}

/** PAdES B-B (or B-T with `timestamp`). */
export function signPdf(pdf: Der, signer: Signer, o: PadesOptions): Der {
  const hash = o.hash ?? "SHA-256";
  let entries = `/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M${pdfDate(o.signingTime)}`;
  if (o.reason) entries += `/Reason${pdfTextString(o.reason)}`;
  if (o.location) entries += `/Location${pdfTextString(o.location)}`;
  return addSignatureRevision(pdf, {
    sigDictEntries: entries,
    fieldName: o.fieldName ?? "Imza1",
    contentsBytes: o.contentsBytes ?? 24_000,
    make: (signed) => {
      const { signingTime: _omit, ...attrs } = o;
      const doc = createCades(signer, { ...attrs, content: signed, detached: true, certificates: o.certificates });
      if (o.timestamp) {
        const si = doc.signerInfos[0]!;
        addSignatureTimestamp(si, o.timestamp(signatureTimestampImprint(si, hash), hash));
      }
      return encodeCades(doc);
    },
  });
}

/** The CMS (or time-stamp token) of every signature field, in file order, without /Contents zero padding. */
export function signatureContents(pdf: Der): Der[] {
  const text = Buffer.from(pdf).toString("latin1");
  const out: Der[] = [];
  const re = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const hex = text.slice(Number(m[1]) + 1, Number(m[2]) - 1);
    const der = Uint8Array.from(Buffer.from(hex, "hex"));
    // keep exactly the DER object (its length is in its header)
    let len = der[1]!;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + der[2 + i]!;
      hdr += n;
    }
    out.push(der.subarray(0, hdr + len));
  }
  return out;
}

/** B-LT: a /DSS with the validation material, in its own incremental update. With `vri`, a /VRI entry
 *  (key: upper-case hex SHA-1 of the signature's CMS) per signature names the same material. */
export function addDss(pdf: Der, material: { certs: Der[]; crls: Der[]; ocspResponses: Der[]; vri?: boolean }): Der {
  const file = new PdfFile(pdf);
  const info = file.updateBase();
  const catalog = file.objectText(info.rootRef);
  const objects: PdfObjects = new Map();
  let n = info.size;
  const refs = (list: Der[]) => {
    const out: string[] = [];
    for (const item of list) {
      objects.set(n, stream("", item));
      out.push(`${n} 0 R`);
      n++;
    }
    return `[${out.join(" ")}]`;
  };
  const certs = refs(material.certs);
  const crls = refs(material.crls);
  const ocsps = refs(material.ocspResponses);
  const dssNum = n++;
  let dss = "<</Type/DSS";
  if (material.certs.length) dss += `/Certs${certs}`;
  if (material.crls.length) dss += `/CRLs${crls}`;
  if (material.ocspResponses.length) dss += `/OCSPs${ocsps}`;
  if (material.vri) {
    const entry = `<<${material.certs.length ? `/Cert${certs}` : ""}${material.crls.length ? `/CRL${crls}` : ""}${material.ocspResponses.length ? `/OCSP${ocsps}` : ""}>>`;
    const keys = signatureContents(pdf).map(
      (c) => `/${Buffer.from(digest("SHA-1", c)).toString("hex").toUpperCase()} ${entry}`,
    );
    dss += `/VRI<<${keys.join("")}>>`;
  }
  objects.set(dssNum, dss + ">>");
  objects.set(info.rootRef, setDictEntry(catalog, "DSS", `${dssNum} 0 R`));
  return appendUpdate(pdf, info, objects);
}

/** B-LTA: a document time-stamp (ETSI.RFC3161) over the whole file so far. */
export function addDocumentTimestamp(
  pdf: Der,
  timestamp: (imprint: Der, hash: HashName) => Der,
  o: { hash?: HashName; fieldName?: string; contentsBytes?: number } = {},
): Der {
  const hash = o.hash ?? "SHA-256";
  return addSignatureRevision(pdf, {
    sigDictEntries: "/Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161",
    fieldName: o.fieldName ?? "BelgeZamanDamgasi",
    contentsBytes: o.contentsBytes ?? 12_000,
    make: (signed) => timestamp(digest(hash, signed), hash),
  });
}
