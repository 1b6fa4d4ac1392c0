// OCSP responses (RFC 6960): decode, match a certificate, check the responder's authority and signature.
import { createHash } from "node:crypto";
import { algId, digestByOid, verifyObject, type AlgId } from "./algs.ts";
import {
  children,
  content,
  DerError,
  expect,
  isCtx,
  parseDer,
  readBits,
  readInt,
  readNode,
  readOid,
  readTime,
  seqOf,
  TAG,
  toHex,
  whole,
  type Node,
} from "../asn1/der.ts";
import { CMS_OID } from "../asn1/oids.ts";
import { certKey, hasKu, KU, parseCert, parseName, signatureOctets, type Cert, type Name } from "./x509.ts";

export interface SingleResponse {
  hashAlg: string;
  issuerNameHash: string;
  issuerKeyHash: string;
  serialHex: string;
  status: "good" | "revoked" | "unknown";
  revokedAt?: Date;
  reason?: number;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface BasicOcsp {
  der: Uint8Array;
  id: string;
  tbs: Uint8Array;
  sigAlg: AlgId;
  signature: Uint8Array;
  responderName?: Name;
  responderKeyHash?: string;
  producedAt: Date;
  responses: SingleResponse[];
  certs: Cert[];
  /** the nonce extension's value (RFC 8954), when the responder sent one */
  nonce?: Uint8Array;
}

const cache = new Map<string, BasicOcsp>();

/** Accepts a full OCSPResponse or a bare BasicOCSPResponse (CAdES revocationValues carry the latter). */
export function parseOcsp(der: Uint8Array): BasicOcsp {
  const id = createHash("sha256").update(der).digest("hex");
  const hit = cache.get(id);
  if (hit) return hit;
  let root = parseDer(der, "OCSP response");
  let f = seqOf(root, "OCSP response");
  if (f[0]?.tag === TAG.ENUMERATED) {
    const status = Number(readInt(f[0], "responseStatus"));
    if (status !== 0) throw new DerError(`OCSP responseStatus is ${status}, not successful`);
    const rb = seqOf(children(expect(f[1], 0xa0, "responseBytes"))[0], "ResponseBytes");
    if (readOid(rb[0]) !== CMS_OID.basicOcsp) throw new DerError("OCSP response is not id-pkix-ocsp-basic");
    root = parseDer(content(expect(rb[1], TAG.OCTET_STRING, "response")), "BasicOCSPResponse");
    f = seqOf(root, "BasicOCSPResponse");
  }
  const basic = decodeBasic(root, f, id);
  if (cache.size > 5000) cache.clear();
  cache.set(id, basic);
  return basic;
}

function decodeBasic(root: Node, f: Node[], id: string): BasicOcsp {
  const [tbsN, sigAlgN, sigN, certsN] = f;
  const rd = seqOf(tbsN, "ResponseData");
  let i = 0;
  if (isCtx(rd[0], 0)) i++;
  const rid = rd[i++];
  const out: BasicOcsp = {
    der: whole(root),
    id,
    tbs: whole(tbsN),
    sigAlg: algId(sigAlgN, "OCSP signatureAlgorithm"),
    signature: signatureOctets(sigN, "OCSP signature"),
    producedAt: new Date(0),
    responses: [],
    certs: [],
  };
  if (isCtx(rid, 1)) out.responderName = parseName(children(rid)[0]);
  else if (isCtx(rid, 2)) out.responderKeyHash = toHex(content(children(rid)[0]));
  out.producedAt = readTime(rd[i++], "producedAt");
  for (const sr of seqOf(rd[i++], "responses")) {
    const s = seqOf(sr, "SingleResponse");
    const cid = seqOf(s[0], "CertID");
    const r: SingleResponse = {
      hashAlg: algId(cid[0], "CertID hash").oid,
      issuerNameHash: toHex(content(cid[1])),
      issuerKeyHash: toHex(content(cid[2])),
      serialHex: toHex(content(expect(cid[3], TAG.INTEGER, "CertID serialNumber"))),
      status: "unknown",
      thisUpdate: new Date(0),
    };
    const st = s[1];
    if (isCtx(st, 0)) r.status = "good";
    else if (isCtx(st, 1)) {
      r.status = "revoked";
      const rv = children(st);
      r.revokedAt = readTime(rv[0], "revocationTime");
      if (rv[1]) r.reason = content(children(rv[1])[0])[0];
    }
    r.thisUpdate = readTime(s[2], "thisUpdate");
    for (const x of s.slice(3)) if (isCtx(x, 0)) r.nextUpdate = readTime(children(x)[0], "nextUpdate");
    out.responses.push(r);
  }
  const extensions = rd[i];
  if (isCtx(extensions, 1)) out.nonce = nonceOf(extensions);
  if (isCtx(certsN, 0)) {
    for (const c of seqOf(children(certsN)[0], "OCSP certs")) out.certs.push(parseCert(whole(c)));
  }
  return out;
}

/** responseExtensions' nonce: extnValue holds OCTET STRING { nonce } (RFC 8954); older responders put the bytes bare. */
function nonceOf(extensions: Node): Uint8Array | undefined {
  try {
    return findNonce(extensions);
  } catch {
    return undefined; // a malformed extension is no nonce; the rest of the answer is judged as before
  }
}

function findNonce(extensions: Node): Uint8Array | undefined {
  for (const ext of seqOf(children(extensions)[0], "responseExtensions")) {
    const parts = seqOf(ext, "Extension");
    if (readOid(parts[0]) !== OCSP_NONCE) continue;
    const value = content(expect(parts[parts.length - 1], TAG.OCTET_STRING, "nonce extnValue"));
    try {
      return content(expect(parseDer(value, "nonce"), TAG.OCTET_STRING, "nonce"));
    } catch {
      return value;
    }
  }
  return undefined;
}

const OCSP_NONCE = "1.3.6.1.5.5.7.48.1.2";

/** The subjectPublicKey BIT STRING value (what OCSP's issuerKeyHash hashes). */
export function spkiKeyBits(c: Cert): Uint8Array {
  const [, bits] = children(readNode(c.spki));
  return readBits(bits).bytes;
}

/** The single response in `resp` about `cert` (issued by `issuer`), if any. */
export function findSingle(resp: BasicOcsp, cert: Cert, issuer: Cert): SingleResponse | undefined {
  for (const r of resp.responses) {
    if (r.serialHex !== cert.serialHex) continue;
    try {
      if (toHex(digestByOid(r.hashAlg, cert.issuer.der)) !== r.issuerNameHash) continue;
      if (toHex(digestByOid(r.hashAlg, spkiKeyBits(issuer))) !== r.issuerKeyHash) continue;
    } catch {
      continue;
    }
    return r;
  }
  return undefined;
}

export const EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

/**
 * Who signed the response: the certificate's issuer itself, or a responder certificate issued by that
 * issuer with the OCSPSigning EKU (RFC 6960 §4.2.2.2). Returns the signer, or why none qualifies.
 */
export function ocspSigner(
  resp: BasicOcsp,
  issuer: Cert,
  pool: Cert[],
): { signer?: Cert; delegated: boolean; problem?: string } {
  const candidates = [issuer, ...resp.certs, ...pool];
  const matchesId = (c: Cert): boolean => {
    if (resp.responderName) return c.subject.key === resp.responderName.key;
    if (resp.responderKeyHash)
      return toHex(createHash("sha1").update(spkiKeyBits(c)).digest()) === resp.responderKeyHash;
    return false;
  };
  let problem = "no certificate matches the OCSP responder id";
  for (const c of candidates) {
    if (!matchesId(c)) continue;
    if (!verifyObject(resp.id, resp.sigAlg, certKey(c), resp.tbs, resp.signature)) {
      problem = "the OCSP response signature does not verify";
      continue;
    }
    if (
      c.id === issuer.id ||
      (c.subject.key === issuer.subject.key &&
        c.spki.length === issuer.spki.length &&
        Buffer.compare(Buffer.from(c.spki), Buffer.from(issuer.spki)) === 0)
    ) {
      return { signer: c, delegated: false };
    }
    if (c.issuer.key !== issuer.subject.key || !verifyObject(c.id, c.sigAlg, certKey(issuer), c.tbs, c.sigValue)) {
      problem = "the OCSP responder certificate is not issued by the certificate's issuer (forged or wrong responder)";
      continue;
    }
    if (!c.extKeyUsage?.includes(EKU_OCSP_SIGNING)) {
      problem = "the OCSP responder certificate lacks the OCSPSigning extended key usage";
      continue;
    }
    if (!hasKu(c, KU.digitalSignature) && !hasKu(c, KU.nonRepudiation)) {
      problem = "the OCSP responder certificate's keyUsage does not allow signing";
      continue;
    }
    return { signer: c, delegated: true };
  }
  return { delegated: false, problem };
}
