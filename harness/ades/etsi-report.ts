// ETSI TS 119 102-2 validation report (XML), built as a DOM with @xmldom/xmldom so escaping is never ours. The
// output validates against the official schema (TS119102-2-v122.xsd; checked with xmllint in the tests).
import { DOMImplementation, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import type { SignatureReport, ValidationResult } from "./report.ts";

export const ETSI_NS = "http://uri.etsi.org/19102/v1.2.1#";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const TSL_NS = "http://uri.etsi.org/02231/v2#";

/** What the report is being built from: ids must be unique xs:IDs, signer certificates become validation objects. */
interface Builder {
  doc: Document;
  root: Element;
  next: number;
  signers: { id: string; subject: string; issuer: string; serial: string }[];
}

/** Reason texts as typed report data (TS 119 102-2 ReportData: a Type URI and a Value), Turkish and English. */
function reasonData(doc: Document, parent: Element, reason: { tr: string; en: string }): void {
  const ad = el(doc, parent, "AdditionalValidationReportData");
  for (const lang of ["tr", "en"] as const) {
    const rd = el(doc, ad, "ReportData");
    el(doc, rd, "Type", `urn:uyum:reason:${lang}`);
    el(doc, rd, "Value", reason[lang]);
  }
}

export function mainIndicationUri(ind: string): string {
  return `urn:etsi:019102:mainindication:${ind.toLowerCase()}`;
}
export function subIndicationUri(sub: string): string {
  return `urn:etsi:019102:subindication:${sub}`;
}

function el(doc: Document, parent: Element, name: string, text?: string, attrs: Record<string, string> = {}): Element {
  const e = doc.createElementNS(ETSI_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.appendChild(doc.createTextNode(text));
  parent.appendChild(e);
  return e;
}

function processId(level: string): string {
  if (["A", "B-LTA"].includes(level)) return "urn:etsi:019102:validationprocess:LTA";
  if (["T", "C", "X-Type1", "X-Type2", "X-L", "B-T", "B-LT"].includes(level))
    return "urn:etsi:019102:validationprocess:LTVM";
  return "urn:etsi:019102:validationprocess:Basic";
}

function signatureReport(b: Builder, file: string, s: SignatureReport, validationTime: string): void {
  const { doc, root } = b;
  const n = ++b.next;
  const svr = el(doc, root, "SignatureValidationReport");
  const sid = el(doc, svr, "SignatureIdentifier", undefined, { id: `sig-${n}` });
  el(doc, sid, "HashOnly", "false");
  el(doc, sid, "DocHashOnly", "false");
  el(doc, sid, "DAIdentifier", `${file}#${s.id}`);
  const vcer = el(doc, svr, "ValidationConstraintsEvaluationReport");
  for (const c of s.checks) {
    const vc = el(doc, vcer, "ValidationConstraint");
    el(doc, vc, "ValidationConstraintIdentifier", `urn:uyum:constraint:${c.id}`);
    const cs = el(doc, vc, "ConstraintStatus");
    el(
      doc,
      cs,
      "Status",
      c.result === "skipped" ? "urn:etsi:019102:constraintStatus:disabled" : "urn:etsi:019102:constraintStatus:applied",
    );
    if (c.result !== "skipped") {
      const vs = el(doc, vc, "ValidationStatus");
      el(
        doc,
        vs,
        "MainIndication",
        mainIndicationUri(c.result === "passed" ? "passed" : c.result === "failed" ? "failed" : "indeterminate"),
      );
      if (c.subIndication) el(doc, vs, "SubIndication", subIndicationUri(c.subIndication));
      reasonData(doc, el(doc, vs, "AssociatedValidationReportData"), c.reason);
    }
  }
  const vti = el(doc, svr, "ValidationTimeInfo");
  el(doc, vti, "ValidationTime", validationTime);
  // BestSignatureTime is required: a proven time (a time-stamp) when there is one, else the validation time itself.
  const bst = el(doc, vti, "BestSignatureTime");
  el(doc, bst, "POETime", s.bestSignatureTime ?? validationTime);
  el(
    doc,
    bst,
    "TypeOfProof",
    s.bestSignatureTime ? "urn:etsi:019102:poetype:validation" : "urn:etsi:019102:poetype:provided",
  );
  const sa = el(doc, svr, "SignatureAttributes");
  if (s.signingTime) el(doc, el(doc, sa, "SigningTime", undefined, { Signed: "true" }), "Time", s.signingTime);
  if (s.signer) {
    const voId = `signer-cert-${n}`;
    b.signers.push({ id: voId, ...s.signer });
    const si = el(doc, svr, "SignerInformation");
    el(doc, si, "SignerCertificate", undefined, { VOReference: voId });
    el(doc, si, "Signer", s.signer.subject);
  }
  const sq = el(doc, svr, "SignatureQuality");
  el(doc, sq, "SignatureQualityInformation", `urn:uyum:format:${s.format}:${s.level}:${s.profile}`);
  const svp = el(doc, svr, "SignatureValidationProcess");
  el(doc, svp, "SignatureValidationProcessID", processId(s.level));
  const st = el(doc, svr, "SignatureValidationStatus");
  el(doc, st, "MainIndication", mainIndicationUri(s.indication));
  if (s.subIndication) el(doc, st, "SubIndication", subIndicationUri(s.subIndication));
  for (const cs of s.counterSignatures) signatureReport(b, file, cs, validationTime);
}

/** One ValidationReport holding a SignatureValidationReport per signature of every file. */
export function toEtsiXml(results: ValidationResult[]): string {
  const doc = new DOMImplementation().createDocument(ETSI_NS, "ValidationReport", null);
  const root = doc.documentElement!;
  root.setAttribute("xmlns:ds", DS_NS);
  const b: Builder = { doc, root, next: 0, signers: [] };
  for (const r of results) {
    if (r.signatures.length === 0) {
      // A file we could not read still gets a report: one signature entry carrying the file's verdict.
      signatureReport(
        b,
        r.file,
        {
          id: "file",
          format: r.format === "unknown" ? "CAdES" : r.format,
          level: r.level,
          profile: r.profile,
          indication: r.indication,
          subIndication: r.subIndication,
          checks: r.checks,
          timestamps: [],
          counterSignatures: [],
        },
        r.validationTime,
      );
    } else for (const s of r.signatures) signatureReport(b, r.file, s, r.validationTime);
  }
  if (b.signers.length) {
    // The signer certificates the reports refer to, named by subject, issuer and serial.
    const objs = el(doc, root, "SignatureValidationObjects");
    for (const c of b.signers) {
      const vo = el(doc, objs, "ValidationObject", undefined, { id: c.id });
      el(doc, vo, "ObjectType", "urn:etsi:019102:validationObject:certificate");
      const direct = el(doc, el(doc, vo, "ValidationObjectRepresentation"), "direct");
      direct.appendChild(doc.createTextNode(`subject: ${c.subject}; issuer: ${c.issuer}; serial: ${c.serial}`));
    }
  }
  const sv = el(doc, root, "SignatureValidator");
  el(doc, sv, "DigitalId")
    .appendChild(doc.createElementNS(TSL_NS, "tsl:X509SubjectName"))
    .appendChild(doc.createTextNode("CN=uyum harness/ades"));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
}
