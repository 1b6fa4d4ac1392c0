// XAdES (TS 101 903 1.1.1–1.4.1 / EN 319 132) reader with a hardened XML front end (xml/dom.ts: no DTD at all,
// size and depth caps) and the structural checks that defeat signature wrapping (XSW): Ids are unique, every
// Reference resolves to exactly one element, the SignedProperties reference points at the one SignedProperties
// inside this signature's own QualifyingProperties, a second QualifyingProperties is a format failure, and a
// Reference into the signature may only point at its KeyInfo or into its ds:Objects.
// The parts: xml/references.ts (references and transforms), xml/qualifying.ts (signed properties),
// xml/unsigned.ts (validation data and time-stamps), counter-signatures below.
import { inputProblem, UnsupportedInput } from "./input-error.ts";
import { CERT_VALUES_ALONE, emptyModel, EXTENDED, TR_POLICIES, type Level, type SigModel } from "./model.ts";
import type { ValidationCheck } from "./verdict.ts";
import { certKey, parseCert, type Cert } from "./x509.ts";
import {
  DIGEST_URI,
  policyHash,
  RSA_PSS_URI,
  rsaPssParams,
  SIG_URI,
  verifyXmlSignature,
  type XmlHash,
} from "./xml/algorithms.ts";
import { canonicalize } from "./xml/c14n.ts";
import { allById, b64, desc, isAncestor, kid, kids, NS, parseXmlHardened, XmlFormatError } from "./xml/dom.ts";
import {
  describedReferenceId,
  findQualifyingProperties,
  readSignedProperties,
  readSigningCertificate,
  type Qualifying,
} from "./xml/qualifying.ts";
import {
  processReference,
  prefixList,
  SIGNED_PROPS_TYPES,
  T_BASE64,
  XmlUnsupportedError,
  type RefResult,
} from "./xml/references.ts";
import { isZip, packageSignatures, readZip } from "./xml/package.ts";
import { readTimestamps, readValidationData } from "./xml/unsigned.ts";
import { NOT_ASSESSED } from "./report.ts";

export { parseXmlHardened, XML_MAX_BYTES, XML_MAX_DEPTH } from "./xml/dom.ts";

export const MAX_REFERENCES = 1000;

export interface XadesInput {
  bytes: Uint8Array;
  detachedContent?: Uint8Array;
  extraCerts?: Cert[];
  /** Entries of the package the signature came from (ODF), for references to them by relative URI. */
  entries?: Map<string, Uint8Array>;
}

export function readXades(input: XadesInput): {
  models: SigModel[];
  problems: string[];
  content?: Uint8Array;
  fileChecks: ValidationCheck[];
} {
  if (isZip(input.bytes) && !input.entries) return readPackage(input);
  let doc: Document;
  try {
    doc = parseXmlHardened(input.bytes);
  } catch (e) {
    return { models: [], problems: [inputProblem(e)], fileChecks: [] };
  }
  const ids = allById(doc);
  for (const [id, els] of ids)
    if (els.length > 1)
      return {
        models: [],
        problems: [`the Id "${id}" is used by ${els.length} elements (signature wrapping is refused)`],
        fileChecks: [],
      };
  const all = desc(doc, NS.ds, "Signature");
  // Top-level signatures: not inside another signature (counter-signatures are read by their parent).
  const sigs = all.filter((s) => !all.some((o) => o !== s && isAncestor(o, s)));
  if (!sigs.length) return { models: [], problems: ["no ds:Signature element"], fileChecks: [] };
  const models: SigModel[] = [];
  let content: Uint8Array | undefined;
  for (const [i, sig] of sigs.entries()) {
    const m = emptyModel(`S${i + 1}`, "XAdES");
    try {
      content = readOne(doc, sig, ids, m, input).content ?? content;
    } catch (e) {
      readProblem(m, e);
    }
    models.push(m);
  }
  return { models, problems: [], content, fileChecks: [] };
}

/** An ODF document or ASiC-E container: its XML signatures, with references resolved to the package's entries. */
function readPackage(input: XadesInput): ReturnType<typeof readXades> {
  let entries: Map<string, Uint8Array>;
  try {
    entries = readZip(input.bytes);
  } catch (e) {
    return { models: [], problems: [inputProblem(e)], fileChecks: [] };
  }
  const files = packageSignatures(entries);
  if (!files.length)
    return {
      models: [],
      problems: [
        "a zip package without an XML signature (META-INF/documentsignatures.xml or META-INF/signatures*.xml)",
      ],
      fileChecks: [],
    };
  const models: SigModel[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const r = readXades({ ...input, bytes: f.bytes, entries });
    problems.push(...r.problems.map((p) => `${f.name}: ${p}`));
    for (const m of r.models) {
      m.id = files.length > 1 ? `${f.name}#${m.id}` : m.id;
      m.notes.unshift(`signature in the package entry ${f.name}`);
      // The signed document is the package; its content checks look at the package, not one entry.
      if (m.signedContent) m.signedContent = input.bytes;
      models.push(m);
    }
  }
  return { models, problems, content: input.bytes, fileChecks: [] };
}

/** A construct uyum does not support leaves the signed data "not assessed"; anything else is a format problem. */
function readProblem(m: SigModel, e: unknown): void {
  if (e instanceof XmlUnsupportedError || e instanceof UnsupportedInput) {
    m.signedContent = undefined;
    m.digestOk = false;
    m.digestProblem = `${NOT_ASSESSED}${e.message}`;
    m.digestNotAssessed = true;
  } else m.formatProblems.push(inputProblem(e)); // anything not about the input is uyum's bug: rethrown
}

/**
 * DigiDoc (DDOC) containers. DIGIDOC-XML 1.3 (cdigidoc, DigiDoc3) is XAdES 1.1.1 with standard XML-DSig
 * references to its DataFile elements (xmlsec1 verifies them): read as XAdES, with its one known deviation
 * (DigestMethod/DigestValue in the XAdES namespace) accepted. Older versions (SK-XML, DIGIDOC-XML 1.1, 1.2) carry
 * DigiDoc's own properties in the XML-DSig namespace, not XAdES: an unsupported format, said as such.
 */
function readDigiDoc(doc: Document, q: Qualifying | undefined): void {
  const root = doc.documentElement;
  if (root?.localName !== "SignedDoc") return;
  const format = root.getAttribute("format") ?? "?";
  const version = root.getAttribute("version") ?? "?";
  if (/^DIGIDOC-XML$/i.test(format) && version === "1.3" && q?.version === "1.1.1") {
    // A HASHCODE DataFile holds only DigiDoc's digest of the document: its Reference digest is not over the element.
    const other = kids(root, root.namespaceURI ?? "", "DataFile").find(
      (d) => d.getAttribute("ContentType") !== "EMBEDDED_BASE64",
    );
    if (other)
      throw new XmlUnsupportedError(
        `unsupported format: DDOC 1.3 DataFile ContentType "${other.getAttribute("ContentType")}" (only EMBEDDED_BASE64 is read); the signature is not assessed`,
      );
    q.digidoc = true;
    return;
  }
  throw new XmlUnsupportedError(
    `unsupported format: DDOC ${version} (${format}, ${q ? `XAdES ${q.version} properties` : "DigiDoc's own signed properties, not XAdES"}); uyum reads DIGIDOC-XML 1.3 (XAdES 1.1.1) only; the signature is not assessed`,
  );
}

/**
 * Each signature of a DDOC signs every DataFile of the container (cdigidoc cannot add one to a signed container,
 * and its verifier reports "Wrong document digest" for one a signature does not cover): a DataFile this signature
 * does not reference was added after signing, so the signed container is not the one shown.
 */
function unsignedDataFiles(doc: Document, refs: RefResult[], m: SigModel): void {
  const root = doc.documentElement!;
  const signed = new Set(refs.map((r) => r.target));
  const extra = kids(root, root.namespaceURI ?? "", "DataFile").filter((d) => !signed.has(d));
  if (!extra.length) return;
  m.digestOk = false;
  const names = extra.map((d) => `${d.getAttribute("Id") ?? "?"} (${d.getAttribute("Filename") ?? "?"})`).join(", ");
  const why = `the container holds DataFile ${names} that this signature does not sign (every DataFile of a DDOC is signed by each signature)`;
  m.digestProblem = m.digestProblem ? `${m.digestProblem}; ${why}` : why;
}

interface ReadOne {
  content?: Uint8Array;
  refs: RefResult[];
}

function readOne(doc: Document, sig: Element, ids: Map<string, Element[]>, m: SigModel, input: XadesInput): ReadOne {
  const si = kid(sig, NS.ds, "SignedInfo");
  const sv = kid(sig, NS.ds, "SignatureValue");
  if (!si || !sv) throw new XmlFormatError("ds:Signature lacks SignedInfo or SignatureValue");
  const q = findQualifyingProperties(doc, sig);
  readDigiDoc(doc, q);
  if (!q)
    throw new XmlFormatError(
      "no XAdES QualifyingProperties (namespaces 1.1.1, 1.2.2, 1.3.2) in this signature: a plain XML-DSig signature",
    );
  if (q.version !== "1.3.2") m.notes.push(`XAdES ${q.version} namespace (${q.ns})`);
  if (q.targetNote) m.notes.push(q.targetNote);
  if (q.digidoc)
    m.notes.push(
      "DigiDoc container DIGIDOC-XML 1.3: read as XAdES 1.1.1 (its DigestMethod/DigestValue in the XAdES namespace accepted)",
    );

  // Certificates: KeyInfo, CertificateValues, the caller's; time-stamp tokens add theirs later.
  const pool: Cert[] = [];
  for (const x of desc(kid(sig, NS.ds, "KeyInfo") ?? sig, NS.ds, "X509Certificate")) pool.push(parseCert(b64(x)));
  pool.push(...(input.extraCerts ?? []));
  const values = readValidationData(q, m);

  const { refs, content } = readReferences(doc, sig, si, q, ids, m, input);
  if (q.digidoc) unsignedDataFiles(doc, refs, m);
  const signer = readSigningCertificate(q, [...pool, ...values], m);
  m.signerCert = signer;
  if (!signer) m.signerCertProblem = "no certificate in ds:KeyInfo";
  verifySignatureValue(si, sv, signer, m);
  readSignedProperties(q, m);

  const tsPool = [...pool, ...values];
  readTimestamps(q, { sig, si, sv, refs }, m, tsPool);
  for (const t of m.timestamps) if (t.ts) for (const c of t.ts.certs) tsPool.push(c);
  m.certPool = tsPool;
  readCounterSignatures(doc, sv, q, ids, m, { ...input, extraCerts: [...(input.extraCerts ?? []), ...tsPool] });

  let level: Level = m.policy ? "EPES" : "BES";
  if (m.timestamps.some((t) => t.kind === "signature")) level = "T";
  if (m.certRefs || m.revRefs) level = "C";
  if (m.timestamps.some((t) => t.kind === "esc")) level = "X-Type1";
  // CertificateValues on a BES/EPES/T (LibreOffice writes them on every signature) is a signature carrying its
  // chain, not an X-L: EN 319 132-1 B-B allows it and DSS reads it as B-B. On a C or X signature it is an X-L
  // whose RevocationValues are missing (KAMU SM scenario 73), judged as such.
  if (m.revocationValueCount !== undefined || (m.certValues && EXTENDED.has(level))) level = "X-L";
  else if (m.certValues) m.notes.push(CERT_VALUES_ALONE);
  if (m.timestamps.some((t) => t.kind === "archive")) level = "A";
  m.level = level;
  m.profile = m.policy ? (TR_POLICIES[m.policy.oid] ?? "none") : "P1";
  return { content, refs };
}

/** Process every Reference; apply the wrapping rules; set digestOk, the signed data object and its hash. */
function readReferences(
  doc: Document,
  sig: Element,
  si: Element,
  q: Qualifying,
  ids: Map<string, Element[]>,
  m: SigModel,
  input: XadesInput,
): { refs: RefResult[]; content?: Uint8Array } {
  const refEls = kids(si, NS.ds, "Reference");
  if (!refEls.length) throw new XmlFormatError("SignedInfo has no Reference");
  // Each reference may canonicalise the whole document: a bound keeps a hostile file from costing hours.
  if (refEls.length > MAX_REFERENCES)
    throw new XmlFormatError(`SignedInfo has ${refEls.length} References, more than the ${MAX_REFERENCES} allowed`);
  const refs: RefResult[] = [];
  let spRefs = 0;
  for (const refEl of refEls) {
    const r = processReference(refEl, {
      doc,
      sig,
      ids,
      detachedContent: input.detachedContent,
      entries: input.entries,
    });
    refs.push(r);
    const isSp = SIGNED_PROPS_TYPES.has(r.type ?? "") || (r.target !== undefined && r.target === q.sp);
    if (isSp) {
      spRefs++;
      if (r.target !== q.sp)
        throw new XmlFormatError(
          "the SignedProperties reference does not point at this signature's own SignedProperties (wrapping)",
        );
      if (/intersected/.test(r.resolvedAs)) m.notes.push(`Reference "${r.uri}" resolved to ${r.resolvedAs}`);
      continue;
    }
    const t = r.target;
    if (t && isAncestor(sig, t)) {
      const keyInfo = kid(sig, NS.ds, "KeyInfo");
      const inObject = kids(sig, NS.ds, "Object").some((o) => o === t || isAncestor(o, t));
      const inKeyInfo = keyInfo && (keyInfo === t || isAncestor(keyInfo, t));
      if (!inObject && !inKeyInfo)
        throw new XmlFormatError(
          `Reference ${r.uri} points inside the signature but not at its KeyInfo or into one of its ds:Objects`,
        );
    }
    if (
      r.uri === null ||
      !r.uri.startsWith("#") ||
      r.resolvedAs.startsWith("no URI") ||
      /intersected/.test(r.resolvedAs)
    )
      m.notes.push(`Reference ${r.uri === null ? "(no URI)" : `"${r.uri}"`} resolved to ${r.resolvedAs}`);
  }
  if (spRefs !== 1)
    throw new XmlFormatError(`SignedInfo must reference the SignedProperties exactly once, found ${spRefs}`);

  const dataRefs = refs.filter((r) => !(SIGNED_PROPS_TYPES.has(r.type ?? "") || r.target === q.sp));
  const missing = refs.find((r) => r.unavailable);
  const bad = refs.filter((r) => !r.unavailable && !r.digestOk);
  m.digestOk = !missing && !bad.length;
  if (missing) m.digestProblem = missing.unavailable;
  else if (bad.length)
    m.digestProblem = bad
      .map((r) => `the digest of Reference ${r.uri === null ? "(no URI)" : r.uri || '""'} does not match`)
      .join("; ");
  const hashes = dataRefs.map((r) => r.hashUri);
  m.digestHash = policyHash(hashes.map((h) => DIGEST_URI[h] as XmlHash | undefined).find(Boolean));

  // The signed data object: the one DataObjectFormat describes, else the first data reference.
  const describedId = describedReferenceId(q);
  const main =
    (describedId && dataRefs.find((r) => refEls[refs.indexOf(r)].getAttribute("Id") === describedId)) || dataRefs[0];
  const content = missing ? undefined : main ? dataObject(main) : undefined;
  m.signedContent = content;
  return { refs, content };
}

/** What the signer signed, as the document-type checks should see it: a base64 ds:Object is its decoded content. */
function dataObject(r: RefResult): Uint8Array | undefined {
  const t = r.target;
  if (t && t.localName === "Object" && t.namespaceURI === NS.ds) {
    const enc = t.getAttribute("Encoding");
    const mime = t.getAttribute("MimeType") ?? "";
    if (enc === T_BASE64 || (mime && !/xml/i.test(mime))) {
      const s = (t.textContent ?? "").replace(/\s+/g, "");
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length) return new Uint8Array(Buffer.from(s, "base64"));
    }
  }
  // A DigiDoc DataFile carries the document as base64 text; the signer signed the element, the document is inside.
  if (t && t.localName === "DataFile" && t.getAttribute("ContentType") === "EMBEDDED_BASE64") {
    const s = (t.textContent ?? "").replace(/\s+/g, "");
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length) return new Uint8Array(Buffer.from(s, "base64"));
  }
  return r.object;
}

function verifySignatureValue(si: Element, sv: Element, signer: Cert | undefined, m: SigModel): void {
  const cm = kid(si, NS.ds, "CanonicalizationMethod");
  const c14nAlg = cm?.getAttribute("Algorithm") ?? "";
  const smEl = kid(si, NS.ds, "SignatureMethod");
  const sigAlgUri = smEl?.getAttribute("Algorithm") ?? "";
  const alg = sigAlgUri === RSA_PSS_URI && smEl ? rsaPssParams(smEl) : SIG_URI[sigAlgUri];
  if (!alg) throw new XmlUnsupportedError(`the SignatureMethod ${sigAlgUri} is not supported`);
  m.sigHash = policyHash(alg.hash);
  if (!m.sigHash) m.notes.push(`signature hash ${alg.hash} (${sigAlgUri})`);
  const data = canonicalize(si, c14nAlg, { inclusivePrefixes: prefixList(cm) });
  if (!signer) return;
  try {
    m.signatureOk = verifyXmlSignature(alg, certKey(signer), data, b64(sv));
  } catch {
    m.signatureOk = false;
  }
}

/**
 * xades:CounterSignature holds a ds:Signature whose Reference must cover this signature's SignatureValue
 * (EN 319 132-1 §5.2.7). What each one covers is said in the parent's notes; one that does not cover the
 * SignatureValue is not a counter-signature of this signature, and fails.
 */
function readCounterSignatures(
  doc: Document,
  sv: Element,
  q: Qualifying,
  ids: Map<string, Element[]>,
  m: SigModel,
  input: XadesInput,
): void {
  let k = 0;
  for (const cs of q.usp ? kids(q.usp, q.ns, "CounterSignature") : []) {
    for (const inner of kids(cs, NS.ds, "Signature")) {
      const cm = emptyModel(`${m.id}/counter-${++k}`, "XAdES");
      try {
        const r = readOne(doc, inner, ids, cm, input);
        const covers = r.refs.some((x) => x.target === sv && x.digestOk);
        if (covers) m.notes.push(`counter-signature ${cm.id} covers the SignatureValue of ${m.id}`);
        else {
          const what = r.refs.map((x) => x.resolvedAs).join(", ");
          cm.formatProblems.push(
            `the counter-signature does not cover the SignatureValue of the signature it counter-signs (it signs ${what})`,
          );
          m.notes.push(`counter-signature ${cm.id} does NOT cover the SignatureValue of ${m.id}`);
        }
      } catch (e) {
        readProblem(cm, e);
      }
      m.counterSignatures.push(cm);
    }
  }
}
