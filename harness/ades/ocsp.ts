// OCSP responses (RFC 6960): decode, match a certificate, check the responder's authority and signature.
import { createHash } from "node:crypto";
import { algId, digestByOid, verifyObject, type AlgId } from "./algs.ts";
import { bitString, octetBits, bytes, children, content, CTX, DerError, expect, hex, intHex, intNum, oid, parseDer, readNode, seq, T, time, type Node } from "./der.ts";
import { certKey, hasKu, KU, parseCert, parseName, type Cert, type Name } from "./x509.ts";

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
}

const cache = new Map<string, BasicOcsp>();

/** Accepts a full OCSPResponse or a bare BasicOCSPResponse (CAdES revocationValues carry the latter). */
export function parseOcsp(der: Uint8Array): BasicOcsp {
  const id = createHash("sha256").update(der).digest("hex");
  const hit = cache.get(id);
  if (hit) return hit;
  let root = parseDer(der, "OCSP response");
  let f = seq(root, "OCSP response");
  if (f[0]?.tag === T.ENUMERATED) {
    const status = intNum(f[0]);
    if (status !== 0) throw new DerError(`OCSP responseStatus is ${status}, not successful`);
    const rb = seq(children(expect(f[1], 0, "responseBytes", CTX))[0], "ResponseBytes");
    if (oid(rb[0]) !== "1.3.6.1.5.5.7.48.1.1") throw new DerError("OCSP response is not id-pkix-ocsp-basic");
    root = parseDer(content(expect(rb[1], T.OCTET_STRING, "response")), "BasicOCSPResponse");
    f = seq(root, "BasicOCSPResponse");
  }
  const basic = decodeBasic(root, f, id);
  if (cache.size > 5000) cache.clear();
  cache.set(id, basic);
  return basic;
}

function decodeBasic(root: Node, f: Node[], id: string): BasicOcsp {
  const [tbsN, sigAlgN, sigN, certsN] = f;
  const rd = seq(tbsN, "ResponseData");
  let i = 0;
  if (rd[0]?.cls === CTX && rd[0].tag === 0) i++;
  const rid = rd[i++];
  const out: BasicOcsp = {
    der: bytes(root),
    id,
    tbs: bytes(tbsN),
    sigAlg: algId(sigAlgN, "OCSP signatureAlgorithm"),
    signature: octetBits(sigN, "OCSP signature"),
    producedAt: new Date(0),
    responses: [],
    certs: [],
  };
  if (rid.cls === CTX && rid.tag === 1) out.responderName = parseName(children(rid)[0]);
  else if (rid.cls === CTX && rid.tag === 2) out.responderKeyHash = hex(content(children(rid)[0]));
  out.producedAt = time(rd[i++], "producedAt");
  for (const sr of seq(rd[i++], "responses")) {
    const s = seq(sr, "SingleResponse");
    const cid = seq(s[0], "CertID");
    const r: SingleResponse = {
      hashAlg: algId(cid[0], "CertID hash").oid,
      issuerNameHash: hex(content(cid[1])),
      issuerKeyHash: hex(content(cid[2])),
      serialHex: intHex(cid[3]),
      status: "unknown",
      thisUpdate: new Date(0),
    };
    const st = s[1];
    if (st.cls === CTX && st.tag === 0) r.status = "good";
    else if (st.cls === CTX && st.tag === 1) {
      r.status = "revoked";
      const rv = children(st);
      r.revokedAt = time(rv[0], "revocationTime");
      if (rv[1]) r.reason = content(children(rv[1])[0])[0];
    }
    r.thisUpdate = time(s[2], "thisUpdate");
    for (const x of s.slice(3)) if (x.cls === CTX && x.tag === 0) r.nextUpdate = time(children(x)[0], "nextUpdate");
    out.responses.push(r);
  }
  if (certsN?.cls === CTX && certsN.tag === 0) {
    for (const c of seq(children(certsN)[0], "OCSP certs")) out.certs.push(parseCert(bytes(c)));
  }
  return out;
}

/** The subjectPublicKey BIT STRING value (what OCSP's issuerKeyHash hashes). */
export function spkiKeyBits(c: Cert): Uint8Array {
  const [, bits] = children(readNode(c.spki));
  return bitString(bits).bytes;
}

/** The single response in `resp` about `cert` (issued by `issuer`), if any. */
export function findSingle(resp: BasicOcsp, cert: Cert, issuer: Cert): SingleResponse | undefined {
  for (const r of resp.responses) {
    if (r.serialHex !== cert.serialHex) continue;
    try {
      if (hex(digestByOid(r.hashAlg, cert.issuer.der)) !== r.issuerNameHash) continue;
      if (hex(digestByOid(r.hashAlg, spkiKeyBits(issuer))) !== r.issuerKeyHash) continue;
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
export function ocspSigner(resp: BasicOcsp, issuer: Cert, pool: Cert[]): { signer?: Cert; delegated: boolean; problem?: string } {
  const candidates = [issuer, ...resp.certs, ...pool];
  const matchesId = (c: Cert): boolean => {
    if (resp.responderName) return c.subject.key === resp.responderName.key;
    if (resp.responderKeyHash) return hex(createHash("sha1").update(spkiKeyBits(c)).digest()) === resp.responderKeyHash;
    return false;
  };
  let problem = "no certificate matches the OCSP responder id";
  for (const c of candidates) {
    if (!matchesId(c)) continue;
    if (!verifyObject(resp.id, resp.sigAlg, certKey(c), resp.tbs, resp.signature)) {
      problem = "the OCSP response signature does not verify";
      continue;
    }
    if (c.id === issuer.id || (c.subject.key === issuer.subject.key && c.spki.length === issuer.spki.length && Buffer.compare(Buffer.from(c.spki), Buffer.from(issuer.spki)) === 0)) {
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
