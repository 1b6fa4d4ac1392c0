// Verifying one CMS SignerInfo: find the signer's certificate, check message digest, signature value and the
// ESS signing-certificate (v1/v2) binding. Shared by CAdES signatures, counter-signatures, time-stamp tokens
// and PAdES.
import {
  cmsSignatureHash,
  DIGEST_OIDS,
  digest,
  digestByOid,
  sigAlgUnsupported,
  verifySignature,
  type DigestName,
} from "./algs.ts";
import { attr, parseSignedData, type SignedData, type SignerInfo } from "./cms.ts";
import { children, content, DerError, expect, readOid, readTime, seqOf, TAG, toHex, type Node } from "../asn1/der.ts";
import { CMS_OID } from "../asn1/oids.ts";
import { certKey, parseCert, parseGeneralNames, type Cert } from "./x509.ts";

export interface EssCertRef {
  version: 1 | 2;
  hash: DigestName;
  certHash: string;
  issuerKey?: string;
  serialHex?: string;
}

export interface SignerCheck {
  cert?: Cert;
  certProblem?: string;
  messageDigestOk?: boolean;
  messageDigestProblem?: string;
  signatureOk: boolean;
  /** Set when the signature algorithm is one uyum cannot verify: signatureOk is then no verdict. */
  sigAlgUnsupported?: string;
  /** The hash the signature was verified with, and a note when the signatureAlgorithm names another. */
  sigHash?: DigestName;
  sigHashNote?: string;
  /** Why the signature is invalid beyond "does not verify" (e.g. a PSS hash unlike the digestAlgorithm). */
  signatureProblem?: string;
  contentTypeOk: boolean;
  ess?: EssCertRef[];
  essOk?: boolean;
  essProblem?: string;
  signingTime?: Date;
}

export function findSignerCert(si: SignerInfo, pool: Cert[]): Cert | undefined {
  return pool.find((c) =>
    si.sid.ski !== undefined
      ? c.ski === si.sid.ski
      : c.serialHex === si.sid.serialHex && c.issuer.key === si.sid.issuer?.key,
  );
}

export function essRefs(si: SignerInfo): EssCertRef[] | undefined {
  const v2 = attr(si.signedAttrs, CMS_OID.signingCertificateV2);
  const v1 = attr(si.signedAttrs, CMS_OID.signingCertificate);
  const a = v2 ?? v1;
  if (!a) return undefined;
  const refs: EssCertRef[] = [];
  const [sc] = a.values;
  const [certs] = seqOf(sc, "SigningCertificate");
  for (const id of seqOf(certs, "ESSCertID list")) {
    const f = seqOf(id, "ESSCertID");
    let i = 0;
    let hash: DigestName = v2 ? "SHA-256" : "SHA-1";
    if (v2 && f[0]?.tag === TAG.SEQUENCE) {
      const h = DIGEST_OIDS[readOid(children(f[i++])[0])];
      if (!h) throw new DerError("ESSCertIDv2 uses an unknown hash algorithm");
      hash = h;
    }
    const ref: EssCertRef = { version: v2 ? 2 : 1, hash, certHash: toHex(content(f[i++])) };
    if (f[i]) {
      const [gns, ser] = seqOf(f[i], "IssuerSerial");
      const dn = parseGeneralNames(gns).find((g) => g.type === "dn");
      if (dn && dn.type === "dn") ref.issuerKey = dn.name.key;
      ref.serialHex = toHex(content(expect(ser, TAG.INTEGER, "IssuerSerial serialNumber")));
    }
    refs.push(ref);
  }
  return refs;
}

/**
 * Verify a SignerInfo over `content` (the eContent or the detached document). `pool` holds every certificate
 * we know (SignedData.certificates, certificate-values, extra certificates, anchors).
 */
export function checkSigner(
  si: SignerInfo,
  eContentType: string,
  contentBytes: Uint8Array | undefined,
  pool: Cert[],
): SignerCheck {
  const out: SignerCheck = { signatureOk: false, contentTypeOk: true };
  const cert = findSignerCert(si, pool);
  if (!cert) out.certProblem = "the signer's certificate is not in the signature nor among the known certificates";
  out.cert = cert;
  out.sigAlgUnsupported = sigAlgUnsupported(si.sigAlg, si.digestHash);
  const sh = cmsSignatureHash(si.sigAlg, si.digestHash);
  out.sigHash = sh.hash;
  if (sh.mismatch && !sh.fatal) out.sigHashNote = sh.mismatch;
  const st = attr(si.signedAttrs, CMS_OID.signingTime);
  if (st) out.signingTime = readTime(st.values[0], "signingTime");
  if (si.signedAttrsDer) {
    const md = attr(si.signedAttrs, CMS_OID.messageDigest);
    if (!md) {
      out.messageDigestOk = false;
      out.messageDigestProblem = "the message-digest attribute is missing";
    } else if (contentBytes === undefined) {
      out.messageDigestOk = false;
      out.messageDigestProblem = "the signed content is not available (detached signature without the document)";
    } else if (!si.digestHash) {
      out.messageDigestOk = false;
      out.messageDigestProblem = `unknown digest algorithm ${si.digestAlg.oid}`;
    } else {
      out.messageDigestOk = toHex(content(md.values[0])) === toHex(digest(si.digestHash, contentBytes));
      if (!out.messageDigestOk) out.messageDigestProblem = "the message digest does not match the signed content";
    }
    const ct = attr(si.signedAttrs, CMS_OID.contentType);
    if (ct && readOid(ct.values[0]) !== eContentType) out.contentTypeOk = false;
    if (cert && sh.fatal) out.signatureProblem = sh.mismatch;
    else if (cert)
      out.signatureOk = verifySignature(
        si.sigAlg,
        certKey(cert),
        si.signedAttrsDer,
        si.signature,
        si.digestHash,
        sh.hash,
      );
  } else if (cert && contentBytes !== undefined) {
    out.signatureOk = verifySignature(si.sigAlg, certKey(cert), contentBytes, si.signature, si.digestHash);
    out.messageDigestOk = out.signatureOk;
  }
  out.ess = essRefs(si);
  if (out.ess && cert) {
    const first = out.ess[0];
    const ok =
      toHex(digest(first.hash, cert.der)) === first.certHash &&
      (first.serialHex === undefined ||
        (first.serialHex === cert.serialHex && (first.issuerKey === undefined || first.issuerKey === cert.issuer.key)));
    out.essOk = ok;
    if (!ok) out.essProblem = "the ESS signing-certificate attribute does not identify the signer's certificate";
  }
  return out;
}

// ---------- time-stamp tokens (RFC 3161) ----------

export interface TstInfo {
  policy: string;
  imprintHashOid: string;
  imprint: string;
  serialHex: string;
  genTime: Date;
  nonce?: string;
}

export interface Timestamp {
  der: Uint8Array;
  sd: SignedData;
  tst: TstInfo;
  signer: SignerCheck;
  /** Certificates carried in the token. */
  certs: Cert[];
}

export function parseTstInfo(b: Uint8Array, parse: (b: Uint8Array) => Node): TstInfo {
  const f = seqOf(parse(b), "TSTInfo");
  let i = 1;
  const policy = readOid(f[i++], "TSA policy");
  const [ha, hv] = seqOf(f[i++], "messageImprint");
  const imprintHashOid = readOid(children(ha)[0]);
  const tst: TstInfo = {
    policy,
    imprintHashOid,
    imprint: toHex(content(hv)),
    serialHex: toHex(content(expect(f[i++], TAG.INTEGER, "TSTInfo serialNumber"))),
    // RFC 3161 asks for DER, yet real TSAs write fractions with trailing zeros ("...00.920Z"): read them.
    genTime: readTime(f[i++], "genTime", { fractionZeros: true }),
  };
  for (; i < f.length; i++) if (f[i]?.tag === TAG.INTEGER) tst.nonce = toHex(content(f[i]));
  return tst;
}

/** Decode and verify a time-stamp token's own CMS signature (not its certificate path). */
export function parseTimestamp(der: Uint8Array, extraPool: Cert[], parse: (b: Uint8Array) => Node): Timestamp {
  const sd = parseSignedData(der);
  if (sd.eContentType !== CMS_OID.tstInfo || !sd.eContent)
    throw new DerError("time-stamp token does not contain a TSTInfo");
  const tst = parseTstInfo(sd.eContent, parse);
  const certs = sd.certificates.map(parseCert);
  const si = sd.signerInfos[0];
  if (!si) throw new DerError("time-stamp token has no SignerInfo");
  const signer = checkSigner(si, sd.eContentType, sd.eContent, [...certs, ...extraPool]);
  return { der, sd, tst, signer, certs };
}

export function imprintMatches(ts: Timestamp, data: Uint8Array | Uint8Array[]): boolean {
  try {
    return toHex(digestByOid(ts.tst.imprintHashOid, data)) === ts.tst.imprint;
  } catch {
    return false;
  }
}
