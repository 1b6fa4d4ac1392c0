// CAdES (ETSI TS 101 733 / EN 319 122) creation on CMS SignedData, built field by field so vectors can
// carry exactly the fault they are meant to. A signature is kept as a small model (CadesDocument) that the
// level functions extend with unsigned attributes; `encodeCades` turns it into DER.
//
// Archive time-stamp: we write ATSv2 (id-aa-ets-archiveTimestampV2, TS 101 733 v1.8 §6.4.1). Its message
// imprint is the hash of the concatenation of: the DER of encapContentInfo; the external content when the
// signature is detached; the DER of SignedData.certificates ([0]) and .crls ([1]) when present; and every
// field of the SignerInfo in order (version, sid, digestAlgorithm, signedAttrs [0], signatureAlgorithm,
// signature, unsignedAttrs [1] as it stood before this time-stamp was added).
// ES-X type 1 (escTimeStamp, §6.3.5): imprint over the signature value octets followed by, for each of
// signature-time-stamp, complete-certificate-references and complete-revocation-references, the DER of
// attrType and of attrValues (not the enclosing SEQUENCE, as DSS reads note 2 of that clause).
import {
  type Der,
  children,
  concat,
  content,
  explicit,
  implicitConstructed,
  int,
  nul,
  octets,
  oid,
  readNode,
  readOid,
  seq,
  set,
  tlv,
  utf8,
  ia5,
  whole,
  x509Time,
} from "../asn1/der.ts";
import {
  type CertFields,
  type PolicyRef,
  type Signer,
  certFields,
  digestAlgId,
  issuerSerial,
  signatureAlgId,
  signingCertificateV1,
  signingCertificateV2,
} from "./common.ts";
import { CMS_OID as OID, type HashName, digest } from "../asn1/oids.ts";

export { OID };

export const attribute = (type: string, ...values: Der[]): Der => seq(oid(type), set(...values));

/** id-at-title (X.520): the claimed attribute a signer's role is written as. */
export const ID_AT_TITLE = "2.5.4.12";
/** signer-attributes (RFC 5126 §5.11.3, explicit syntax): the roles the signer claims, each an id-at-title with a
 *  UTF8String, in one [0] claimedAttributes; a signed attribute for `extraSignedAttrs`. */
export function signerAttributes(roles: string[]): Der {
  return attribute(OID.signerAttr, seq(explicit(0, seq(...roles.map((r) => attribute(ID_AT_TITLE, utf8(r)))))));
}

export interface CadesSignerInfo {
  cert: CertFields;
  digestAlg: HashName;
  signedAttrs: Der[];
  sigAlg: Der;
  signature: Der;
  unsignedAttrs: Der[];
}

export interface CadesDocument {
  eContentType: string;
  content: Der;
  detached: boolean;
  certificates: Der[];
  /** RevocationInfoChoice encodings: a CRL, or [1] OtherRevocationInfoFormat (OCSP). */
  crls: Der[];
  signerInfos: CadesSignerInfo[];
}

export interface SignedAttrOptions {
  hash?: HashName;
  /** Omit to leave signingTime out (PAdES, scenario P4_8). */
  signingTime?: Date;
  policy?: PolicyRef;
  contentHints?: { description?: string; contentType: string };
  /** Which ESS attribute: v2 (default), v1 (SHA-1 ESSCertID), or none. */
  essCert?: "v2" | "v1" | "none";
  essCertHash?: HashName;
  /** Faults that a signature made in good faith never has; vectors use them. */
  fault?: {
    messageDigest?: boolean;
    essCertHash?: boolean;
    signatureValue?: boolean;
  };
  extraSignedAttrs?: Der[];
}

function flipLast(b: Der): Der {
  const c = Uint8Array.from(b);
  c[c.length - 1] ^= 0x01;
  return c;
}
function flipMiddle(b: Der): Der {
  const c = Uint8Array.from(b);
  c[c.length >> 1] ^= 0x5a;
  return c;
}

export function policyAttributeValue(p: PolicyRef): Der {
  if (p.oid === "implied") return nul(); // signaturePolicyImplied
  const qualifiers: Der[] = [];
  if (p.uri) qualifiers.push(seq(oid(OID.spuri), ia5(p.uri)));
  if (p.userNotice) qualifiers.push(seq(oid(OID.spUserNotice), seq(utf8(p.userNotice))));
  return seq(
    oid(p.oid),
    seq(digestAlgId(p.hash), octets(p.hashValue)),
    ...(qualifiers.length ? [seq(...qualifiers)] : []),
  );
}

/** Build, sign and return one SignerInfo over `digestInput` (the content, or a parent's signature value). */
export function makeSignerInfo(
  signer: Signer,
  digestInput: Der,
  opts: SignedAttrOptions & { contentType?: string | null },
): CadesSignerInfo {
  const hash = opts.hash ?? "SHA-256";
  const cert = certFields(signer.certDer);
  const attrs: Der[] = [];
  if (opts.contentType !== null) attrs.push(attribute(OID.contentType, oid(opts.contentType ?? OID.data)));
  let md = digest(hash, digestInput);
  if (opts.fault?.messageDigest) md = flipMiddle(md);
  attrs.push(attribute(OID.messageDigest, octets(md)));
  if (opts.signingTime) attrs.push(attribute(OID.signingTime, x509Time(opts.signingTime)));
  const ess = opts.essCert ?? "v2";
  if (ess !== "none") {
    const essHash = ess === "v1" ? "SHA-1" : (opts.essCertHash ?? "SHA-256");
    let h = digest(essHash, cert.der);
    if (opts.fault?.essCertHash) h = flipMiddle(h);
    attrs.push(
      ess === "v1"
        ? attribute(OID.signingCertificate, signingCertificateV1(cert, h))
        : attribute(OID.signingCertificateV2, signingCertificateV2(cert, essHash, h)),
    );
  }
  if (opts.policy) attrs.push(attribute(OID.sigPolicyId, policyAttributeValue(opts.policy)));
  if (opts.contentHints) {
    const ch = opts.contentHints;
    attrs.push(
      attribute(OID.contentHints, seq(...(ch.description ? [utf8(ch.description)] : []), oid(ch.contentType))),
    );
  }
  attrs.push(...(opts.extraSignedAttrs ?? []));
  const toSign = set(...attrs);
  let signature = signer.sign(toSign, hash);
  if (opts.fault?.signatureValue) signature = flipMiddle(signature);
  return {
    cert,
    digestAlg: hash,
    signedAttrs: attrs,
    sigAlg: signatureAlgId(signer.keyAlgorithm, hash),
    signature,
    unsignedAttrs: [],
  };
}

export interface CadesOptions extends SignedAttrOptions {
  content: Der;
  detached?: boolean;
  /** Certificates to carry in SignedData.certificates (signer's first is customary). */
  certificates: Der[];
  crls?: Der[];
}

/** CAdES-BES (or -EPES when a policy is given): one SignerInfo over the content. */
export function createCades(signer: Signer, opts: CadesOptions): CadesDocument {
  const si = makeSignerInfo(signer, opts.content, opts);
  return {
    eContentType: OID.data,
    content: opts.content,
    detached: opts.detached ?? false,
    certificates: [...opts.certificates],
    crls: [...(opts.crls ?? [])],
    signerInfos: [si],
  };
}

/** A parallel signature: another SignerInfo over the same content. */
export function addParallelSigner(
  doc: CadesDocument,
  signer: Signer,
  opts: SignedAttrOptions,
  certs: Der[] = [],
): CadesSignerInfo {
  const si = makeSignerInfo(signer, doc.content, opts);
  doc.signerInfos.push(si);
  addCertificates(doc, certs);
  return si;
}

/** A serial signature (RFC 5652 §11.4 countersignature): signs the parent's signature value; no contentType. */
export function addCounterSignature(
  doc: CadesDocument,
  parent: CadesSignerInfo,
  signer: Signer,
  opts: SignedAttrOptions,
  certs: Der[] = [],
): CadesSignerInfo {
  const si = makeSignerInfo(signer, parent.signature, { ...opts, contentType: null });
  parent.unsignedAttrs.push(attribute(OID.counterSignature, encodeSignerInfo(si)));
  addCertificates(doc, certs);
  return si;
}

export function addCertificates(doc: CadesDocument, certs: Der[]): void {
  for (const c of certs) if (!doc.certificates.some((x) => Buffer.compare(x, c) === 0)) doc.certificates.push(c);
}
/** An OCSP response as a RevocationInfoChoice (RFC 5940: [1] OtherRevocationInfoFormat id-ri-ocsp-response). */
export const ocspRevocationInfoChoice = (ocspResponse: Der): Der =>
  tlv(0xa1, concat([oid(OID.ocspResponseRevInfo), ocspResponse]));

export function encodeSignerInfo(si: CadesSignerInfo): Der {
  return seq(...signerInfoFields(si));
}
/** signedAttrs as [0] IMPLICIT SET OF: the DER SET that was signed, re-tagged. */
function signedAttrsField(si: CadesSignerInfo): Der {
  const s = set(...si.signedAttrs);
  return implicitConstructed(0, s);
}
function signerInfoFields(si: CadesSignerInfo, unsigned = si.unsignedAttrs): Der[] {
  const fields = [
    int(1),
    seq(si.cert.issuerDer, tlv(0x02, si.cert.serialContent)),
    digestAlgId(si.digestAlg),
    signedAttrsField(si),
    si.sigAlg,
    octets(si.signature),
  ];
  if (unsigned.length) fields.push(tlv(0xa1, concat(unsigned)));
  return fields;
}

function encapContentInfo(doc: CadesDocument): Der {
  return doc.detached ? seq(oid(doc.eContentType)) : seq(oid(doc.eContentType), explicit(0, octets(doc.content)));
}
const certificatesField = (doc: CadesDocument) =>
  doc.certificates.length ? tlv(0xa0, concat(doc.certificates)) : undefined;
const crlsField = (doc: CadesDocument) => (doc.crls.length ? tlv(0xa1, concat(doc.crls)) : undefined);

export function encodeCades(doc: CadesDocument): Der {
  const hashes = [...new Set(doc.signerInfos.map((s) => s.digestAlg))];
  const hasOther = doc.crls.some((c) => c[0] === 0xa1);
  const version = hasOther ? 5 : doc.eContentType !== OID.data ? 3 : 1;
  const parts: Der[] = [int(version), set(...hashes.map(digestAlgId)), encapContentInfo(doc)];
  const c = certificatesField(doc);
  if (c) parts.push(c);
  const r = crlsField(doc);
  if (r) parts.push(r);
  parts.push(set(...doc.signerInfos.map(encodeSignerInfo)));
  return seq(oid(OID.signedData), explicit(0, seq(...parts)));
}

// ---- levels ----

/** Imprint a signature time-stamp must carry: hash of the signature value octets (TS 101 733 §6.1.1). */
export const signatureTimestampImprint = (si: CadesSignerInfo, hash: HashName): Der => digest(hash, si.signature);

export function addSignatureTimestamp(si: CadesSignerInfo, token: Der): void {
  si.unsignedAttrs.push(attribute(OID.signatureTimeStampToken, token));
}

/** OtherCertID with OtherHashAlgAndValue (SHA-256) and IssuerSerial. */
function otherCertId(certDer: Der, hash: HashName): Der {
  const h = digest(hash, certDer);
  return seq(hash === "SHA-1" ? octets(h) : seq(digestAlgId(hash), octets(h)), issuerSerial(certFields(certDer)));
}
const otherHash = (data: Der, hash: HashName) =>
  hash === "SHA-1" ? octets(digest(hash, data)) : seq(digestAlgId(hash), octets(digest(hash, data)));

/** ResponderID and producedAt of a DER OCSPResponse, as OcspIdentifier needs them. */
export function ocspIdentifierParts(ocspResponse: Der): { responderId: Der; producedAt: Der; basic: Der } {
  const basic = basicOcspResponse(ocspResponse);
  const tbs = children(children(readNode(basic))[0]!);
  let i = 0;
  if (tbs[0]!.tag === 0xa0) i++;
  return { responderId: whole(tbs[i]!), producedAt: whole(tbs[i + 1]!), basic };
}
/** BasicOCSPResponse DER out of an OCSPResponse (revocation-values carries the basic response). */
export function basicOcspResponse(ocspResponse: Der): Der {
  const top = children(readNode(ocspResponse));
  const rb = top[1];
  if (!rb) throw new Error("OCSP response has no responseBytes");
  const rbSeq = children(children(rb)[0]!);
  const type = readOid(rbSeq[0]);
  if (type !== OID.basicOcsp) throw new Error(`OCSP response type ${type} is not basic`);
  return content(rbSeq[1]!);
}
/** CrlIdentifier: issuer and thisUpdate of a CRL. */
function crlIdentifier(crl: Der): Der {
  const tbs = children(children(readNode(crl))[0]!);
  let i = 0;
  if (tbs[0]!.tag === 0x02) i++; // version
  return seq(whole(tbs[i + 1]!), whole(tbs[i + 2]!));
}

export interface RevocationRefsForCert {
  crls: Der[];
  ocspResponses: Der[];
}

/** complete-certificate-references (CA certificates of the path, not the signer's) and complete-revocation-references (one CrlOcspRef per path certificate, signer first). */
export function addCompleteReferences(
  si: CadesSignerInfo,
  caCerts: Der[],
  revocation: RevocationRefsForCert[],
  hash: HashName = "SHA-256",
): void {
  si.unsignedAttrs.push(attribute(OID.completeCertificateRefs, seq(...caCerts.map((c) => otherCertId(c, hash)))));
  si.unsignedAttrs.push(attribute(OID.completeRevocationRefs, completeRevocationRefsValue(revocation, hash)));
}
export function completeRevocationRefsValue(revocation: RevocationRefsForCert[], hash: HashName): Der {
  return seq(
    ...revocation.map((r) => {
      const parts: Der[] = [];
      if (r.crls.length)
        parts.push(explicit(0, seq(seq(...r.crls.map((crl) => seq(otherHash(crl, hash), crlIdentifier(crl)))))));
      if (r.ocspResponses.length)
        parts.push(
          explicit(
            1,
            seq(
              seq(
                ...r.ocspResponses.map((o) => {
                  // ocspRepHash over the BasicOCSPResponse: the same bytes revocation-values carries (as DSS does)
                  const { responderId, producedAt, basic } = ocspIdentifierParts(o);
                  return seq(seq(responderId, producedAt), otherHash(basic, hash));
                }),
              ),
            ),
          ),
        );
      return seq(...parts);
    }),
  );
}

function findAttr(si: CadesSignerInfo, type: string): Der | undefined {
  return si.unsignedAttrs.find((a) => readOid(children(readNode(a))[0]) === type);
}
/** attrType DER followed by attrValues DER of an encoded Attribute. */
function typeAndValues(attr: Der): Der {
  return content(readNode(attr));
}

/** ES-X type 1 imprint (see the header comment). */
export function escTimestampImprint(si: CadesSignerInfo, hash: HashName): Der {
  const parts = [si.signature];
  for (const t of [OID.signatureTimeStampToken, OID.completeCertificateRefs, OID.completeRevocationRefs]) {
    const a = findAttr(si, t);
    if (a) parts.push(typeAndValues(a));
  }
  return digest(hash, concat(parts));
}
export function addEscTimestamp(si: CadesSignerInfo, token: Der): void {
  si.unsignedAttrs.push(attribute(OID.escTimeStamp, token));
}

/** certificate-values and revocation-values (X-L): CRLs as CertificateList, OCSP as BasicOCSPResponse. */
export function addValues(si: CadesSignerInfo, certs: Der[], crls: Der[], ocspResponses: Der[]): void {
  si.unsignedAttrs.push(attribute(OID.certValues, seq(...certs)));
  const parts: Der[] = [];
  if (crls.length) parts.push(explicit(0, seq(...crls)));
  if (ocspResponses.length) parts.push(explicit(1, seq(...ocspResponses.map(basicOcspResponse))));
  si.unsignedAttrs.push(attribute(OID.revocationValues, seq(...parts)));
}

/** ATSv2 imprint for signerInfos[index] (see the header comment). */
export function archiveTimestampV2Imprint(doc: CadesDocument, index: number, hash: HashName): Der {
  const si = doc.signerInfos[index]!;
  const parts: Der[] = [encapContentInfo(doc)];
  if (doc.detached) parts.push(doc.content);
  const c = certificatesField(doc);
  if (c) parts.push(c);
  const r = crlsField(doc);
  if (r) parts.push(r);
  parts.push(...signerInfoFields(si));
  return digest(hash, concat(parts));
}
export function addArchiveTimestampV2(si: CadesSignerInfo, token: Der): void {
  si.unsignedAttrs.push(attribute(OID.archiveTimestampV2, token));
}

/** Drop the first unsigned attribute of a type (vectors: "value missing"). */
export function removeUnsignedAttr(si: CadesSignerInfo, type: string): void {
  const i = si.unsignedAttrs.findIndex((a) => readOid(children(readNode(a))[0]) === type);
  if (i >= 0) si.unsignedAttrs.splice(i, 1);
}

/** Spoil bytes deterministically (vectors' "wrong reference" faults). */
export { flipLast, flipMiddle };
