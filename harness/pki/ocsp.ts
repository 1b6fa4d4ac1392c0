// OCSP (RFC 6960): BasicOCSPResponse encoding with faults, and request parsing for the responder service.
import { entityKey } from "./build.ts";
import {
  bits,
  children,
  content,
  enumerated,
  explicit,
  generalizedTime,
  implicitConstructed,
  implicitPrimitive,
  int,
  nul,
  octets,
  oid,
  parseDer,
  readIntHex,
  readOid,
  seq,
  whole,
  type Der,
  type Node,
} from "../asn1/der.ts";
import { signatureAlgorithm, signWithKey } from "./keys.ts";
import { HASH_BY_OID, HASH_OID, type HashName, OID, digest } from "../asn1/oids.ts";
import { REASON_CODE, type OcspFault, type Pki, type PkiEntity, type RevocationReason } from "./types.ts";
import { forge } from "./x509.ts";

export type OcspCertStatus = "good" | "revoked" | "unknown";
export const OCSP_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

export interface CertId {
  hash: HashName;
  /** the AlgorithmIdentifier exactly as requested (echoed back), if it came from a request */
  hashAlgDer?: Uint8Array;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serialHex: string;
}
export function certIdFor(pki: Pki, certLabel: string, hash: HashName = "SHA-1"): CertId {
  const cert = pki.get(certLabel);
  if (!cert.issuerLabel)
    throw new Error(`makeOcspResponse: ${certLabel} is self-signed; OCSP has no issuer to answer for it`);
  const issuer = pki.get(cert.issuerLabel);
  return {
    hash,
    issuerNameHash: digest(hash, issuer.subjectDer),
    issuerKeyHash: digest(hash, entityKey(issuer).publicKeyBits),
    serialHex: cert.serialHex,
  };
}
const encodeCertId = (c: CertId): Der =>
  seq(
    c.hashAlgDer ?? seq(oid(HASH_OID[c.hash]), nul()),
    octets(c.issuerNameHash),
    octets(c.issuerKeyHash),
    int(c.serialHex),
  );

export interface SingleStatus {
  certId: CertId;
  status: OcspCertStatus;
  revokedAt?: Date;
  revocationReason?: RevocationReason;
  thisUpdate: Date;
  nextUpdate?: Date;
}
function encodeSingle(s: SingleStatus): Der {
  let status: Der;
  if (s.status === "good") status = implicitPrimitive(0, nul());
  else if (s.status === "unknown") status = implicitPrimitive(2, nul());
  else {
    if (!s.revokedAt) throw new Error("makeOcspResponse: status revoked needs revokedAt");
    // RevokedInfo ::= SEQUENCE { revocationTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }, [1] IMPLICIT
    status = implicitConstructed(
      1,
      seq(generalizedTime(s.revokedAt), s.revocationReason && explicit(0, enumerated(REASON_CODE[s.revocationReason]))),
    );
  }
  return seq(
    encodeCertId(s.certId),
    status,
    generalizedTime(s.thisUpdate),
    s.nextUpdate && explicit(0, generalizedTime(s.nextUpdate)),
  );
}

export interface BasicResponseInput {
  signer: PkiEntity;
  /** certificates to include in `certs` (a delegated responder's own certificate) */
  includeCerts: PkiEntity[];
  producedAt: Date;
  responses: SingleStatus[];
  /** the nonce extension's extnValue content, echoed exactly as requested */
  nonceExtValue?: Uint8Array;
  forged?: boolean;
}
export function encodeOcspResponse(i: BasicResponseInput): Uint8Array {
  const key = entityKey(i.signer);
  const responderId = explicit(2, octets(digest("SHA-1", key.publicKeyBits))); // byKey
  const tbs = seq(
    responderId,
    generalizedTime(i.producedAt),
    seq(...i.responses.map(encodeSingle)),
    i.nonceExtValue && explicit(1, seq(seq(oid(OID.ocspNonce), octets(i.nonceExtValue)))),
  );
  let sig = signWithKey(key, tbs, "SHA-256");
  if (i.forged) sig = forge(sig);
  const basic = seq(
    tbs,
    signatureAlgorithm(key.algorithm, "SHA-256"),
    bits(sig),
    i.includeCerts.length > 0 && explicit(0, seq(...i.includeCerts.map((c) => c.certDer))),
  );
  return seq(enumerated(OCSP_STATUS.successful), explicit(0, seq(oid(OID.basicOcsp), octets(basic))));
}
export const ocspErrorResponse = (status: Exclude<keyof typeof OCSP_STATUS, "successful">): Uint8Array =>
  seq(enumerated(OCSP_STATUS[status]));

export interface OcspResponseOptions {
  certLabel: string;
  /** the certificate whose key signs: the issuing CA itself or a delegated responder (then included in certs) */
  responderLabel: string;
  status: OcspCertStatus;
  revokedAt?: Date;
  revocationReason?: RevocationReason;
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** raw nonce bytes; encoded as extnValue OCTET STRING { nonce } (RFC 8954) */
  nonce?: Uint8Array;
  fault?: OcspFault;
  /** CertID hash (default SHA-1, what most clients send) */
  certIdHash?: HashName;
}

const DAY = 86_400_000;

/** One-certificate OCSPResponse (DER). Faults: expired (window ended a day before thisUpdate), forged-signature,
 *  wrong-cert (the CertID names a sibling certificate), unauthorised-responder (signed by the subject's own key). */
export function makeOcspResponse(pki: Pki, o: OcspResponseOptions): Uint8Array {
  let certId = certIdFor(pki, o.certLabel, o.certIdHash ?? "SHA-1");
  let signer = pki.get(o.responderLabel);
  let { producedAt, thisUpdate, nextUpdate } = o;
  if (o.fault === "expired") {
    const span = (nextUpdate ?? new Date(thisUpdate.getTime() + DAY)).getTime() - thisUpdate.getTime();
    nextUpdate = new Date(thisUpdate.getTime() - DAY);
    thisUpdate = new Date(nextUpdate.getTime() - span);
    producedAt = thisUpdate;
  }
  if (o.fault === "wrong-cert") certId = { ...certId, serialHex: wrongSerial(pki, o.certLabel) };
  if (o.fault === "unauthorised-responder") signer = pki.get(o.certLabel);
  const issuerLabel = pki.get(o.certLabel).issuerLabel;
  return encodeOcspResponse({
    signer,
    includeCerts: signer.label === issuerLabel ? [] : [signer],
    producedAt,
    responses: [
      {
        certId,
        status: o.status,
        revokedAt: o.revokedAt,
        revocationReason: o.revocationReason,
        thisUpdate,
        nextUpdate,
      },
    ],
    nonceExtValue: o.nonce ? octets(o.nonce) : undefined,
    forged: o.fault === "forged-signature",
  });
}

/** A serial of another certificate of the same issuer (or serial+1): "the response is for the wrong certificate". */
export function wrongSerial(pki: Pki, certLabel: string): string {
  const cert = pki.get(certLabel);
  const sibling = [...pki.entities.values()].find(
    (e) => e.issuerLabel === cert.issuerLabel && e.label !== certLabel && e.serialHex !== cert.serialHex,
  );
  return sibling ? sibling.serialHex : (BigInt("0x" + cert.serialHex) + 1n).toString(16);
}

// ---- requests ----
export interface ParsedOcspRequest {
  certIds: CertId[];
  nonceExtValue?: Uint8Array;
}
/** Parse an OCSPRequest; throws on anything malformed (the service answers malformedRequest). */
export function parseOcspRequest(der: Uint8Array): ParsedOcspRequest {
  const top = parseDer(der, "OCSPRequest");
  if (top.tag !== 0x30) throw new Error("OCSPRequest is not a DER SEQUENCE");
  const tbs = children(top)[0];
  if (!tbs || tbs.tag !== 0x30) throw new Error("missing tbsRequest");
  let requestList: Node | undefined;
  let nonceExtValue: Uint8Array | undefined;
  for (const c of children(tbs)) {
    if (c.tag === 0x30) requestList = c;
    else if (c.tag === 0xa2) {
      for (const extn of children(children(c)[0]!)) {
        const parts = children(extn);
        if (readOid(parts[0]!) === OID.ocspNonce) nonceExtValue = Uint8Array.from(content(parts[parts.length - 1]!));
      }
    }
  }
  if (!requestList) throw new Error("missing requestList");
  const certIds = children(requestList).map((req) => {
    const certIdNode = children(req)[0];
    if (!certIdNode || certIdNode.tag !== 0x30) throw new Error("missing reqCert");
    const [alg, nameHash, keyHash, serial] = children(certIdNode);
    if (!alg || !nameHash || !keyHash || !serial || nameHash.tag !== 0x04 || keyHash.tag !== 0x04)
      throw new Error("malformed CertID");
    const algOid = readOid(children(alg)[0]!);
    const hash = HASH_BY_OID[algOid];
    if (!hash) throw new Error(`unsupported CertID hash ${algOid}`);
    return {
      hash,
      hashAlgDer: Uint8Array.from(whole(alg)),
      issuerNameHash: Uint8Array.from(content(nameHash)),
      issuerKeyHash: Uint8Array.from(content(keyHash)),
      serialHex: readIntHex(serial),
    };
  });
  if (certIds.length === 0) throw new Error("empty requestList");
  return { certIds, nonceExtValue };
}

/** An OCSPRequest for one certificate (client side: tests, the load bench, validators fetching live status). */
export function encodeOcspRequest(certId: CertId, nonce?: Uint8Array): Uint8Array {
  return seq(
    seq(seq(seq(encodeCertId(certId))), nonce && explicit(2, seq(seq(oid(OID.ocspNonce), octets(octets(nonce)))))),
  );
}
