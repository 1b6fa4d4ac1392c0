// XAdES unsigned signature properties: validation data (CertificateValues, RevocationValues, the Complete…Refs)
// and the time-stamps over the signature, with each time-stamp's imprint input computed as EN 319 132-1 and
// TS 101 903 define it (every part canonicalised with the time-stamp's own CanonicalizationMethod).
import { concat, parseDer } from "../../asn1/der.ts";
import { parseCrl } from "../crl.ts";
import { inputProblem, nestedProblem } from "../input-error.ts";
import type { SigModel, TimestampUse } from "../model.ts";
import { parseOcsp } from "../ocsp.ts";
import { imprintMatches, parseTimestamp } from "../signer.ts";
import { parseCert, type Cert } from "../x509.ts";
import { canonicalize, C14N_10, C14N_ALGORITHMS } from "./c14n.ts";
import { b64, desc, kid, kids, NS } from "./dom.ts";
import { otherHashOf, type Qualifying } from "./qualifying.ts";
import { canonicalizeNodeSet, prefixList, type RefResult } from "./references.ts";

/** CertificateValues, RevocationValues, CompleteCertificateRefs and CompleteRevocationRefs into the model. */
export function readValidationData(q: Qualifying, m: SigModel): Cert[] {
  const usp = q.usp;
  const cv = kid(usp, q.ns, "CertificateValues");
  const out: Cert[] = [];
  if (cv) {
    // A certificate that does not parse is validation data the signer added badly, not a broken signature.
    m.certValues = [];
    for (const [i, e] of kids(cv, q.ns, "EncapsulatedX509Certificate").entries()) {
      try {
        m.certValues.push(parseCert(b64(e)));
      } catch (err) {
        m.notes.push(`CertificateValues: certificate ${i + 1} is unreadable and was left out: ${inputProblem(err)}`);
      }
    }
    out.push(...m.certValues);
  }
  const rv = kid(usp, q.ns, "RevocationValues");
  if (rv) {
    const crls = desc(rv, q.ns, "EncapsulatedCRLValue").map((e) => parseCrl(b64(e)));
    const ocsps = desc(rv, q.ns, "EncapsulatedOCSPValue").map((e) => parseOcsp(b64(e)));
    m.embeddedCrls.push(...crls);
    m.embeddedOcsps.push(...ocsps);
    m.revocationValueCount = crls.length + ocsps.length;
  }
  const ccr = kid(usp, q.ns, "CompleteCertificateRefs");
  if (ccr)
    m.certRefs = desc(ccr, q.ns, "CertDigest")
      .map((d) => otherHashOf(d, q))
      .filter((x): x is NonNullable<typeof x> => !!x);
  const crr = kid(usp, q.ns, "CompleteRevocationRefs");
  if (crr)
    m.revRefs = [
      {
        crlHashes: desc(crr, q.ns, "CRLRef")
          .map((r) => otherHashOf(kid(r, q.ns, "DigestAlgAndValue"), q))
          .filter((x): x is NonNullable<typeof x> => !!x),
        ocspHashes: desc(crr, q.ns, "OCSPRef")
          .map((r) => otherHashOf(kid(r, q.ns, "DigestAlgAndValue"), q))
          .filter((x): x is NonNullable<typeof x> => !!x),
      },
    ];
  return out;
}

export interface SignatureParts {
  sig: Element;
  si: Element;
  sv: Element;
  refs: RefResult[];
}

/** The signature's time-stamps (signature, SigAndRefs, archive) with their imprints checked. */
export function readTimestamps(q: Qualifying, parts: SignatureParts, m: SigModel, tsPool: Cert[]): void {
  const usp = q.usp;
  if (!usp) return;
  const c14nOf = (t: Element) => {
    const cm = kid(t, NS.ds, "CanonicalizationMethod");
    // An absent or empty Algorithm means the XML-DSig default, C14N 1.0.
    const alg = cm?.getAttribute("Algorithm") || C14N_10;
    return (el: Node) => canonicalize(el, alg, { inclusivePrefixes: prefixList(cm) });
  };
  const tsOf = (kind: TimestampUse["kind"], el: Element, inputs: () => Uint8Array[]): TimestampUse => {
    let use: TimestampUse;
    try {
      const tok = kid(el, q.ns, "EncapsulatedTimeStamp") ?? kid(el, NS.xades, "EncapsulatedTimeStamp");
      const ts = parseTimestamp(b64(tok), tsPool, (b) => parseDer(b, "TSTInfo"));
      use = { kind, ts, imprintOk: false };
    } catch (e) {
      return { kind, imprintOk: false, problem: `time-stamp token unreadable: ${nestedProblem(e)}` };
    }
    const cm = kid(el, NS.ds, "CanonicalizationMethod")?.getAttribute("Algorithm");
    if (cm && !C14N_ALGORITHMS[cm])
      return { ...use, problem: `the time-stamp's canonicalization ${cm} is not supported` };
    // Several readings of the standard exist (archive time-stamps); the imprint matching one of them is enough.
    use.imprintOk = inputs().some((data) => imprintMatches(use.ts!, data));
    return use;
  };
  const sigTs = kids(usp, q.ns, "SignatureTimeStamp");
  for (const t of sigTs) m.timestamps.push(tsOf("signature", t, () => [c14nOf(t)(parts.sv)]));
  for (const t of kids(usp, q.ns, "SigAndRefsTimeStamp")) {
    const c = c14nOf(t);
    m.timestamps.push(
      tsOf("esc", t, () => {
        const list: Node[] = [parts.sv, ...sigTs];
        for (const n of [
          "CompleteCertificateRefs",
          "CompleteRevocationRefs",
          "AttributeCertificateRefs",
          "AttributeRevocationRefs",
        ]) {
          const e = kid(usp, q.ns, n);
          if (e) list.push(e);
        }
        return [concat(list.map(c))];
      }),
    );
  }
  for (let t = usp.firstChild; t; t = t.nextSibling) {
    if (t.nodeType !== 1 || (t as Element).localName !== "ArchiveTimeStamp") continue;
    if (![NS.xades141, q.ns].includes((t as Element).namespaceURI ?? "")) continue;
    const ats = t as Element;
    const use = tsOf("archive", ats, () => archiveInputs(q, parts, ats, c14nOf(ats)));
    // The input starts with every Reference's data: without a detached document it cannot be computed, which
    // says nothing about the time-stamp (INDETERMINATE), unlike an imprint that does not match.
    const missing = parts.refs.find((r) => r.unavailable);
    if (use.ts && !use.imprintOk && missing)
      use.imprintUnknown = `archive time-stamp: its imprint covers the data of Reference ${missing.uri === null ? "(no URI)" : `"${missing.uri}"`}, which is not available (${missing.unavailable}); not computed`;
    m.timestamps.push(use);
  }
}

/**
 * The archive time-stamp's input (EN 319 132-1 §5.5.2.2; TS 101 903 v1.4.1 §G.2.2.16.1): every Reference's
 * processed data in SignedInfo order (a node-set canonicalised with the time-stamp's algorithm), then SignedInfo,
 * SignatureValue, KeyInfo, then every unsigned signature property before this time-stamp in document order,
 * then ds:Object elements. Which ds:Objects is where the versions differ: EN 319 132 takes all but the one holding
 * the QualifyingProperties; TS 101 903 1.4.1 only those no Reference signs; some writers take none. All three
 * readings are offered, the token's imprint decides.
 */
function archiveInputs(q: Qualifying, p: SignatureParts, ats: Element, c: (n: Node) => Uint8Array): Uint8Array[] {
  const head: Uint8Array[] = [];
  for (const r of p.refs) {
    if (r.finalNodes) {
      const alg = kid(ats, NS.ds, "CanonicalizationMethod")?.getAttribute("Algorithm") || C14N_10;
      head.push(canonicalizeNodeSet(r.finalNodes, alg, { comments: false }));
    } else if (r.data) head.push(r.data);
  }
  for (const x of [p.si, p.sv, kid(p.sig, NS.ds, "KeyInfo")]) if (x) head.push(c(x));
  for (let u = q.usp!.firstChild; u && u !== ats; u = u.nextSibling) if (u.nodeType === 1) head.push(c(u));
  const objects = kids(p.sig, NS.ds, "Object").filter((o) => o !== q.qp.parentNode);
  const referenced = new Set(p.refs.map((r) => r.target).filter((t): t is Element => !!t));
  const unreferenced = objects.filter((o) => !referenced.has(o));
  const variants = [objects, unreferenced, []];
  const seen = new Set<number>();
  const out: Uint8Array[] = [];
  for (const v of variants) {
    if (seen.has(v.length)) continue;
    seen.add(v.length);
    out.push(concat([...head, ...v.map(c)]));
  }
  return out;
}
