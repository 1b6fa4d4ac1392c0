// XAdES qualifying properties: find this signature's own QualifyingProperties (XAdES 1.1.1, 1.2.2 or 1.3.2 /
// EN 319 132 namespace) without being fooled by a second, planted one, and read the signed properties:
// SigningCertificate (v1) or SigningCertificateV2, SigningTime, SignaturePolicyIdentifier, DataObjectFormat.
import { children, content, parseDer } from "../../asn1/der.ts";
import { inputProblem } from "../input-error.ts";
import { digest, DIGEST_OIDS, HASH_OID, type DigestName } from "../algs.ts";
import type { SigModel } from "../model.ts";
import type { Cert } from "../x509.ts";
import { DIGEST_URI } from "./algorithms.ts";
import { b64, desc, isAncestor, kid, kids, NS, text, XmlFormatError } from "./dom.ts";

/** XAdES namespaces, newest first, with the version each names. */
export const XADES_VERSIONS: [string, string][] = [
  [NS.xades, "1.3.2"],
  [NS.xades122, "1.2.2"],
  [NS.xades111, "1.1.1"],
];

export interface Qualifying {
  qp: Element;
  sp: Element;
  /** The XAdES namespace this signature's properties use, and its version. */
  ns: string;
  version: string;
  usp?: Element;
  /** Why the Target attribute is wrong, when it is (the properties are still this signature's). */
  targetNote?: string;
  /**
   * A DigiDoc 1.3 container (cdigidoc, DigiDoc3): its XAdES 1.1.1 properties write DigestMethod/DigestValue in
   * the XAdES namespace where the schema has ds:, a deviation its readers accept; read here the same way.
   */
  digidoc?: boolean;
}

/** This signature's QualifyingProperties, or undefined when it has none (a plain XML-DSig signature). */
export function findQualifyingProperties(doc: Document, sig: Element): Qualifying | undefined {
  const nested = (e: Element) => desc(sig, NS.ds, "Signature").some((inner) => inner !== sig && isAncestor(inner, e));
  for (const [ns, version] of XADES_VERSIONS) {
    const qps = desc(sig, ns, "QualifyingProperties").filter((q) => !nested(q));
    if (!qps.length) continue;
    if (qps.length !== 1)
      throw new XmlFormatError(`a XAdES signature needs exactly one QualifyingProperties, found ${qps.length}`);
    const qp = qps[0];
    const holder = qp.parentNode as Element | null;
    // XAdES 1.1.1 / 1.2.2 allow QualifyingPropertiesReference; the properties themselves sit in a ds:Object.
    if (holder?.parentNode !== sig || holder.localName !== "Object" || holder.namespaceURI !== NS.ds)
      throw new XmlFormatError("QualifyingProperties is not in a ds:Object of its signature");
    const sigId = sig.getAttribute("Id");
    const target = qp.getAttribute("Target") ?? "";
    // A Target that does not name this signature ("Signature" without the "#", or another case than the Id) breaks
    // the XAdES rule, but not the binding: these properties sit in this signature's own ds:Object and the
    // SignedInfo must sign their SignedProperties (readReferences), so they can be no other signature's. DSS
    // reads them too; the result says the Target is wrong instead of refusing a signature whose math holds.
    const targetNote =
      sigId && target !== `#${sigId}`
        ? `QualifyingProperties Target="${target}" does not name this signature ("#${sigId}" expected, XAdES 1.3.2 §6.2); read as its own because it sits in the signature's ds:Object and its SignedProperties are signed by it`
        : undefined;
    if (desc(doc, ns, "QualifyingProperties").filter((q) => q.getAttribute("Target") === target).length > 1)
      throw new XmlFormatError("a second QualifyingProperties claims the same signature (spoofing)");
    const sps = desc(qp, ns, "SignedProperties").filter((e) => !nested(e));
    if (sps.length !== 1)
      throw new XmlFormatError(`QualifyingProperties must hold exactly one SignedProperties, found ${sps.length}`);
    const usp = kid(kid(qp, ns, "UnsignedProperties"), ns, "UnsignedSignatureProperties");
    return { qp, sp: sps[0], ns, version, usp, targetNote };
  }
  return undefined;
}

/** A DigestAlgAndValue (ds:DigestMethod + ds:DigestValue); DigiDoc 1.3 writes them in the XAdES namespace. */
export function otherHashOf(
  el: Element | undefined,
  q?: Pick<Qualifying, "ns" | "digidoc">,
): { hashOid: string; hashHex: string } | undefined {
  const ns = q?.digidoc && !kid(el, NS.ds, "DigestMethod") ? q.ns : NS.ds;
  const dm = kid(el, ns, "DigestMethod")?.getAttribute("Algorithm") ?? "";
  const h = DIGEST_URI[dm];
  if (!h || !HASH_OID[h]) return undefined;
  return { hashOid: HASH_OID[h], hashHex: Buffer.from(b64(kid(el, ns, "DigestValue"))).toString("hex") };
}

export function hashOfOid(o: string): DigestName {
  const h = DIGEST_OIDS[o];
  if (!h) throw new XmlFormatError(`unknown digest ${o}`);
  return h;
}

/** SigningCertificate (v1, XAdES 1.x) or SigningCertificateV2 (EN 319 132): which certificate signed. */
export function readSigningCertificate(q: Qualifying, pool: Cert[], m: SigModel): Cert | undefined {
  const ssp = kid(q.sp, q.ns, "SignedSignatureProperties");
  const v1 = kid(ssp, q.ns, "SigningCertificate");
  const v2 = kid(ssp, q.ns, "SigningCertificateV2");
  const sc = v1 ?? v2;
  if (!sc) {
    m.essOk = undefined;
    return pool[0];
  }
  m.essVersion = v1 ? 1 : 2;
  // Several Cert entries are allowed (the whole path); the signer's is the one matching a certificate we hold.
  let signer: Cert | undefined;
  let ref: Element | undefined;
  let hash: DigestName | undefined;
  for (const c of kids(sc, q.ns, "Cert")) {
    const d = otherHashOf(kid(c, q.ns, "CertDigest"), q);
    if (!d) continue;
    hash ??= hashOfOid(d.hashOid);
    const hit = pool.find((p) => Buffer.from(digest(hashOfOid(d.hashOid), p.der)).toString("hex") === d.hashHex);
    if (hit && !signer) {
      signer = hit;
      ref = c;
      hash = hashOfOid(d.hashOid);
    }
  }
  m.essHash = hash;
  if (!signer) {
    m.essOk = false;
    m.essProblem = "SigningCertificate does not match any certificate of the signature";
    return pool[0];
  }
  const serial = serialOf(ref!, q.ns);
  if (serial.problem) {
    m.essOk = false;
    m.essProblem = serial.problem;
  } else {
    m.essOk = serial.value === undefined || serial.value === BigInt("0x" + signer.serialHex);
    if (!m.essOk) m.essProblem = "SigningCertificate IssuerSerial does not match the certificate";
  }
  return signer;
}

function serialOf(cert: Element, ns: string): { value?: bigint; problem?: string } {
  const v1 = kid(kid(cert, ns, "IssuerSerial"), NS.ds, "X509SerialNumber");
  if (v1) {
    const t = text(v1);
    if (!/^-?\d+$/.test(t))
      return { problem: `SigningCertificate X509SerialNumber "${t.slice(0, 40)}" is not an integer` };
    return { value: BigInt(t) };
  }
  const v2 = kid(cert, ns, "IssuerSerialV2");
  if (v2) {
    try {
      const serial = children(parseDer(b64(v2), "IssuerSerialV2"))[1];
      return { value: BigInt("0x" + (Buffer.from(content(serial)).toString("hex") || "0")) };
    } catch (e) {
      return { problem: `SigningCertificateV2 IssuerSerialV2 is not a DER IssuerSerial: ${inputProblem(e)}` };
    }
  }
  return {};
}

/** SigningTime, SignaturePolicyIdentifier, DataObjectFormat, and the names of the signed properties. */
export function readSignedProperties(q: Qualifying, m: SigModel): void {
  const ssp = kid(q.sp, q.ns, "SignedSignatureProperties");
  const st = text(kid(ssp, q.ns, "SigningTime"));
  if (st) {
    const d = new Date(st);
    if (Number.isNaN(d.getTime())) throw new XmlFormatError(`SigningTime "${st}" is not a date`);
    m.signingTime = d;
  }
  const spi = kid(ssp, q.ns, "SignaturePolicyIdentifier");
  if (spi) {
    if (kid(spi, q.ns, "SignaturePolicyImplied")) m.policy = { oid: "", implied: true };
    else {
      const pid = kid(spi, q.ns, "SignaturePolicyId");
      const ident = text(kid(kid(pid, q.ns, "SigPolicyId"), q.ns, "Identifier")).replace(/^urn:oid:/, "");
      const h = otherHashOf(kid(pid, q.ns, "SigPolicyHash"), q);
      m.policy = { oid: ident, hashOid: h?.hashOid, hashHex: h?.hashHex };
    }
  }
  const sdop = kid(q.sp, q.ns, "SignedDataObjectProperties");
  m.attributes = {
    signed: [...childNames(ssp), ...childNames(sdop)],
    unsigned: childNames(q.usp),
  };
  const mime = text(kid(kid(sdop, q.ns, "DataObjectFormat"), q.ns, "MimeType"));
  if (mime) m.contentHints = mime;
}

/** The Reference (by its Id) the first DataObjectFormat describes, if it names one. */
export function describedReferenceId(q: Qualifying): string | undefined {
  const dof = kid(kid(q.sp, q.ns, "SignedDataObjectProperties"), q.ns, "DataObjectFormat");
  return dof?.getAttribute("ObjectReference")?.replace(/^#/, "") || undefined;
}

export function childNames(e: Element | undefined): string[] {
  const out: string[] = [];
  for (let c = e?.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push((c as Element).localName ?? "");
  return out;
}
