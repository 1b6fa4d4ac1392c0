// XAdES (TS 101 903 / EN 319 132) reader with a hardened XML front end: no DTD at all (DOCTYPE is refused
// before parsing, so no external entities and no entity expansion), size and depth caps, unique Ids, and the
// structural checks that defeat signature wrapping (XSW): every Reference must resolve to exactly one
// element, the SignedProperties reference must point at the one SignedProperties inside this signature's
// own QualifyingProperties, and a second QualifyingProperties / SignedProperties is a format failure.
import "reflect-metadata";
import { constants, verify as nodeVerify } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { XmlCanonicalizer } from "xmldsigjs";
import { digest, DIGEST_OIDS, HASH_OID, NODE_HASH, type HashName } from "./algs.ts";
import { parseCrl } from "./crl.ts";
import { concat, parseDer } from "../asn1/der.ts";
import { emptyModel, TR_POLICIES, type Level, type SigModel, type TimestampUse } from "./model.ts";
import { parseOcsp } from "./ocsp.ts";
import { imprintMatches, parseTimestamp } from "./signer.ts";
import type { ValidationCheck } from "./verdict.ts";
import { certKey, parseCert, type Cert } from "./x509.ts";
import { InputError, inputProblem, nestedProblem, UnsupportedInput } from "./input-error.ts";

export const XML_MAX_BYTES = 16 * 1024 * 1024;
export const XML_MAX_DEPTH = 256;

const NS = {
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xades: "http://uri.etsi.org/01903/v1.3.2#",
  xades141: "http://uri.etsi.org/01903/v1.4.1#",
};
const SIGNED_PROPS_TYPE = "http://uri.etsi.org/01903#SignedProperties";
const T_ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const T_BASE64 = "http://www.w3.org/2000/09/xmldsig#base64";
const C14N = {
  "http://www.w3.org/2001/10/xml-exc-c14n#": [false, true],
  "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": [true, true],
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": [false, false],
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": [true, false],
} as Record<string, [boolean, boolean]>;
const DIGEST_URI: Record<string, HashName> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
  "http://www.w3.org/2001/04/xmldsig-more#sha224": "SHA-224",
  "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "SHA-384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "SHA-512",
  "http://www.w3.org/2001/04/xmldsig-more#md5": "MD5",
};
const SIG_URI: Record<string, { kind: "rsa" | "ecdsa"; hash: HashName }> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": { kind: "rsa", hash: "SHA-1" },
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": { kind: "rsa", hash: "SHA-256" },
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": { kind: "rsa", hash: "SHA-384" },
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": { kind: "rsa", hash: "SHA-512" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1": { kind: "ecdsa", hash: "SHA-1" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": { kind: "ecdsa", hash: "SHA-256" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": { kind: "ecdsa", hash: "SHA-384" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": { kind: "ecdsa", hash: "SHA-512" },
};

class XmlFormatError extends InputError {}

/** Parse XML with the hardening rules; throws XmlFormatError naming the problem. */
export function parseXmlHardened(bytes: Uint8Array): Document {
  if (bytes.length > XML_MAX_BYTES)
    throw new XmlFormatError(`XML input of ${bytes.length} bytes exceeds the ${XML_MAX_BYTES}-byte limit`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XmlFormatError("XML input is not valid UTF-8");
  }
  // No DTDs at all: this refuses XXE, external DTDs and entity-expansion bombs before any parser sees them.
  if (/<!DOCTYPE/i.test(text))
    throw new XmlFormatError(
      "XML with a DOCTYPE (DTD) is refused: external entities and entity expansion are not allowed",
    );
  if (/<!ENTITY/i.test(text)) throw new XmlFormatError("XML entity declarations are refused");
  // Depth cap, counted on the raw tags so a 10,000-deep document never reaches a recursive walker.
  let depth = 0;
  const tagRe = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m; (m = tagRe.exec(text));) {
    if (m[1]) depth--;
    else if (!m[3]) {
      depth++;
      if (depth > XML_MAX_DEPTH) throw new XmlFormatError(`XML nesting deeper than ${XML_MAX_DEPTH} elements`);
    }
  }
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, msg: unknown) => {
      if (level !== "warning") errors.push(String(msg));
    },
  }).parseFromString(text, "text/xml") as unknown as Document;
  if (errors.length) throw new XmlFormatError(`XML is not well-formed: ${errors[0].split("\n")[0]}`);
  if (!doc || !doc.documentElement) throw new XmlFormatError("XML has no root element");
  return doc;
}

function c14n(node: Node, alg: string): Uint8Array {
  const mode = C14N[alg];
  if (!mode)
    throw new UnsupportedInput({
      en: `XML canonicalization ${alg} is not supported`,
      tr: `XML kurallılaştırma yöntemi ${alg} desteklenmiyor`,
    });
  return new TextEncoder().encode(new XmlCanonicalizer(mode[0], mode[1]).Canonicalize(node as never));
}

function kids(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).namespaceURI === ns && (c as Element).localName === local)
      out.push(c as Element);
  return out;
}
function kid(el: Element | undefined, ns: string, local: string): Element | undefined {
  return el ? kids(el, ns, local)[0] : undefined;
}
function desc(el: Element | Document, ns: string, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
}
function text(el: Element | undefined): string {
  return (el?.textContent ?? "").trim();
}
function b64(el: Element | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(text(el).replace(/\s+/g, ""), "base64"));
}

function allById(doc: Document): Map<string, Element[]> {
  const m = new Map<string, Element[]>();
  const all = doc.getElementsByTagName("*");
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as Element;
    for (const a of ["Id", "ID", "id"]) {
      const v = e.getAttribute(a);
      if (v) m.set(v, [...(m.get(v) ?? []), e]);
    }
  }
  return m;
}

function isAncestor(a: Node, b: Node): boolean {
  for (let p: Node | null = b.parentNode; p; p = p.parentNode) if (p === a) return true;
  return false;
}

function digestRef(hashUri: string, data: Uint8Array): string | undefined {
  const h = DIGEST_URI[hashUri];
  return h ? Buffer.from(digest(h, data)).toString("base64") : undefined;
}

function otherHashOf(el: Element | undefined): { hashOid: string; hashHex: string } | undefined {
  const dm = kid(el, NS.ds, "DigestMethod")?.getAttribute("Algorithm") ?? "";
  const h = DIGEST_URI[dm];
  if (!h) return undefined;
  return { hashOid: HASH_OID[h], hashHex: Buffer.from(b64(kid(el, NS.ds, "DigestValue"))).toString("hex") };
}

export interface XadesInput {
  bytes: Uint8Array;
  detachedContent?: Uint8Array;
  extraCerts?: Cert[];
}

export function readXades(input: XadesInput): {
  models: SigModel[];
  problems: string[];
  content?: Uint8Array;
  fileChecks: ValidationCheck[];
} {
  let doc: Document;
  try {
    doc = parseXmlHardened(input.bytes);
  } catch (e) {
    return { models: [], problems: [(e as Error).message], fileChecks: [] };
  }
  const ids = allById(doc);
  for (const [id, els] of ids)
    if (els.length > 1)
      return {
        models: [],
        problems: [`the Id "${id}" is used by ${els.length} elements (signature wrapping is refused)`],
        fileChecks: [],
      };
  const sigs = desc(doc, NS.ds, "Signature").filter(
    (s) => !desc(doc, NS.ds, "Signature").some((o) => o !== s && isAncestor(o, s)),
  );
  if (!sigs.length) return { models: [], problems: ["no ds:Signature element"], fileChecks: [] };
  const models: SigModel[] = [];
  let content: Uint8Array | undefined;
  for (const [i, sig] of sigs.entries()) {
    const m = emptyModel(`S${i + 1}`, "XAdES");
    try {
      content = readOne(doc, sig, ids, m, input) ?? content;
    } catch (e) {
      m.formatProblems.push(inputProblem(e));
    }
    models.push(m);
  }
  return { models, problems: [], content, fileChecks: [] };
}

function readOne(
  doc: Document,
  sig: Element,
  ids: Map<string, Element[]>,
  m: SigModel,
  input: XadesInput,
): Uint8Array | undefined {
  const si = kid(sig, NS.ds, "SignedInfo");
  const sv = kid(sig, NS.ds, "SignatureValue");
  if (!si || !sv) throw new XmlFormatError("ds:Signature lacks SignedInfo or SignatureValue");
  // QualifyingProperties: exactly one, in this signature's own ds:Object, targeting this signature.
  const qps = desc(sig, NS.xades, "QualifyingProperties").filter(
    (q) => !desc(sig, NS.ds, "Signature").some((inner) => inner !== sig && isAncestor(inner, q)),
  );
  const allQps = desc(doc, NS.xades, "QualifyingProperties");
  if (qps.length !== 1)
    throw new XmlFormatError(`a XAdES signature needs exactly one QualifyingProperties, found ${qps.length}`);
  const qp = qps[0];
  if (qp.parentNode?.parentNode !== sig || (qp.parentNode as Element).localName !== "Object")
    throw new XmlFormatError("QualifyingProperties is not in a ds:Object of its signature");
  const sigId = sig.getAttribute("Id");
  const target = qp.getAttribute("Target");
  if (sigId && target !== `#${sigId}`)
    throw new XmlFormatError(`QualifyingProperties targets ${target}, not this signature (#${sigId})`);
  if (allQps.filter((q) => q.getAttribute("Target") === target).length > 1)
    throw new XmlFormatError("a second QualifyingProperties claims the same signature (spoofing)");
  const inNested = (e: Element) => desc(qp, NS.ds, "Signature").some((inner) => isAncestor(inner, e));
  const sps = desc(qp, NS.xades, "SignedProperties").filter((e) => !inNested(e));
  if (sps.length !== 1)
    throw new XmlFormatError(`QualifyingProperties must hold exactly one SignedProperties, found ${sps.length}`);
  const sp = sps[0];

  // Certificates: KeyInfo, CertificateValues, time-stamp tokens.
  const pool: Cert[] = [];
  for (const x of desc(kid(sig, NS.ds, "KeyInfo") ?? sig, NS.ds, "X509Certificate")) pool.push(parseCert(b64(x)));
  pool.push(...(input.extraCerts ?? []));

  // References.
  const c14nAlg = kid(si, NS.ds, "CanonicalizationMethod")?.getAttribute("Algorithm") ?? "";
  const sigAlgUri = kid(si, NS.ds, "SignatureMethod")?.getAttribute("Algorithm") ?? "";
  const refs = kids(si, NS.ds, "Reference");
  if (!refs.length) throw new XmlFormatError("SignedInfo has no Reference");
  let spRefs = 0;
  let digestOk = true;
  let digestHash: HashName | undefined;
  let signedContent: Uint8Array | undefined;
  const problems: string[] = [];
  for (const ref of refs) {
    const uri = ref.getAttribute("URI");
    const type = ref.getAttribute("Type");
    const transforms = desc(kid(ref, NS.ds, "Transforms") ?? ref, NS.ds, "Transform").map(
      (t) => t.getAttribute("Algorithm") ?? "",
    );
    const dm = kid(ref, NS.ds, "DigestMethod")?.getAttribute("Algorithm") ?? "";
    const dv = text(kid(ref, NS.ds, "DigestValue")).replace(/\s+/g, "");
    if (!DIGEST_URI[dm])
      throw new UnsupportedInput({
        en: `DigestMethod ${dm} is not supported`,
        tr: `DigestMethod ${dm} desteklenmiyor`,
      });
    let data: Uint8Array;
    if (uri === null) throw new XmlFormatError("a Reference without URI is not supported");
    if (uri === "") {
      if (!transforms.includes(T_ENVELOPED))
        throw new XmlFormatError('Reference URI="" without the enveloped-signature transform');
      const copy = new DOMParser().parseFromString(
        new TextDecoder().decode(input.bytes),
        "text/xml",
      ) as unknown as Document;
      const sigsCopy = desc(copy, NS.ds, "Signature").filter((s) => s.getAttribute("Id") === sigId);
      if (sigId && sigsCopy.length !== 1)
        throw new XmlFormatError("cannot locate the signature for the enveloped transform");
      const toRemove = sigId ? sigsCopy[0] : desc(copy, NS.ds, "Signature")[0];
      toRemove.parentNode!.removeChild(toRemove);
      const c = transforms.find((t) => C14N[t]) ?? "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
      data = c14n(copy, c);
      signedContent = input.bytes;
    } else if (uri.startsWith("#")) {
      const els = ids.get(uri.slice(1)) ?? [];
      if (els.length !== 1) throw new XmlFormatError(`Reference ${uri} resolves to ${els.length} elements`);
      const el = els[0];
      if (type === SIGNED_PROPS_TYPE) {
        spRefs++;
        if (el !== sp)
          throw new XmlFormatError(
            "the SignedProperties reference does not point at this signature's own SignedProperties (wrapping)",
          );
      }
      if (transforms.includes(T_BASE64)) {
        data = b64(el);
        signedContent = data;
      } else {
        const c = transforms.find((t) => C14N[t]) ?? "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
        data = c14n(el, c);
        if (type !== SIGNED_PROPS_TYPE) signedContent = data;
      }
      if (type !== SIGNED_PROPS_TYPE && isAncestor(sig, el) && !(el.localName === "Object" && el.parentNode === sig)) {
        throw new XmlFormatError(
          `Reference ${uri} points inside the signature but not at one of its ds:Object elements`,
        );
      }
    } else {
      // Detached: the document given alongside.
      if (!input.detachedContent) {
        m.signedContent = undefined;
        m.digestProblem = `detached Reference "${uri}": the signed document was not given (--detached)`;
        digestOk = false;
        continue;
      }
      data = input.detachedContent;
      signedContent = data;
    }
    if (type !== SIGNED_PROPS_TYPE) digestHash = DIGEST_URI[dm];
    const got = digestRef(dm, data);
    if (got !== dv) {
      digestOk = false;
      problems.push(`the digest of Reference ${uri || '""'} does not match`);
    }
  }
  if (spRefs !== 1)
    throw new XmlFormatError(`SignedInfo must reference the SignedProperties exactly once, found ${spRefs}`);
  m.digestOk = digestOk;
  if (!digestOk && !m.digestProblem) m.digestProblem = problems.join("; ");
  m.signedContent = signedContent;
  m.digestHash = digestHash;

  // Signing certificate (XAdES SigningCertificate / SigningCertificateV2).
  const ssp = kid(sp, NS.xades, "SignedSignatureProperties");
  const sc = kid(ssp, NS.xades, "SigningCertificate") ?? kid(ssp, NS.xades, "SigningCertificateV2");
  const certRef = kid(sc, NS.xades, "Cert");
  const certDigest = otherHashOf(kid(certRef, NS.xades, "CertDigest"));
  const serialText = text(kid(kid(certRef, NS.xades, "IssuerSerial"), NS.ds, "X509SerialNumber"));
  let signer: Cert | undefined;
  for (const c of pool) {
    if (certDigest && Buffer.from(digest(hashOfOid(certDigest.hashOid), c.der)).toString("hex") === certDigest.hashHex)
      signer = c;
  }
  if (!sc) {
    m.essOk = undefined;
    signer = pool[0];
  } else if (!signer) {
    m.essOk = false;
    m.essProblem = "SigningCertificate does not match any certificate of the signature";
    signer = pool[0];
  } else {
    // X509SerialNumber is an xsd:integer; anything else cannot name the certificate (and is not a uyum fault).
    const serial = serialText?.trim();
    if (serial && !/^[+-]?\d+$/.test(serial)) {
      m.essOk = false;
      m.essProblem = `SigningCertificate X509SerialNumber "${serial.slice(0, 40)}" is not an integer`;
    } else {
      m.essOk = !serial || BigInt(serial) === BigInt("0x" + signer.serialHex);
      if (!m.essOk) m.essProblem = "SigningCertificate IssuerSerial does not match the certificate";
    }
  }
  m.essVersion = sc ? 2 : undefined;
  m.essHash = certDigest ? hashOfOid(certDigest.hashOid) : undefined;
  m.signerCert = signer;
  if (!signer) m.signerCertProblem = "no certificate in ds:KeyInfo";

  // Signature value over C14N(SignedInfo).
  const sm = SIG_URI[sigAlgUri];
  if (!sm)
    throw new UnsupportedInput({
      en: `SignatureMethod ${sigAlgUri} is not supported`,
      tr: `SignatureMethod ${sigAlgUri} desteklenmiyor`,
    });
  m.sigHash = sm.hash;
  if (signer) {
    try {
      const key = certKey(signer);
      const data = c14n(si, c14nAlg);
      const value = b64(sv);
      m.signatureOk =
        sm.kind === "ecdsa"
          ? nodeVerify(NODE_HASH[sm.hash], data, { key, dsaEncoding: "ieee-p1363" }, value)
          : nodeVerify(NODE_HASH[sm.hash], data, { key, padding: constants.RSA_PKCS1_PADDING }, value);
    } catch {
      m.signatureOk = false;
    }
  }

  // Signed properties.
  const st = text(kid(ssp, NS.xades, "SigningTime"));
  if (st) {
    const d = new Date(st);
    if (Number.isNaN(d.getTime())) throw new XmlFormatError(`SigningTime "${st}" is not a date`);
    m.signingTime = d;
  }
  const spi = kid(ssp, NS.xades, "SignaturePolicyIdentifier");
  if (spi) {
    if (kid(spi, NS.xades, "SignaturePolicyImplied")) m.policy = { oid: "", implied: true };
    else {
      const pid = kid(spi, NS.xades, "SignaturePolicyId");
      const ident = text(kid(kid(pid, NS.xades, "SigPolicyId"), NS.xades, "Identifier")).replace(/^urn:oid:/, "");
      const h = otherHashOf(kid(pid, NS.xades, "SigPolicyHash"));
      m.policy = { oid: ident, hashOid: h?.hashOid, hashHex: h?.hashHex };
    }
  }
  const childNames = (e: Element | undefined): string[] => {
    const out: string[] = [];
    for (let c = e?.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push((c as Element).localName ?? "");
    return out;
  };
  const uspEl = kid(kid(qp, NS.xades, "UnsignedProperties"), NS.xades, "UnsignedSignatureProperties");
  m.attributes = {
    signed: [...childNames(ssp), ...childNames(kid(sp, NS.xades, "SignedDataObjectProperties"))],
    unsigned: childNames(uspEl),
  };
  const mime = text(
    kid(kid(kid(sp, NS.xades, "SignedDataObjectProperties"), NS.xades, "DataObjectFormat"), NS.xades, "MimeType"),
  );
  if (mime) m.contentHints = mime;

  // Unsigned properties.
  const usp = kid(kid(qp, NS.xades, "UnsignedProperties"), NS.xades, "UnsignedSignatureProperties");
  const tsPool = [...pool];
  const cv = kid(usp, NS.xades, "CertificateValues");
  if (cv) {
    m.certValues = kids(cv, NS.xades, "EncapsulatedX509Certificate").map((e) => parseCert(b64(e)));
    tsPool.push(...m.certValues);
  }
  const rv = kid(usp, NS.xades, "RevocationValues");
  if (rv) {
    const crls = desc(rv, NS.xades, "EncapsulatedCRLValue").map((e) => parseCrl(b64(e)));
    const ocsps = desc(rv, NS.xades, "EncapsulatedOCSPValue").map((e) => parseOcsp(b64(e)));
    m.embeddedCrls.push(...crls);
    m.embeddedOcsps.push(...ocsps);
    m.revocationValueCount = crls.length + ocsps.length;
  }
  const ccr = kid(usp, NS.xades, "CompleteCertificateRefs");
  if (ccr)
    m.certRefs = desc(ccr, NS.xades, "CertDigest")
      .map(otherHashOf)
      .filter((x): x is NonNullable<typeof x> => !!x);
  const crr = kid(usp, NS.xades, "CompleteRevocationRefs");
  if (crr) {
    m.revRefs = [
      {
        crlHashes: desc(crr, NS.xades, "CRLRef")
          .map((r) => otherHashOf(kid(r, NS.xades, "DigestAlgAndValue")))
          .filter((x): x is NonNullable<typeof x> => !!x),
        ocspHashes: desc(crr, NS.xades, "OCSPRef")
          .map((r) => otherHashOf(kid(r, NS.xades, "DigestAlgAndValue")))
          .filter((x): x is NonNullable<typeof x> => !!x),
      },
    ];
  }
  const tsOf = (kind: TimestampUse["kind"], el: Element, data: () => Uint8Array): TimestampUse => {
    try {
      const ts = parseTimestamp(b64(kid(el, NS.xades, "EncapsulatedTimeStamp")), tsPool, (b) => parseDer(b, "TSTInfo"));
      return { kind, ts, imprintOk: imprintMatches(ts, data()) };
    } catch (e) {
      return { kind, imprintOk: false, problem: `time-stamp token unreadable: ${nestedProblem(e)}` };
    }
  };
  const tsC14n = (el: Element) =>
    kid(el, NS.ds, "CanonicalizationMethod")?.getAttribute("Algorithm") ??
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
  for (const t of usp ? kids(usp, NS.xades, "SignatureTimeStamp") : [])
    m.timestamps.push(tsOf("signature", t, () => c14n(sv, tsC14n(t))));
  for (const t of usp ? kids(usp, NS.xades, "SigAndRefsTimeStamp") : []) {
    m.timestamps.push(
      tsOf("esc", t, () => {
        const alg = tsC14n(t);
        const parts = [c14n(sv, alg)];
        for (const x of kids(usp!, NS.xades, "SignatureTimeStamp")) parts.push(c14n(x, alg));
        if (ccr) parts.push(c14n(ccr, alg));
        if (crr) parts.push(c14n(crr, alg));
        return concat(parts);
      }),
    );
  }
  for (const t of usp ? kids(usp, NS.xades141, "ArchiveTimeStamp") : []) {
    m.timestamps.push(
      tsOf("archive", t, () => {
        const alg = tsC14n(t);
        const parts: Uint8Array[] = [];
        for (const ref of refs) {
          const uri = ref.getAttribute("URI") ?? "";
          if (ref.getAttribute("Type") === SIGNED_PROPS_TYPE) continue;
          if (uri === "") {
            const copy = new DOMParser().parseFromString(
              new TextDecoder().decode(input.bytes),
              "text/xml",
            ) as unknown as Document;
            const s2 =
              desc(copy, NS.ds, "Signature").find((s) => s.getAttribute("Id") === sigId) ??
              desc(copy, NS.ds, "Signature")[0];
            s2.parentNode!.removeChild(s2);
            parts.push(c14n(copy, alg));
          } else if (uri.startsWith("#")) {
            const el = ids.get(uri.slice(1))![0];
            parts.push(
              el.getAttribute("Encoding") === T_BASE64 ||
                desc(kid(ref, NS.ds, "Transforms") ?? ref, NS.ds, "Transform").some(
                  (x) => x.getAttribute("Algorithm") === T_BASE64,
                )
                ? b64(el)
                : c14n(el, alg),
            );
          } else if (input.detachedContent) parts.push(input.detachedContent);
        }
        parts.push(c14n(sp, alg));
        for (const x of [si, sv, kid(sig, NS.ds, "KeyInfo")]) if (x) parts.push(c14n(x, alg));
        for (let c = usp!.firstChild; c && c !== t; c = c.nextSibling) if (c.nodeType === 1) parts.push(c14n(c, alg));
        return concat(parts);
      }),
    );
  }
  for (const t of m.timestamps) if (t.ts) for (const c of t.ts.certs) tsPool.push(c);
  m.certPool = tsPool;
  // Serial signatures: xades:CounterSignature holds a ds:Signature over this signature's SignatureValue.
  let k = 0;
  for (const cs of usp ? kids(usp, NS.xades, "CounterSignature") : []) {
    for (const inner of kids(cs, NS.ds, "Signature")) {
      const cm = emptyModel(`${m.id}/counter-${++k}`, "XAdES");
      try {
        readOne(doc, inner, ids, cm, { ...input, extraCerts: [...(input.extraCerts ?? []), ...tsPool] });
      } catch (e) {
        cm.formatProblems.push(inputProblem(e));
      }
      cm.signedContent = signedContent;
      m.counterSignatures.push(cm);
    }
  }

  let level: Level = m.policy ? "EPES" : "BES";
  if (m.timestamps.some((t) => t.kind === "signature")) level = "T";
  if (ccr || crr) level = "C";
  if (m.timestamps.some((t) => t.kind === "esc")) level = "X-Type1";
  if (cv || rv) level = "X-L";
  if (m.timestamps.some((t) => t.kind === "archive")) level = "A";
  m.level = level;
  m.profile = m.policy ? (TR_POLICIES[m.policy.oid] ?? "none") : "P1";
  return signedContent;
}

function hashOfOid(o: string): HashName {
  const h = DIGEST_OIDS[o];
  if (!h) throw new XmlFormatError(`unknown digest ${o}`);
  return h;
}
