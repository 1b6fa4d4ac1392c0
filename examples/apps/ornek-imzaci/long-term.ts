// Long-term signatures of the reference application: CAdES X-L and A (ES-C references, the ES-X type 1
// time-stamp, certificate and revocation values, ATSv2 archive time-stamps and their renewal) and PAdES B-LT /
// B-LTA (DSS and document time-stamps), with the validation data fetched live from the certificates' own CRL
// distribution points and OCSP responders, and the time-stamps from the test TSA. Also reads a CAdES file back
// into the signer's model so that an existing signature can be upgraded or get another signer, refusing any file
// it could not write back byte for byte (extending it would silently change what was signed or stamped).
import {
  type Der,
  children,
  content,
  enumerated,
  explicit,
  octets,
  oid,
  readInt,
  readNode,
  readOid,
  seq,
  whole,
} from "../../../harness/asn1/der.ts";
import { CMS_OID, HASH_BY_OID, type HashName } from "../../../harness/asn1/oids.ts";
import { buildPaths, parseCert, type Cert } from "../../../harness/ades/index.ts";
import { fetchIssuers, fetchRevocation, type FetchFailure } from "../../../harness/ades/fetch.ts";
import { findSingle } from "../../../harness/ades/ocsp.ts";
import {
  addArchiveTimestampV2,
  addCompleteReferences,
  addEscTimestamp,
  addSignatureTimestamp,
  addValues,
  archiveTimestampV2Imprint,
  encodeCades,
  escTimestampImprint,
  signatureTimestampImprint,
  certFields,
  type CadesDocument,
  type CadesSignerInfo,
} from "../../../harness/sign/index.ts";
import { addDss, addDocumentTimestamp, signatureContents } from "../../../harness/sign/pades.ts";
import type { PkiContext } from "./inspect.ts";
import type { Tsa } from "./formats.ts";

/** A file this application cannot extend, with the reason (the CLI answers it as a usage error). */
export class CannotExtend extends Error {}

// ---- reading a CAdES file back into the model ----

const ctxTag = (n: number) => 0xa0 | n;

/** The CadesDocument of a CMS SignedData; `detachedContent` is the document of a detached signature. */
export function decodeCades(der: Uint8Array, detachedContent?: Uint8Array): CadesDocument {
  let doc: CadesDocument;
  try {
    const ci = children(readNode(der));
    if (readOid(ci[0]) !== CMS_OID.signedData) throw new CannotExtend("not a CMS SignedData");
    const sd = children(children(ci[1]!)[0]!);
    const encap = children(sd[2]!);
    const eContentType = readOid(encap[0]);
    const attached = encap[1] ? content(children(encap[1])[0]!) : undefined;
    let i = 3;
    const certificates: Der[] = [];
    const crls: Der[] = [];
    if (sd[i]?.tag === ctxTag(0)) certificates.push(...children(sd[i++]!).map(whole));
    if (sd[i]?.tag === ctxTag(1)) crls.push(...children(sd[i++]!).map(whole));
    const signerInfos = children(sd[i]!).map((n) => decodeSignerInfo(n, certificates));
    if (!attached && !detachedContent)
      throw new CannotExtend("the signature is detached: give the signed document (--detached DOC)");
    doc = {
      eContentType,
      content: Uint8Array.from(attached ?? detachedContent!),
      detached: !attached,
      certificates,
      crls,
      signerInfos,
    };
  } catch (err) {
    if (err instanceof CannotExtend) throw err;
    throw new CannotExtend(`not a CAdES signature this application can read: ${(err as Error).message}`);
  }
  if (Buffer.compare(Buffer.from(encodeCades(doc)), Buffer.from(der)) !== 0)
    throw new CannotExtend(
      "the signature is not in the DER form this application writes; extending it would change signed bytes",
    );
  return doc;
}

function decodeSignerInfo(n: ReturnType<typeof readNode>, certificates: Der[]): CadesSignerInfo {
  const f = children(n);
  if (readInt(f[0]) !== 1n) throw new CannotExtend("only SignerInfo version 1 (issuer and serial) is supported");
  const sid = children(f[1]!);
  const issuerDer = whole(sid[0]!);
  const serialContent = content(sid[1]!);
  const digestAlg = HASH_BY_OID[readOid(children(f[2]!)[0])];
  if (!digestAlg) throw new CannotExtend("unknown digest algorithm");
  if (f[3]?.tag !== ctxTag(0)) throw new CannotExtend("a SignerInfo without signed attributes");
  const signedAttrs = children(f[3]).map(whole);
  const sigAlg = whole(f[4]!);
  const signature = content(f[5]!);
  const unsignedAttrs = f[6]?.tag === ctxTag(1) ? children(f[6]).map(whole) : [];
  const certDer = certificates.find((c) => {
    const cf = certFields(c);
    return (
      Buffer.compare(Buffer.from(cf.issuerDer), Buffer.from(issuerDer)) === 0 &&
      Buffer.compare(Buffer.from(cf.serialContent), Buffer.from(serialContent)) === 0
    );
  });
  if (!certDer) throw new CannotExtend("the signer's certificate is not in the signature");
  return {
    cert: certFields(certDer),
    digestAlg,
    signedAttrs: signedAttrs.map((a) => Uint8Array.from(a)),
    sigAlg: Uint8Array.from(sigAlg),
    signature: Uint8Array.from(signature),
    unsignedAttrs: unsignedAttrs.map((a) => Uint8Array.from(a)),
  };
}

const attrType = (a: Der) => readOid(children(readNode(a))[0]);
const attrValues = (a: Der) => children(children(readNode(a))[1]!).map(whole);
export const hasUnsigned = (si: CadesSignerInfo, type: string) => si.unsignedAttrs.some((a) => attrType(a) === type);
export const signedAttr = (si: CadesSignerInfo, type: string) => si.signedAttrs.find((a) => attrType(a) === type);

/** The TS 101 733 level of one signer as this application writes them. */
export function cadesLevel(si: CadesSignerInfo): "BES" | "T" | "X-L" | "A" {
  if (hasUnsigned(si, CMS_OID.archiveTimestampV2)) return "A";
  if (hasUnsigned(si, CMS_OID.revocationValues)) return "X-L";
  if (hasUnsigned(si, CMS_OID.signatureTimeStampToken)) return "T";
  return "BES";
}

// ---- validation data, fetched live ----

export interface ValidationData {
  /** every certificate of the paths (signer's and TSAs'), trust anchors included, and the OCSP responders */
  certs: Der[];
  crls: Der[];
  /** full OCSPResponse DER */
  ocspResponses: Der[];
  /** the signer's path without the anchor, and for each the data that answers for it (signer first) */
  signerPath: Der[];
  perCert: { crls: Der[]; ocspResponses: Der[] }[];
}

/** A BasicOCSPResponse wrapped back into an OCSPResponse (successful), as the CAdES builders take it. */
const ocspResponseOf = (basic: Der): Der => seq(enumerated(0), explicit(0, seq(oid(CMS_OID.basicOcsp), octets(basic))));

/** Time-stamp tokens' certificates (their TSAs first). */
function tokenCerts(token: Der): Cert[] {
  const sd = children(children(readNode(token))[1]!)[0]!;
  const out: Cert[] = [];
  for (const n of children(sd)) if (n.tag === ctxTag(0)) for (const c of children(n)) out.push(parseCert(whole(c)));
  return out;
}

function pathOf(cert: Cert, pool: Cert[], pki: PkiContext, at: Date): Cert[] {
  const paths = buildPaths(cert, { at, anchors: pki.anchors, intermediates: pool });
  if (!paths[0]) throw new Error(`no certification path for "${cert.subject.text}" to the trusted root`);
  return paths[0];
}

/**
 * The certificates and revocation data that validate `signer` and the TSAs of `tokens` at `at`, from the live
 * services. `signerRevocation` chooses what answers for the signer (P4: OCSP; P3: CRL); CA certificates get
 * their CRL. Throws naming the URL when a service does not answer: no long-term signature without its data.
 */
export async function gatherValidationData(
  signer: Der,
  tokens: Der[],
  pki: PkiContext,
  at: Date,
  signerRevocation: "crl" | "ocsp",
): Promise<ValidationData> {
  const signerCert = parseCert(signer);
  const fromTokens = tokens.flatMap(tokenCerts);
  const failures: FetchFailure[] = [];
  const pool = [...pki.intermediates, ...fromTokens];
  pool.push(...(await fetchIssuers([signerCert, ...fromTokens], [...pool, ...pki.anchors], 10_000, failures)));
  const signerPath = pathOf(signerCert, pool, pki, at);
  const tsaPaths = tokens.map((t) => pathOf(tokenCerts(t)[0]!, pool, pki, at));
  const all = new Map<string, Cert>();
  for (const c of [...signerPath, ...tsaPaths.flat()]) all.set(c.id, c);
  const { crls, ocsps } = await fetchRevocation([...all.values()], [], 10_000, failures);
  const isAnchor = (c: Cert) => pki.anchors.some((a) => a.id === c.id);
  const answerFor = (c: Cert, issuer: Cert, prefer: "crl" | "ocsp") => {
    const crl = crls.filter((x) => x.issuer.key === c.issuer.key);
    const ocsp = ocsps.filter((o) => findSingle(o, c, issuer));
    const use = prefer === "ocsp" && ocsp.length ? "ocsp" : crl.length ? "crl" : "ocsp";
    const got = {
      crls: use === "crl" ? crl.map((x) => x.der) : [],
      ocspResponses: use === "ocsp" ? ocsp.map((o) => ocspResponseOf(o.der)) : [],
    };
    if (!got.crls.length && !got.ocspResponses.length) {
      const why = failures.map((f) => `${f.what} ${f.url}: ${f.problem}`).join("; ");
      throw new Error(`no revocation data for "${c.subject.text}"${why ? ` (${why})` : ""}`);
    }
    return { ...got, responders: use === "ocsp" ? ocsp.flatMap((o) => o.certs) : [] };
  };
  const perCert: ValidationData["perCert"] = [];
  const certs = new Map<string, Der>();
  const crlSet = new Map<string, Der>();
  const ocspSet = new Map<string, Der>();
  const key = (d: Der) => Buffer.from(d).toString("base64");
  const take = (path: Cert[], signerFirst: "crl" | "ocsp", record: boolean) =>
    path.forEach((c, i) => {
      certs.set(key(c.der), c.der);
      if (isAnchor(c)) return;
      const got = answerFor(c, path[i + 1]!, i === 0 ? signerFirst : "crl");
      for (const x of got.crls) crlSet.set(key(x), x);
      for (const x of got.ocspResponses) ocspSet.set(key(x), x);
      for (const r of got.responders) certs.set(key(r.der), r.der);
      if (record) perCert.push({ crls: got.crls, ocspResponses: got.ocspResponses });
    });
  take(signerPath, signerRevocation, true);
  for (const p of tsaPaths) take(p, "crl", false);
  return {
    certs: [...certs.values()],
    crls: [...crlSet.values()],
    ocspResponses: [...ocspSet.values()],
    signerPath: signerPath.filter((c) => !isAnchor(c)).map((c) => c.der),
    perCert,
  };
}

// ---- CAdES levels ----

const tokensOf = (si: CadesSignerInfo, types: string[]) =>
  si.unsignedAttrs.filter((a) => types.includes(attrType(a))).flatMap(attrValues);

export interface Extender {
  pki: PkiContext;
  tsa: Tsa;
  /** the services' now: the time the data is fetched for */
  now: () => Promise<Date>;
  signerRevocation: "crl" | "ocsp";
  /** flaw upgrade-without-revocation-values: the values carry the certificates but no CRL or OCSP answer */
  withoutRevocationValues?: boolean;
  /** P2/P3: X-L only after this long past the signature time-stamp */
  graceMs?: number;
  /** flaw upgrade-in-grace: the grace period is not waited for */
  ignoreGrace?: boolean;
}

/** genTime of an RFC 3161 token (TSTInfo's fifth field). */
export function tokenTime(token: Der): Date {
  const sd = children(children(readNode(token))[1]!)[0]!;
  const encap = children(children(sd)[2]!);
  const tst = children(readNode(content(children(encap[1]!)[0]!)));
  const s = Buffer.from(content(tst[4]!)).toString("latin1");
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d+)?Z$/.exec(s);
  if (!m) throw new CannotExtend(`time-stamp genTime ${s} unreadable`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}Z`);
}

/** P2/P3's grace period: revocation data for X-L must be issued at least this long after the time-stamp. */
export const GRACE_MS = 24 * 3_600_000;

export async function cadesToT(si: CadesSignerInfo, x: Extender): Promise<void> {
  if (hasUnsigned(si, CMS_OID.signatureTimeStampToken)) return;
  addSignatureTimestamp(si, await x.tsa.stamp(signatureTimestampImprint(si, si.digestAlg), si.digestAlg));
}

/** ES-C references, the ES-X type 1 time-stamp over them, then the values they name (ES-X-L). */
export async function cadesToXL(si: CadesSignerInfo, x: Extender): Promise<void> {
  if (hasUnsigned(si, CMS_OID.revocationValues)) return;
  await cadesToT(si, x);
  const hash: HashName = si.digestAlg === "SHA-1" ? "SHA-256" : si.digestAlg;
  const at = await x.now();
  const sigTokens = tokensOf(si, [CMS_OID.signatureTimeStampToken]);
  if (x.graceMs) {
    const stamped = tokenTime(sigTokens[0]!);
    if (at.getTime() < stamped.getTime() + x.graceMs && !x.ignoreGrace)
      throw new CannotExtend(
        `the signature was time-stamped at ${stamped.toISOString()}; its profile wants revocation data issued after ` +
          `the grace period, so X-L can be made from ${new Date(stamped.getTime() + x.graceMs).toISOString()} / ` +
          "profil, askı süresinden sonra yayımlanmış iptal verisi ister; X-L bu zamandan sonra yapılabilir",
      );
  }
  const refs = await gatherValidationData(si.cert.der, sigTokens, x.pki, at, x.signerRevocation);
  // complete-certificate-references name the CA certificates of the path, the trust anchor included
  const caCerts = refs.certs.filter(
    (c) =>
      Buffer.compare(Buffer.from(c), Buffer.from(si.cert.der)) !== 0 &&
      (refs.signerPath.some((p) => Buffer.compare(Buffer.from(p), Buffer.from(c)) === 0) ||
        x.pki.anchors.some((a) => Buffer.compare(Buffer.from(a.der), Buffer.from(c)) === 0)),
  );
  addCompleteReferences(si, caCerts, refs.perCert, hash);
  const escToken = await x.tsa.stamp(escTimestampImprint(si, hash), hash);
  addEscTimestamp(si, escToken);
  const values = await gatherValidationData(si.cert.der, [...sigTokens, escToken], x.pki, at, x.signerRevocation);
  if (x.withoutRevocationValues) addValues(si, values.certs, [], []);
  else addValues(si, values.certs, values.crls, values.ocspResponses);
}

/** ES-A: an ATSv2 archive time-stamp over the whole X-L signature (and again, to renew it). */
export async function cadesArchive(doc: CadesDocument, index: number, x: Extender): Promise<void> {
  const si = doc.signerInfos[index]!;
  await cadesToXL(si, x);
  const hash: HashName = si.digestAlg === "SHA-1" ? "SHA-256" : si.digestAlg;
  addArchiveTimestampV2(si, await x.tsa.stamp(archiveTimestampV2Imprint(doc, index, hash), hash));
}

export const CADES_TARGETS = ["T", "XL", "A"] as const;
export type CadesTarget = (typeof CADES_TARGETS)[number];

/** Takes every signer of `doc` up to `to` (a level it already has or passed is left as it is). */
export async function upgradeCades(doc: CadesDocument, to: CadesTarget, x: Extender): Promise<void> {
  for (let i = 0; i < doc.signerInfos.length; i++) {
    const si = doc.signerInfos[i]!;
    if (to === "T") await cadesToT(si, x);
    else if (to === "XL") await cadesToXL(si, x);
    else if (!hasUnsigned(si, CMS_OID.archiveTimestampV2)) await cadesArchive(doc, i, x);
  }
}

/** A new archive time-stamp on every A-level signer (renewal before the previous one's TSA expires). */
export async function renewCadesArchive(doc: CadesDocument, x: Extender): Promise<void> {
  const levels = doc.signerInfos.map(cadesLevel);
  if (!levels.includes("A")) throw new CannotExtend(`the signature is ${levels.join("/")}, not A: upgrade it first`);
  for (let i = 0; i < doc.signerInfos.length; i++)
    if (cadesLevel(doc.signerInfos[i]!) === "A") {
      const si = doc.signerInfos[i]!;
      const hash: HashName = si.digestAlg === "SHA-1" ? "SHA-256" : si.digestAlg;
      addArchiveTimestampV2(si, await x.tsa.stamp(archiveTimestampV2Imprint(doc, i, hash), hash));
    }
}

// ---- PAdES ----

export const pdfSignatureCount = (pdf: Uint8Array) => signatureContents(pdf).length;

/** The signer certificate and signature time-stamp tokens of each CMS in the PDF (document time-stamps: the TSA). */
function pdfSignatures(pdf: Uint8Array): { signer: Der; tokens: Der[] }[] {
  return signatureContents(pdf).map((cms) => {
    const sd = children(children(readNode(cms))[1]!)[0]!;
    const f = children(sd);
    const certs = f.filter((n) => n.tag === ctxTag(0)).flatMap((n) => children(n).map(whole));
    const si = children(f.at(-1)!)[0]!;
    const sif = children(si);
    const sid = children(sif[1]!);
    const signer = certs.find((c) => {
      const cf = certFields(c);
      return (
        Buffer.compare(Buffer.from(cf.issuerDer), Buffer.from(whole(sid[0]!))) === 0 &&
        Buffer.compare(Buffer.from(cf.serialContent), Buffer.from(content(sid[1]!))) === 0
      );
    });
    if (!signer) throw new CannotExtend("a PDF signature without its signer's certificate");
    const u = sif.find((n) => n.tag === ctxTag(1));
    const tokens = u
      ? children(u)
          .map(whole)
          .filter((a) => attrType(a) === CMS_OID.signatureTimeStampToken)
          .flatMap(attrValues)
      : [];
    return { signer, tokens };
  });
}

export async function padesValidationData(pdf: Uint8Array, x: Extender): Promise<Omit<ValidationData, "perCert">> {
  const at = await x.now();
  const sigs = pdfSignatures(pdf);
  if (!sigs.length) throw new CannotExtend("the PDF has no signature");
  const out = { certs: new Map<string, Der>(), crls: new Map<string, Der>(), ocsps: new Map<string, Der>() };
  const key = (d: Der) => Buffer.from(d).toString("base64");
  for (const s of sigs) {
    const d = await gatherValidationData(s.signer, s.tokens, x.pki, at, x.signerRevocation);
    for (const c of d.certs) out.certs.set(key(c), c);
    for (const c of d.crls) out.crls.set(key(c), c);
    for (const c of d.ocspResponses) out.ocsps.set(key(c), c);
  }
  return {
    certs: [...out.certs.values()],
    crls: [...out.crls.values()],
    ocspResponses: [...out.ocsps.values()],
    signerPath: [],
  };
}

/** A document time-stamp from the live TSA: the byte ranges are fixed by a first pass, the token fills the second. */
export async function addLiveDocumentTimestamp(pdf: Uint8Array, tsa: Tsa, hash: HashName = "SHA-256") {
  let imprint: Uint8Array | undefined;
  const count = pdfSignatures(pdf).length;
  const o = { hash, fieldName: `BelgeZamanDamgasi${count}` };
  addDocumentTimestamp(
    pdf,
    (i) => {
      imprint = Uint8Array.from(i);
      return new Uint8Array(0);
    },
    o,
  );
  const token = await tsa.stamp(imprint!, hash);
  return addDocumentTimestamp(
    pdf,
    (i) => {
      if (Buffer.compare(Buffer.from(i), Buffer.from(imprint!)) !== 0)
        throw new Error("PAdES: the document time-stamp's byte ranges changed between the two passes");
      return token;
    },
    o,
  );
}

export const PADES_TARGETS = ["LT", "LTA"] as const;
export type PadesTarget = (typeof PADES_TARGETS)[number];

/** B-B/B-T → B-LT: a DSS with every signature's validation data; → B-LTA: then a document time-stamp. */
export async function upgradePades(pdf: Uint8Array, to: PadesTarget, x: Extender): Promise<Uint8Array> {
  const data = await padesValidationData(pdf, x);
  const revocation = x.withoutRevocationValues ? { crls: [], ocspResponses: [] } : data;
  let out = addDss(pdf, {
    certs: data.certs,
    crls: revocation.crls,
    ocspResponses: revocation.ocspResponses,
    vri: true,
  });
  if (to === "LTA") out = await addLiveDocumentTimestamp(out, x.tsa);
  return out;
}

/** B-LTA renewal: the last document time-stamp's validation data in a new DSS, then a new document time-stamp. */
export async function renewPadesArchive(pdf: Uint8Array, x: Extender): Promise<Uint8Array> {
  const text = Buffer.from(pdf).toString("latin1");
  if (!text.includes("/ETSI.RFC3161"))
    throw new CannotExtend("the PDF has no document time-stamp: upgrade it to LTA first");
  return upgradePades(pdf, "LTA", x);
}
