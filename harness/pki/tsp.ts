// RFC 3161 time-stamp tokens: TSTInfo in CMS SignedData with ESS signingCertificateV2; request parsing and
// TimeStampResp encoding for the TSA service.
import { entityKey } from "./build.ts";
import {
  children,
  content,
  explicit,
  generalizedTime,
  implicitConstructed,
  int,
  namedBits,
  octets,
  oid,
  parseDer,
  readIntHex,
  readOid,
  seq,
  set,
  tlv,
  utf8,
  whole,
} from "../asn1/der.ts";
import { cmsSignatureAlgorithm, signWithKey } from "./keys.ts";
import { HASH_BY_OID, HASH_OID, type HashName, OID, digest } from "../asn1/oids.ts";
import type { Pki, PkiEntity, TsaFault } from "./types.ts";
import { forge } from "./x509.ts";

export interface TimestampOptions {
  /** a TSA (tsas:) label or a certificate label */
  tsaLabel: string;
  messageImprint: Uint8Array;
  /** hash algorithm of the imprint */
  hash: HashName;
  genTime: Date;
  serial: number | bigint | string;
  /** the request nonce: bytes (big-endian unsigned) or a hex string */
  nonce?: Uint8Array | string;
  fault?: TsaFault;
  policy?: string;
  /** include the TSA certificate (certReq); default true */
  includeCert?: boolean;
  /** the messageImprint AlgorithmIdentifier as requested (echoed); default { hash OID } without parameters */
  hashAlgDer?: Uint8Array;
}

function tsaEntity(pki: Pki, label: string): { cert: PkiEntity; policy: string; signHash: HashName; fault?: TsaFault } {
  const def = pki.tsas.get(label);
  if (def) return { cert: pki.get(def.certLabel), policy: def.policy, signHash: def.hash, fault: def.fault };
  return { cert: pki.get(label), policy: OID.kamusmTsPolicy, signHash: "SHA-256" };
}

/** DER ContentInfo(SignedData(TSTInfo)). Faults: wrong-imprint (one imprint byte flipped), forged-signature. */
export function makeTimestampToken(pki: Pki, o: TimestampOptions): Uint8Array {
  const tsa = tsaEntity(pki, o.tsaLabel);
  const fault = o.fault ?? tsa.fault;
  const key = entityKey(tsa.cert);
  const signHash = tsa.signHash;
  let imprint = Uint8Array.from(o.messageImprint);
  if (fault === "wrong-imprint") imprint[0] ^= 0xff;
  const nonceHex =
    o.nonce === undefined ? undefined : typeof o.nonce === "string" ? o.nonce : Buffer.from(o.nonce).toString("hex");
  const tstInfo = seq(
    int(1),
    oid(o.policy ?? tsa.policy),
    seq(o.hashAlgDer ?? seq(oid(HASH_OID[o.hash])), octets(imprint)),
    int(o.serial),
    generalizedTime(o.genTime),
    seq(int(1)), // accuracy: 1 second
    nonceHex !== undefined && int(nonceHex),
  );
  const certHash = digest("SHA-256", tsa.cert.certDer);
  const issuer = tsa.cert.issuerLabel ? pki.get(tsa.cert.issuerLabel).subjectDer : tsa.cert.subjectDer;
  const essCertIdV2 = seq(octets(certHash), seq(seq(tlv(0xa4, issuer)), int(tsa.cert.serialHex))); // hashAlgorithm sha256 is DEFAULT
  const attrs = [
    seq(oid(OID.contentType), set(oid(OID.tstInfo))),
    seq(oid(OID.messageDigest), set(octets(digest(signHash, tstInfo)))),
    seq(oid(OID.signingCertificateV2), set(seq(seq(essCertIdV2)))),
  ];
  const signedAttrs = set(...attrs); // signed as a SET OF (tag 0x31), carried as [0] IMPLICIT
  let sig = signWithKey(key, signedAttrs, signHash);
  if (fault === "forged-signature") sig = forge(sig);
  const signerInfo = seq(
    int(1),
    seq(issuer, int(tsa.cert.serialHex)),
    seq(oid(HASH_OID[signHash])),
    implicitConstructed(0, signedAttrs),
    cmsSignatureAlgorithm(key.algorithm, signHash),
    octets(sig),
  );
  const signedData = seq(
    int(3),
    set(seq(oid(HASH_OID[signHash]))),
    seq(oid(OID.tstInfo), explicit(0, octets(tstInfo))),
    o.includeCert !== false && tlv(0xa0, tsa.cert.certDer),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}

// ---- TSA protocol ----
export interface ParsedTsRequest {
  hash: HashName;
  hashAlgDer: Uint8Array;
  imprint: Uint8Array;
  policy?: string;
  nonceHex?: string;
  certReq: boolean;
}
export class TsRequestError extends Error {
  constructor(
    message: string,
    readonly failInfo: "badAlg" | "badRequest" | "badDataFormat" | "unacceptedPolicy",
  ) {
    super(message);
  }
}
const FAIL_BIT = { badAlg: 0, badRequest: 2, badDataFormat: 5, unacceptedPolicy: 15 } as const;

/** Parse a TimeStampReq; throws TsRequestError (with the PKIFailureInfo to answer) on bad input. */
export function parseTsRequest(der: Uint8Array): ParsedTsRequest {
  let parts;
  try {
    const top = parseDer(der, "TimeStampReq");
    if (top.tag !== 0x30) throw new Error("not a DER SEQUENCE");
    parts = children(top);
  } catch (e) {
    throw new TsRequestError(`malformed TimeStampReq: ${(e as Error).message}`, "badDataFormat");
  }
  const [version, mi, ...rest] = parts;
  if (!version || version.tag !== 0x02 || !mi || mi.tag !== 0x30)
    throw new TsRequestError("malformed TimeStampReq: version/messageImprint", "badDataFormat");
  if (readIntHex(version) !== "1") throw new TsRequestError("unsupported TimeStampReq version", "badRequest");
  const [alg, hashed] = children(mi);
  if (!alg || !hashed || hashed.tag !== 0x04) throw new TsRequestError("malformed messageImprint", "badDataFormat");
  const algOid = readOid(children(alg)[0]!);
  const hash = HASH_BY_OID[algOid];
  if (!hash) throw new TsRequestError(`unsupported hash algorithm ${algOid}`, "badAlg");
  const imprint = Uint8Array.from(content(hashed));
  if (imprint.length !== digest(hash, new Uint8Array()).length)
    throw new TsRequestError(`imprint length ${imprint.length} does not fit ${hash}`, "badDataFormat");
  const out: ParsedTsRequest = { hash, hashAlgDer: Uint8Array.from(whole(alg)), imprint, certReq: false };
  for (const r of rest) {
    if (r.tag === 0x06) out.policy = readOid(r);
    else if (r.tag === 0x02) out.nonceHex = readIntHex(r);
    else if (r.tag === 0x01) out.certReq = content(r)[0] !== 0;
  }
  return out;
}

export function tsGranted(token: Uint8Array): Uint8Array {
  return seq(seq(int(0)), token);
}
export function tsRejection(reason: string, failInfo: TsRequestError["failInfo"]): Uint8Array {
  return seq(seq(int(2), seq(utf8(reason)), namedBits([FAIL_BIT[failInfo]])));
}

/** A TimeStampReq (client side: tests, the load bench, signature creation fetching live tokens). */
export function encodeTsRequest(o: {
  hash: HashName;
  imprint: Uint8Array;
  nonce?: Uint8Array;
  certReq?: boolean;
  policy?: string;
}): Uint8Array {
  return seq(
    int(1),
    seq(seq(oid(HASH_OID[o.hash])), octets(o.imprint)),
    o.policy !== undefined && oid(o.policy),
    o.nonce && int(Buffer.from(o.nonce).toString("hex") || "0"),
    o.certReq && tlv(0x01, Uint8Array.of(0xff)),
  );
}
