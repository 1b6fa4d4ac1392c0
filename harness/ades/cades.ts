// CAdES (TS 101 733 / EN 319 122) reader: CMS SignedData → one SigModel per signer (parallel signatures),
// with counter-signatures (serial) nested. Computes every time-stamp imprint the way the creator must have.
import { DIGEST_OIDS, digestByOid, sigAlgName, sigHash } from "./algs.ts";
import { NOT_ASSESSED } from "./report.ts";
import { attr, attrParts, attrs, parseSignedData, parseSignerInfo, type SignedData, type SignerInfo } from "./cms.ts";
import { parseCrl } from "./crl.ts";
import {
  children,
  concat,
  content,
  isCtx,
  parseDer,
  readOid,
  seqOf,
  TAG,
  tlv,
  toHex,
  whole,
  type Node,
} from "../asn1/der.ts";
import { ALG, CMS_OID } from "../asn1/oids.ts";
import { atsV2Data, atsV3Data, type ArchiveData } from "./cades-archive.ts";
import {
  CERT_VALUES_ALONE,
  emptyModel,
  EXTENDED,
  TR_POLICIES,
  type Level,
  type SigModel,
  type TimestampUse,
} from "./model.ts";
import { parseOcsp } from "./ocsp.ts";
import { checkSigner, imprintMatches, parseTimestamp, type Timestamp } from "./signer.ts";
import { parseCert, type Cert } from "./x509.ts";
import { inputProblem, nestedProblem } from "./input-error.ts";

export interface CadesInput {
  bytes: Uint8Array;
  detachedContent?: Uint8Array;
  extraCerts?: Cert[];
  idPrefix?: string;
  /**
   * PDF /Contents: bytes after the ContentInfo are ignored (with a note), as PDF readers do (pdfsig); the
   * signature covers the ByteRange, not the /Contents padding.
   */
  allowTrailing?: boolean;
}

function safe<T>(f: () => T, problems: string[], what: string): T | undefined {
  try {
    return f();
  } catch (e) {
    problems.push(`${what}: ${inputProblem(e)}`);
    return undefined;
  }
}

function otherHash(n: Node): { hashOid: string; hashHex: string } {
  if (n.tag === TAG.OCTET_STRING) return { hashOid: ALG.sha1, hashHex: toHex(content(n)) };
  const [a, v] = seqOf(n, "OtherHashAlgAndValue");
  return { hashOid: readOid(children(a)[0]), hashHex: toHex(content(v)) };
}

function tsUse(
  kind: TimestampUse["kind"],
  der: Uint8Array,
  pool: Cert[],
  data: (ts: Timestamp) => Uint8Array | Uint8Array[] | ArchiveData,
): TimestampUse {
  let ts: Timestamp;
  try {
    ts = parseTimestamp(der, pool, (b) => parseDer(b, "TSTInfo"));
  } catch (e) {
    return { kind, imprintOk: false, problem: `time-stamp token unreadable: ${nestedProblem(e)}` };
  }
  try {
    const d = data(ts);
    if (d instanceof Uint8Array || Array.isArray(d)) return { kind, ts, imprintOk: imprintMatches(ts, d) };
    return {
      kind,
      ts,
      imprintOk: d.data ? imprintMatches(ts, d.data) || (!!d.alternative && imprintMatches(ts, d.alternative)) : false,
      imprintUnknown: d.unknown,
      coverageProblem: d.problem,
    };
  } catch (e) {
    return { kind, ts, imprintOk: false, coverageProblem: `${kind} time-stamp: ${(e as Error).message}` };
  }
}

const ATTR_NAMES: Record<string, string> = Object.fromEntries(Object.entries(CMS_OID).map(([k, v]) => [v, k]));
const attrName = (oidStr: string): string => ATTR_NAMES[oidStr] ?? oidStr;

function modelFor(
  sd: SignedData,
  si: SignerInfo,
  contentBytes: Uint8Array | undefined,
  pool: Cert[],
  id: string,
  detached: boolean,
): SigModel {
  const m = emptyModel(id, "CAdES");
  const chk = checkSigner(si, sd.eContentType, contentBytes, pool);
  m.signerCert = chk.cert;
  m.signerCertProblem = chk.certProblem;
  m.signatureOk = chk.signatureOk;
  m.digestOk = chk.messageDigestOk ?? false;
  m.digestProblem = chk.messageDigestProblem;
  if (!chk.contentTypeOk)
    m.formatProblems.push("the content-type attribute does not match the encapsulated content type");
  if (!si.signedAttrsDer) m.formatProblems.push("CAdES requires signed attributes; this SignerInfo has none");
  else {
    if (!attr(si.signedAttrs, CMS_OID.contentType) && id.split("/").length === 1)
      m.formatProblems.push("the content-type signed attribute is missing");
    if (!attr(si.signedAttrs, CMS_OID.messageDigest))
      m.formatProblems.push("the message-digest signed attribute is missing");
  }
  m.essOk = chk.essOk;
  m.essProblem = chk.essProblem;
  m.essVersion = chk.ess?.[0]?.version;
  m.essHash = chk.ess?.[0]?.hash;
  m.digestHash = si.digestHash;
  m.sigHash = chk.sigHash ?? sigHash(si.sigAlg, si.digestHash);
  if (chk.sigHashNote) m.notes.push(chk.sigHashNote);
  m.signatureProblem = chk.signatureProblem;
  m.sigAlgName = sigAlgName(si.sigAlg, si.digestHash, chk.sigHashNote ? chk.sigHash : undefined);
  m.sigAlgUnsupported = chk.sigAlgUnsupported;
  m.signingTime = chk.signingTime;
  m.signedContent = contentBytes;
  if (si.signedAttrsDer && !si.digestHash) {
    // a digest uyum cannot compute: the signed data is "not assessed", never a HASH_FAILURE of the file
    m.signedContent = undefined;
    m.digestProblem = `${NOT_ASSESSED}the digest algorithm ${si.digestAlg.oid} is not supported`;
    m.digestNotAssessed = true;
  }
  m.certPool = pool;
  m.attributes = {
    signed: si.signedAttrs.map((a) => attrName(a.type)),
    unsigned: si.unsignedAttrs.map((a) => attrName(a.type)),
  };

  const pol = attr(si.signedAttrs, CMS_OID.sigPolicyId);
  if (pol) {
    const v = pol.values[0];
    if (v.tag === TAG.NULL) m.policy = { oid: "", implied: true };
    else {
      const f = seqOf(v, "SignaturePolicyId");
      const h = otherHash(f[1]);
      m.policy = { oid: readOid(f[0], "sigPolicyId"), hashOid: h.hashOid, hashHex: h.hashHex };
      if (f[2]) {
        // SEQUENCE OF SigPolicyQualifierInfo; some Spanish signers (DSS sample dss-646) write one qualifier
        // without the SEQUENCE OF. The qualifiers only inform, so read that shape too and say so.
        let qs = seqOf(f[2], "sigPolicyQualifiers");
        if (qs[0]?.tag === TAG.OID) {
          m.notes.push("sigPolicyQualifiers is a single SigPolicyQualifierInfo, not a SEQUENCE OF (read anyway)");
          qs = [f[2]];
        }
        for (const q of qs) {
          const [qo, qv] = seqOf(q, "SigPolicyQualifierInfo");
          if (readOid(qo) === CMS_OID.spUserNotice && qv) m.policy.userNotice = "present";
        }
      }
    }
  }
  const hints = attr(si.signedAttrs, CMS_OID.contentHints);
  if (hints) {
    const f = seqOf(hints.values[0], "ContentHints");
    for (const x of f) if (x.tag === TAG.UTF8) m.contentHints = Buffer.from(content(x)).toString("utf8");
    const ctOid = f.find((x) => x.tag === TAG.OID);
    if (ctOid) m.notes.push(`content-hints content type ${readOid(ctOid)}`);
  }

  // signer-attributes (v1 or v2): the roles the signer claims, as the text of the claimed attributes' values
  const roles = attr(si.signedAttrs, CMS_OID.signerAttr) ?? attr(si.signedAttrs, CMS_OID.signerAttrV2);
  if (roles?.values[0]) m.claimedRoles = claimedTexts(roles.values[0]);

  // Unsigned attributes: values, references, time-stamps, counter-signatures.
  const u = si.unsignedAttrs;
  const tsPool = [...pool];
  const cv = attr(u, CMS_OID.certValues);
  if (cv) {
    m.certValues = seqOf(cv.values[0], "CertificateValues").map((c) => parseCert(whole(c)));
    tsPool.push(...m.certValues);
  }
  const rv = attr(u, CMS_OID.revocationValues);
  if (rv) {
    let count = 0;
    for (const part of seqOf(rv.values[0], "RevocationValues")) {
      const list = children(children(part)[0]);
      for (const x of list) {
        count++;
        if (part.tagNumber === 0) m.embeddedCrls.push(parseCrl(whole(x)));
        else if (part.tagNumber === 1) m.embeddedOcsps.push(parseOcsp(whole(x)));
      }
    }
    m.revocationValueCount = count;
  }
  const cr = attr(u, CMS_OID.completeCertificateRefs);
  if (cr) m.certRefs = seqOf(cr.values[0], "CompleteCertificateRefs").map((x) => otherHash(seqOf(x, "OtherCertID")[0]));
  const rr = attr(u, CMS_OID.completeRevocationRefs);
  if (rr) {
    m.revRefs = seqOf(rr.values[0], "CompleteRevocationRefs").map((ref) => {
      const out = {
        crlHashes: [] as { hashOid: string; hashHex: string }[],
        ocspHashes: [] as { hashOid: string; hashHex: string }[],
      };
      for (const p of children(ref)) {
        const inner = children(p)[0];
        if (p.tagNumber === 0)
          for (const c of seqOf(seqOf(inner, "CRLListID")[0], "crls"))
            out.crlHashes.push(otherHash(seqOf(c, "CrlValidatedID")[0]));
        if (p.tagNumber === 1)
          for (const o of seqOf(seqOf(inner, "OcspListID")[0], "ocspResponses")) {
            const of = seqOf(o, "OcspResponsesID");
            if (of[1]) out.ocspHashes.push(otherHash(of[1]));
          }
      }
      return out;
    });
  }
  // Certificates and revocation data inside time-stamp tokens count as known material too.
  const sigValue = si.signature;
  for (const a of attrs(u, CMS_OID.signatureTimeStampToken)) {
    const t = tsUse("signature", whole(a.values[0]), tsPool, () => sigValue);
    m.timestamps.push(t);
  }
  for (const a of attrs(si.signedAttrs, CMS_OID.contentTimestamp)) {
    m.timestamps.push(tsUse("content", whole(a.values[0]), tsPool, () => contentBytes ?? new Uint8Array()));
  }
  for (const a of attrs(u, CMS_OID.escTimeStamp)) {
    m.timestamps.push(
      tsUse("esc", whole(a.values[0]), tsPool, () => {
        const parts = [sigValue];
        for (const t of [
          CMS_OID.signatureTimeStampToken,
          CMS_OID.completeCertificateRefs,
          CMS_OID.completeRevocationRefs,
        ]) {
          const x = attr(u, t);
          if (x) parts.push(...attrParts(x));
        }
        return concat(parts);
      }),
    );
  }
  // Archive time-stamps, v2 and v3, in the order they were made. v2's imprint leaves out every archive
  // time-stamp (v2 or v3) not made before it: a v3 added when the signature was extended later is not part of
  // what the v2 covered (as DSS and TS 101 733 §6.4.1 read it; the DSS samples with a v2 then a v3 need it).
  const v2 = attrs(u, CMS_OID.archiveTimestampV2);
  const archivesAll = [...v2, ...attrs(u, CMS_OID.archiveTimestampV3)];
  const genTime = (a: (typeof v2)[number]) => {
    try {
      return parseTimestamp(whole(a.values[0]), [], (b) => parseDer(b, "TSTInfo")).tst.genTime.getTime();
    } catch {
      return Infinity;
    }
  };
  const times = new Map(archivesAll.map((a) => [a, genTime(a)]));
  // genTime has a second's resolution: a renewal made within the same second as the time-stamp it renews is
  // later by its place among the unsigned attributes (appended after it), not by its time
  const madeAfter = (x: (typeof v2)[number], a: (typeof v2)[number]) =>
    times.get(x)! > times.get(a)! || (times.get(x) === times.get(a) && x.node.start > a.node.start);
  v2.forEach((a) => {
    const later = archivesAll.filter((x) => x !== a && madeAfter(x, a)).map((x) => x.node);
    m.timestamps.push(
      tsUse("archive", whole(a.values[0]), tsPool, () => atsV2Data(sd, si, contentBytes, a.node, later)),
    );
  });
  for (const a of attrs(u, CMS_OID.archiveTimestampV3))
    m.timestamps.push(tsUse("archive", whole(a.values[0]), tsPool, (ts) => atsV3Data(sd, si, contentBytes, ts)));
  for (const t of m.timestamps) if (t.ts) for (const c of t.ts.certs) if (!tsPool.includes(c)) tsPool.push(c);
  // Revocation data real signers and TSAs put inside time-stamp tokens: the token's SignedData crls (CRLs and
  // RFC 5940 OCSP responses) and a revocation-values attribute on the token's SignerInfo.
  for (const t of m.timestamps) if (t.ts) tokenRevocation(t.ts, m);
  m.certPool = tsPool;

  // Level (TS 101 733 names)
  let level: Level = m.policy ? "EPES" : "BES";
  if (m.timestamps.some((t) => t.kind === "signature")) level = "T";
  if (m.certRefs || m.revRefs) level = "C";
  if (m.timestamps.some((t) => t.kind === "esc")) level = "X-Type1";
  if (attr(u, CMS_OID.certCrlTimestamp)) level = "X-Type2";
  // certificate-values on a BES/EPES/T is a signature carrying its chain, not an X-L (DSS: B-B); on a C or X
  // signature it is an X-L whose revocation-values are missing (KAMU SM scenario 73)
  if (rv || (m.certValues && EXTENDED.has(level))) level = "X-L";
  else if (m.certValues) m.notes.push(CERT_VALUES_ALONE);
  if (m.timestamps.some((t) => t.kind === "archive")) level = "A";
  m.level = level;
  m.profile = m.policy ? (TR_POLICIES[m.policy.oid] ?? "none") : "P1";

  let k = 0;
  for (const a of attrs(u, CMS_OID.counterSignature)) {
    for (const v of a.values) {
      const csi = parseSignerInfo(v);
      const cm = modelFor(sd, csi, sigValue, tsPool, `${id}/counter-${++k}`, false);
      cm.signedContent = contentBytes;
      m.counterSignatures.push(cm);
    }
  }
  return m;
}

function tokenRevocation(ts: Timestamp, m: SigModel): void {
  const crls = [...ts.sd.crls];
  const ocsps = [...ts.sd.ocspResponses];
  const rv = attr(ts.sd.signerInfos[0]?.unsignedAttrs ?? [], CMS_OID.revocationValues);
  if (rv)
    for (const part of safe(() => seqOf(rv.values[0], "RevocationValues"), m.notes, "time-stamp revocation-values") ??
      [])
      for (const x of children(children(part)[0]!)) (part.tagNumber === 0 ? crls : ocsps).push(whole(x));
  for (const c of crls) {
    const crl = safe(() => parseCrl(c), m.notes, "CRL in a time-stamp token (ignored)");
    if (crl) m.crls.push(crl);
  }
  for (const o of ocsps) {
    const r = safe(() => parseOcsp(o), m.notes, "OCSP response in a time-stamp token (ignored)");
    if (r) m.ocsps.push(r);
  }
}

export interface CadesRead {
  sd?: SignedData;
  models: SigModel[];
  problems: string[];
  content?: Uint8Array;
}

/** Read a CAdES file; `problems` non-empty means FORMAT_FAILURE for the whole file. */
export function readCades(input: CadesInput): CadesRead {
  const problems: string[] = [];
  const sd = safe(() => parseSignedData(input.bytes, { allowTrailing: input.allowTrailing }), problems, "CMS");
  if (!sd) return { models: [], problems };
  const pool: Cert[] = [];
  for (const c of sd.certificates) {
    const cert = safe(() => parseCert(c), problems, "certificate in SignedData");
    if (cert) pool.push(cert);
  }
  if (problems.length) return { sd, models: [], problems };
  pool.push(...(input.extraCerts ?? []));
  const detached = sd.eContent === undefined;
  const contentBytes = detached ? input.detachedContent : sd.eContent;
  if (!sd.signerInfos.length) return { sd, models: [], problems: ["SignedData has no SignerInfo"] };
  const models: SigModel[] = [];
  sd.signerInfos.forEach((si, i) => {
    const m = safe(
      () => modelFor(sd, si, contentBytes, pool, `${input.idPrefix ?? "S"}${i + 1}`, detached),
      problems,
      `SignerInfo ${i + 1}`,
    );
    if (!m) return;
    for (const c of sd.crls) {
      const crl = safe(() => parseCrl(c), m.formatProblems, "CRL in SignedData");
      if (crl) m.embeddedCrls.push(crl);
    }
    for (const o of sd.ocspResponses) {
      const r = safe(() => parseOcsp(o), m.formatProblems, "OCSP response in SignedData");
      if (r) m.embeddedOcsps.push(r);
    }
    models.push(m);
  });
  // A detached signature without its document is not malformed: evaluate() reports SIGNED_DATA_NOT_FOUND.
  return { sd, models, problems, content: contentBytes };
}

export { DIGEST_OIDS, digestByOid };

const TEXT_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1e]); // UTF8, Printable, Teletex, IA5, BMP
/** The strings inside the [0] claimedAttributes of a SignerAttribute (v1: SEQUENCE OF CHOICE; v2: SEQUENCE). */
function claimedTexts(value: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.constructed) for (const c of children(n)) walk(c);
    else if (TEXT_TAGS.has(n.tag))
      out.push(
        n.tag === 0x1e
          ? Buffer.from(content(n)).swap16().toString("utf16le")
          : Buffer.from(content(n)).toString(n.tag === 0x0c ? "utf8" : "latin1"),
      );
  };
  for (const c of children(value)) if (isCtx(c, 0)) walk(c);
  return out;
}
