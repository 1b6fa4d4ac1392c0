// XAdES (ETSI TS 101 903 v1.3.2 / v1.4.1) creation. The signature is written as text with fixed Ids and no
// whitespace between elements, canonicalised with xmldsigjs' exclusive C14N (the algorithm we declare
// everywhere), and signed through Signer.sign (the PKI's signRaw), so every byte is deterministic.
// xadesjs stops at BES and signs through WebCrypto keys, hence this builder.
//
// Levels: BES (SigningTime, SigningCertificate, DataObjectFormat), EPES (+SignaturePolicyIdentifier),
// T (SignatureTimeStamp over C14N(ds:SignatureValue)), C (CompleteCertificateRefs, CompleteRevocationRefs),
// X type 1 (SigAndRefsTimeStamp), X-L (CertificateValues, RevocationValues), A (xades141:ArchiveTimeStamp,
// imprint per TS 101 903 v1.4.1 §8.2: the referenced data after transforms, SignedInfo, SignatureValue,
// KeyInfo, then the unsigned signature properties present before it, each under exclusive C14N).
import "reflect-metadata";
import { DOMParser } from "@xmldom/xmldom";
import { Name, X509Certificate } from "@peculiar/x509";
import { XmlCanonicalizer } from "xmldsigjs";
import { type Der, children, concat, content, readNode } from "../asn1/der.ts";
import { type PolicyRef, type Signer, certFields, xmlDigestMethod, xmlSignatureMethod } from "./common.ts";
import { ocspIdentifierParts } from "./cades.ts";
import { digest, type HashName } from "../asn1/oids.ts";

export const NS = {
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xades: "http://uri.etsi.org/01903/v1.3.2#",
  xades141: "http://uri.etsi.org/01903/v1.4.1#",
} as const;
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const BASE64_TRANSFORM = "http://www.w3.org/2000/09/xmldsig#base64";

export type XadesPackaging = "enveloped" | "enveloping" | "detached" | "counter";

export interface XadesOptions {
  packaging: XadesPackaging;
  /** enveloped: an XML document (UTF-8); enveloping: any bytes (carried base64 in a ds:Object); detached: the file's bytes. */
  content: Der;
  /** counter: the Id of the countersigned ds:SignatureValue and its exclusive C14N (set by addCounterSignature). */
  counterTarget?: { id: string; c14n: Der };
  /** detached: the URI written in the Reference (a relative file name). */
  detachedUri?: string;
  mimeType: string;
  /** false: no xades:DataObjectFormat and no ds:Object MimeType (the signature says nothing of the document's type) */
  withMimeType?: boolean;
  hash?: HashName;
  signingTime?: Date;
  policy?: PolicyRef;
  /** Certificates for ds:KeyInfo (signer first). */
  keyInfoCerts: Der[];
  /** Prefix of every Id; give parallel signatures different ones. */
  id?: string;
  fault?: { dataDigest?: boolean; essCertHash?: boolean; signatureValue?: boolean; signedPropertiesDigest?: boolean };
}

export interface XadesSignature {
  options: XadesOptions;
  id: string;
  hash: HashName;
  /** The ds:Signature text before UnsignedSignatureProperties children are added. */
  signedInfo: string;
  signatureValueB64: string;
  keyInfo: string;
  signedProperties: string;
  extraObjects: string;
  /** UnsignedSignatureProperties children, in order. */
  unsigned: string[];
  /** Enveloped: the document text with a marker where the signature goes. */
  host?: { before: string; after: string };
}

const b64 = (b: Der) => Buffer.from(b).toString("base64");
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: string) => {
      if (level !== "warning") errors.push(msg);
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length) throw new Error(`XML not well-formed: ${errors[0]}`);
  return doc as unknown as Document;
}
export function c14n(node: Node): string {
  return new XmlCanonicalizer(false, true).Canonicalize(node);
}
const utf8 = (s: string) => new TextEncoder().encode(s);

function findById(doc: Document, id: string): Element {
  const all = doc.getElementsByTagName("*");
  for (let i = 0; i < all.length; i++) if (all[i]!.getAttribute("Id") === id) return all[i]!;
  throw new Error(`no element with Id ${id}`);
}
function findNs(root: Document | Element, ns: string, local: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
}

/** RFC 4514 string of a DER Name, as X509IssuerName wants. */
export const dnString = (nameDer: Der) => new Name(toArrayBuffer(nameDer)).toString();
const toArrayBuffer = (b: Der): ArrayBuffer => b.slice().buffer as ArrayBuffer;

function digestXml(hash: HashName, value: Der): string {
  return `<ds:DigestMethod Algorithm="${xmlDigestMethod(hash)}"/><ds:DigestValue>${b64(value)}</ds:DigestValue>`;
}
function issuerSerialXml(certDer: Der): string {
  const f = certFields(certDer);
  return `<xades:IssuerSerial><ds:X509IssuerName>${esc(dnString(f.issuerDer))}</ds:X509IssuerName><ds:X509SerialNumber>${f.serialBigInt.toString(10)}</ds:X509SerialNumber></xades:IssuerSerial>`;
}
function flip(b: Der): Der {
  const c = Uint8Array.from(b);
  c[c.length >> 1] ^= 0x5a;
  return c;
}

/** Assemble the ds:Signature element text. */
function signatureXml(s: XadesSignature): string {
  const unsigned = s.unsigned.length
    ? `<xades:UnsignedProperties><xades:UnsignedSignatureProperties>${s.unsigned.join("")}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>`
    : "";
  return (
    `<ds:Signature xmlns:ds="${NS.ds}" Id="${s.id}">${s.signedInfo}` +
    `<ds:SignatureValue Id="${s.id}-SigValue">${s.signatureValueB64}</ds:SignatureValue>${s.keyInfo}` +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${NS.xades}" xmlns:xades141="${NS.xades141}" Target="#${s.id}">` +
    `${s.signedProperties}${unsigned}</xades:QualifyingProperties></ds:Object>${s.extraObjects}</ds:Signature>`
  );
}

/** The whole output file. */
export function serializeXades(s: XadesSignature): string {
  const sig = signatureXml(s);
  if (s.host) return s.host.before + sig + s.host.after;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${sig}`;
}

/** Split an XML document so the signature can go last inside the root element (enveloped). */
function envelopedHost(xml: string): { before: string; after: string } {
  const doc = parse(xml);
  const root = doc.documentElement;
  if (!root) throw new Error("enveloped XAdES needs an XML document with a root element");
  const closing = `</${root.tagName}>`;
  const i = xml.lastIndexOf(closing);
  if (i < 0) throw new Error(`cannot find the closing tag ${closing} (self-closing root elements are not supported)`);
  return { before: xml.slice(0, i), after: xml.slice(i) };
}

export function createXades(signer: Signer, o: XadesOptions): XadesSignature {
  const hash = o.hash ?? "SHA-256";
  const id = o.id ?? "Signature-1";
  const spId = `${id}-SignedProperties`;
  const refId = `${id}-Ref0`;
  const objId = `${id}-Object`;
  const cert = o.keyInfoCerts[0] ?? signer.certDer;

  // 1. the data reference
  let dataRef: string;
  let extraObjects = "";
  let host: XadesSignature["host"];
  let dataDigest: Der;
  if (o.packaging === "enveloped") {
    const xml = new TextDecoder("utf-8", { fatal: true }).decode(o.content);
    host = envelopedHost(xml);
    dataDigest = digest(hash, utf8(c14n(parse(xml) as unknown as Node)));
    dataRef = `<ds:Reference Id="${refId}" URI=""><ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"/><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>`;
  } else if (o.packaging === "enveloping") {
    dataDigest = digest(hash, o.content);
    extraObjects = `<ds:Object Id="${objId}"${o.withMimeType === false ? "" : ` MimeType="${esc(o.mimeType)}"`} Encoding="${BASE64_TRANSFORM}">${b64(o.content)}</ds:Object>`;
    dataRef = `<ds:Reference Id="${refId}" URI="#${objId}"><ds:Transforms><ds:Transform Algorithm="${BASE64_TRANSFORM}"/></ds:Transforms>`;
  } else if (o.packaging === "counter") {
    if (!o.counterTarget) throw new Error("a counter-signature needs counterTarget");
    dataDigest = digest(hash, o.counterTarget.c14n);
    dataRef = `<ds:Reference Id="${refId}" Type="http://uri.etsi.org/01903#CountersignedSignature" URI="#${o.counterTarget.id}"><ds:Transforms><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>`;
  } else {
    if (!o.detachedUri) throw new Error("detached XAdES needs detachedUri");
    dataDigest = digest(hash, o.content);
    dataRef = `<ds:Reference Id="${refId}" URI="${esc(o.detachedUri)}">`;
  }
  if (o.fault?.dataDigest) dataDigest = flip(dataDigest);
  dataRef += `${digestXml(hash, dataDigest)}</ds:Reference>`;

  // 2. signed properties
  let certDigest = digest(hash, cert);
  if (o.fault?.essCertHash) certDigest = flip(certDigest);
  let ssp = "";
  if (o.signingTime) ssp += `<xades:SigningTime>${iso(o.signingTime)}</xades:SigningTime>`;
  ssp += `<xades:SigningCertificate><xades:Cert><xades:CertDigest>${digestXml(hash, certDigest)}</xades:CertDigest>${issuerSerialXml(cert)}</xades:Cert></xades:SigningCertificate>`;
  if (o.policy?.oid === "implied")
    ssp += `<xades:SignaturePolicyIdentifier><xades:SignaturePolicyImplied/></xades:SignaturePolicyIdentifier>`;
  else if (o.policy) {
    const p = o.policy;
    const quals = [
      ...(p.uri
        ? [`<xades:SigPolicyQualifier><xades:SPURI>${esc(p.uri)}</xades:SPURI></xades:SigPolicyQualifier>`]
        : []),
      ...(p.userNotice
        ? [
            `<xades:SigPolicyQualifier><xades:SPUserNotice><xades:ExplicitText>${esc(p.userNotice)}</xades:ExplicitText></xades:SPUserNotice></xades:SigPolicyQualifier>`,
          ]
        : []),
    ];
    ssp +=
      `<xades:SignaturePolicyIdentifier><xades:SignaturePolicyId><xades:SigPolicyId><xades:Identifier Qualifier="OIDAsURN">urn:oid:${p.oid}</xades:Identifier></xades:SigPolicyId>` +
      `<xades:SigPolicyHash>${digestXml(p.hash, p.hashValue)}</xades:SigPolicyHash>` +
      (quals.length ? `<xades:SigPolicyQualifiers>${quals.join("")}</xades:SigPolicyQualifiers>` : "") +
      `</xades:SignaturePolicyId></xades:SignaturePolicyIdentifier>`;
  }
  const signedProperties =
    `<xades:SignedProperties Id="${spId}"><xades:SignedSignatureProperties>${ssp}</xades:SignedSignatureProperties>` +
    (o.withMimeType === false
      ? ""
      : `<xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference="#${refId}"><xades:MimeType>${esc(o.mimeType)}</xades:MimeType></xades:DataObjectFormat></xades:SignedDataObjectProperties>`) +
    `</xades:SignedProperties>`;
  const keyInfo = `<ds:KeyInfo><ds:X509Data>${o.keyInfoCerts.map((c) => `<ds:X509Certificate>${b64(c)}</ds:X509Certificate>`).join("")}</ds:X509Data></ds:KeyInfo>`;

  const sig: XadesSignature = {
    options: o,
    id,
    hash,
    signedInfo: "",
    signatureValueB64: "",
    keyInfo,
    signedProperties,
    extraObjects,
    unsigned: [],
    host,
  };
  // 3. digest of SignedProperties in its final context (exclusive C14N makes the context irrelevant, but we
  //    canonicalise the element where it will live anyway)
  const draft = parse(serializeXades(sig));
  let spDigest = digest(hash, utf8(c14n(findById(draft, spId) as unknown as Node)));
  if (o.fault?.signedPropertiesDigest) spDigest = flip(spDigest);
  const spRef = `<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#${spId}"><ds:Transforms><ds:Transform Algorithm="${EXC_C14N}"/></ds:Transforms>${digestXml(hash, spDigest)}</ds:Reference>`;
  sig.signedInfo =
    `<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/><ds:SignatureMethod Algorithm="${xmlSignatureMethod(signer.keyAlgorithm, hash)}"/>` +
    `${dataRef}${spRef}</ds:SignedInfo>`;
  // 4. sign C14N(SignedInfo) in place
  const withSi = parse(serializeXades(sig));
  const siNode = ownElements(findById(withSi, id), NS.ds, "SignedInfo")[0]!;
  let value = signer.sign(utf8(c14n(siNode as unknown as Node)), hash);
  if (signer.keyAlgorithm === "ecdsa-p256") value = ecdsaDerToRaw(value, 32);
  if (o.fault?.signatureValue) value = flip(value);
  sig.signatureValueB64 = b64(value);
  return sig;
}

/** XML-DSig wants ECDSA signatures as r||s (RFC 4050/6931), signRaw gives DER. */
function ecdsaDerToRaw(der: Der, size: number): Der {
  const top = readNode(der);
  const [r, s] = children(top);
  const fix = (b: Der) => {
    let x = b;
    while (x.length > size && x[0] === 0) x = x.subarray(1);
    const out = new Uint8Array(size);
    out.set(x, size - x.length);
    return out;
  };
  return concat([fix(content(r!)), fix(content(s!))]);
}

// ---- unsigned properties ----

function parsed(s: XadesSignature): Document {
  return parse(serializeXades(s));
}
function sigElement(doc: Document, s: XadesSignature): Element {
  return findById(doc, s.id);
}

/** Imprint for SignatureTimeStamp: hash of C14N(ds:SignatureValue). */
export function signatureTimestampImprint(s: XadesSignature, hash: HashName = "SHA-256"): Der {
  const doc = parsed(s);
  return digest(hash, utf8(c14n(findById(doc, `${s.id}-SigValue`) as unknown as Node)));
}
function timestampXml(tag: string, ns: "xades" | "xades141", id: string, token: Der): string {
  return `<${ns}:${tag} Id="${id}"><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/><xades:EncapsulatedTimeStamp>${b64(token)}</xades:EncapsulatedTimeStamp></${ns}:${tag}>`;
}
export function addSignatureTimestamp(s: XadesSignature, token: Der): void {
  s.unsigned.push(timestampXml("SignatureTimeStamp", "xades", `${s.id}-SigTS`, token));
}

export interface XadesRevocationRefs {
  crls: Der[];
  ocspResponses: Der[];
}
/** CompleteCertificateRefs (CA certificates, not the signer's) and CompleteRevocationRefs. */
export function addCompleteReferences(
  s: XadesSignature,
  caCerts: Der[],
  rev: XadesRevocationRefs,
  hash: HashName = "SHA-256",
): void {
  const certs = caCerts
    .map(
      (c) =>
        `<xades:Cert><xades:CertDigest>${digestXml(hash, digest(hash, c))}</xades:CertDigest>${issuerSerialXml(c)}</xades:Cert>`,
    )
    .join("");
  s.unsigned.push(
    `<xades:CompleteCertificateRefs Id="${s.id}-CertRefs"><xades:CertRefs>${certs}</xades:CertRefs></xades:CompleteCertificateRefs>`,
  );
  let refs = "";
  if (rev.crls.length)
    refs += `<xades:CRLRefs>${rev.crls.map((c) => `<xades:CRLRef><xades:DigestAlgAndValue>${digestXml(hash, digest(hash, c))}</xades:DigestAlgAndValue></xades:CRLRef>`).join("")}</xades:CRLRefs>`;
  if (rev.ocspResponses.length)
    refs += `<xades:OCSPRefs>${rev.ocspResponses
      .map((o) => {
        const { responderId, producedAt } = ocspIdentifierParts(o);
        const inner = content(readNode(responderId));
        const rid =
          responderId[0] === 0xa1
            ? `<xades:ByName>${esc(dnString(inner))}</xades:ByName>`
            : `<xades:ByKey>${b64(content(readNode(inner)))}</xades:ByKey>`;
        return `<xades:OCSPRef><xades:OCSPIdentifier><xades:ResponderID>${rid}</xades:ResponderID><xades:ProducedAt>${genTimeToIso(producedAt)}</xades:ProducedAt></xades:OCSPIdentifier><xades:DigestAlgAndValue>${digestXml(hash, digest(hash, o))}</xades:DigestAlgAndValue></xades:OCSPRef>`;
      })
      .join("")}</xades:OCSPRefs>`;
  s.unsigned.push(`<xades:CompleteRevocationRefs Id="${s.id}-RevRefs">${refs}</xades:CompleteRevocationRefs>`);
}
function genTimeToIso(gt: Der): string {
  const t = new TextDecoder().decode(content(readNode(gt)));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(t);
  if (!m) throw new Error(`bad GeneralizedTime ${t}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** Elements of this signature only: a nested CounterSignature's own ds:SignatureValue etc. must not count. */
function ownElements(sigEl: Element, ns: string, local: string): Element[] {
  return findNs(sigEl, ns, local).filter((e) => {
    for (let p = e.parentNode; p; p = p.parentNode) {
      if (p === (sigEl as unknown as Node)) return true;
      if ((p as Element).localName === "Signature" && (p as Element).namespaceURI === NS.ds) return false;
    }
    return false;
  });
}
function c14nOfLocal(_doc: Document, sigEl: Element, ns: string, local: string): string[] {
  return ownElements(sigEl, ns, local).map((e) => c14n(e as unknown as Node));
}
/** SigAndRefsTimeStamp imprint: C14N of SignatureValue, SignatureTimeStamp(s), CompleteCertificateRefs, CompleteRevocationRefs. */
export function sigAndRefsTimestampImprint(s: XadesSignature, hash: HashName = "SHA-256"): Der {
  const doc = parsed(s);
  const el = sigElement(doc, s);
  const parts = [
    ...c14nOfLocal(doc, el, NS.ds, "SignatureValue"),
    ...c14nOfLocal(doc, el, NS.xades, "SignatureTimeStamp"),
    ...c14nOfLocal(doc, el, NS.xades, "CompleteCertificateRefs"),
    ...c14nOfLocal(doc, el, NS.xades, "CompleteRevocationRefs"),
  ];
  return digest(hash, utf8(parts.join("")));
}
export function addSigAndRefsTimestamp(s: XadesSignature, token: Der): void {
  s.unsigned.push(timestampXml("SigAndRefsTimeStamp", "xades", `${s.id}-SigAndRefsTS`, token));
}

export function addValues(s: XadesSignature, certs: Der[], crls: Der[], ocspResponses: Der[]): void {
  s.unsigned.push(
    `<xades:CertificateValues Id="${s.id}-CertValues">${certs.map((c) => `<xades:EncapsulatedX509Certificate>${b64(c)}</xades:EncapsulatedX509Certificate>`).join("")}</xades:CertificateValues>`,
  );
  let v = "";
  if (crls.length)
    v += `<xades:CRLValues>${crls.map((c) => `<xades:EncapsulatedCRLValue>${b64(c)}</xades:EncapsulatedCRLValue>`).join("")}</xades:CRLValues>`;
  if (ocspResponses.length)
    v += `<xades:OCSPValues>${ocspResponses.map((c) => `<xades:EncapsulatedOCSPValue>${b64(c)}</xades:EncapsulatedOCSPValue>`).join("")}</xades:OCSPValues>`;
  s.unsigned.push(`<xades:RevocationValues Id="${s.id}-RevValues">${v}</xades:RevocationValues>`);
}

/** ArchiveTimeStamp imprint (see the header comment). */
export function archiveTimestampImprint(s: XadesSignature, hash: HashName = "SHA-256"): Der {
  const doc = parsed(s);
  const el = sigElement(doc, s);
  const parts: Der[] = [];
  // referenced data, after transforms
  const o = s.options;
  if (o.packaging === "enveloped") {
    const copy = parsed(s);
    const sigCopy = sigElement(copy, s);
    sigCopy.parentNode!.removeChild(sigCopy);
    parts.push(utf8(c14n(copy as unknown as Node)));
  } else parts.push(o.content);
  parts.push(utf8(c14n(findById(doc, `${s.id}-SignedProperties`) as unknown as Node)));
  for (const local of ["SignedInfo", "SignatureValue", "KeyInfo"])
    parts.push(...c14nOfLocal(doc, el, NS.ds, local).map(utf8));
  const usp = ownElements(el, NS.xades, "UnsignedSignatureProperties")[0];
  if (usp) for (let c = usp.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) parts.push(utf8(c14n(c)));
  return digest(hash, concat(parts));
}
export function addArchiveTimestamp(s: XadesSignature, token: Der): void {
  s.unsigned.push(timestampXml("ArchiveTimeStamp", "xades141", `${s.id}-ArchiveTS`, token));
}

/** A serial signature (XAdES CounterSignature): `signer` signs the parent's ds:SignatureValue; the counter
 *  ds:Signature (with its own SignedProperties) goes into the parent's UnsignedSignatureProperties. */
export function addCounterSignature(
  parent: XadesSignature,
  signer: Signer,
  o: Omit<XadesOptions, "packaging" | "content" | "counterTarget">,
): XadesSignature {
  const targetId = `${parent.id}-SigValue`;
  const value = c14n(findById(parsed(parent), targetId) as unknown as Node);
  const cs = createXades(signer, {
    ...o,
    packaging: "counter",
    content: new Uint8Array(0),
    counterTarget: { id: targetId, c14n: utf8(value) },
  });
  const text = serializeXades(cs).replace(/^<\?xml[^>]*>\n/, "");
  parent.unsigned.push(`<xades:CounterSignature>${text}</xades:CounterSignature>`);
  return cs;
}

/** Remove the first unsigned property whose element name (local) matches (vectors: "value missing"). */
export function removeUnsigned(s: XadesSignature, local: string): void {
  const i = s.unsigned.findIndex((u) => new RegExp(`^<xades(141)?:${local}[ >]`).test(u));
  if (i >= 0) s.unsigned.splice(i, 1);
}

/** Issuer/serial of a certificate as XAdES writes them (tests read them back). */
export function xadesIssuerSerial(certDer: Der): { issuer: string; serial: string } {
  const c = new X509Certificate(toArrayBuffer(certDer));
  return { issuer: c.issuer, serial: BigInt("0x" + c.serialNumber).toString(10) };
}
