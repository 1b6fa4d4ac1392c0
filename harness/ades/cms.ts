// CMS SignedData (RFC 5652) decoded into plain data, keeping the exact bytes each check needs: the signed
// attributes as signed (re-tagged as SET OF), unsigned attributes as found, certificates and revocation values.
import { algId, DIGEST_OIDS, type AlgId, type DigestName } from "./algs.ts";
import {
  after,
  asDer,
  children,
  content,
  DerError,
  expect,
  isCtx,
  readInt,
  readNode,
  readOctets,
  readOid,
  seqOf,
  TAG,
  tlv,
  toHex,
  whole,
  type Node,
} from "../asn1/der.ts";
import { CMS_OID } from "../asn1/oids.ts";
import { parseName, type Name } from "./x509.ts";

export interface Attribute {
  type: string;
  values: Node[];
  node: Node;
}

export interface SignerInfo {
  node: Node;
  version: number;
  sid: { issuer?: Name; serialHex?: string; ski?: string };
  digestAlg: AlgId;
  digestHash?: DigestName;
  signedAttrsNode?: Node;
  /** The DER the signature covers: signed attributes with the [0] tag replaced by SET OF (0x31). */
  signedAttrsDer?: Uint8Array;
  signedAttrs: Attribute[];
  sigAlg: AlgId;
  signature: Uint8Array;
  signatureNode: Node;
  unsignedAttrsNode?: Node;
  unsignedAttrs: Attribute[];
}

export interface SignedData {
  root: Node;
  signedDataNode: Node;
  version: number;
  digestAlgs: AlgId[];
  eContentType: string;
  encapNode: Node;
  /** Undefined for a detached signature. */
  eContent?: Uint8Array;
  certificates: Uint8Array[];
  certificatesNode?: Node;
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  crlsNode?: Node;
  signerInfos: SignerInfo[];
}

function attributes(n: Node): Attribute[] {
  return children(n).map((a) => {
    const [t, vs] = seqOf(a, "Attribute");
    return { type: readOid(t, "attribute type"), values: children(expect(vs, TAG.SET, "attribute values")), node: a };
  });
}

export function parseSignerInfo(si: Node): SignerInfo {
  const f = seqOf(si, "SignerInfo");
  let i = 0;
  const version = Number(readInt(f[i++], "SignerInfo version"));
  const sidN = f[i++];
  const sid: SignerInfo["sid"] = {};
  if (isCtx(sidN, 0)) sid.ski = toHex(content(sidN));
  else {
    const [iss, ser] = seqOf(sidN, "IssuerAndSerialNumber");
    sid.issuer = parseName(iss);
    sid.serialHex = toHex(content(expect(ser, TAG.INTEGER, "IssuerAndSerialNumber serialNumber")));
  }
  const digestAlg = algId(f[i++], "digestAlgorithm");
  const out: SignerInfo = {
    node: si,
    version,
    sid,
    digestAlg,
    digestHash: DIGEST_OIDS[digestAlg.oid],
    signedAttrs: [],
    sigAlg: { oid: "" },
    signature: new Uint8Array(),
    signatureNode: si,
    unsignedAttrs: [],
  };
  if (isCtx(f[i], 0)) {
    // Signed attributes are hashed as encoded, so they must be DER even inside a BER envelope.
    const sa = asDer(f[i++], "signed attributes");
    out.signedAttrsNode = sa;
    out.signedAttrs = attributes(sa);
    const raw = whole(sa);
    const der = new Uint8Array(raw);
    der[0] = 0x31;
    out.signedAttrsDer = der;
  }
  out.sigAlg = algId(f[i++], "signatureAlgorithm");
  out.signatureNode = expect(f[i++], TAG.OCTET_STRING, "signature");
  out.signature = content(out.signatureNode);
  if (isCtx(f[i], 1)) {
    out.unsignedAttrsNode = f[i];
    out.unsignedAttrs = attributes(f[i]);
  }
  return out;
}

/**
 * Parse ContentInfo(SignedData). Throws DerError on anything malformed. The envelope may be BER (indefinite
 * lengths, constructed eContent: `openssl cms -sign -stream`, BouncyCastle streaming); signed attributes must
 * be DER (`asDer`), and certificates, CRLs and OCSP responses are re-read strictly by their own parsers.
 */
export function parseSignedData(buf: Uint8Array, opts: { allowTrailing?: boolean } = {}): SignedData {
  const root = readNode(buf, 0, buf.length, 0, { ber: true });
  const end = after(root);
  if (end !== buf.length && !opts.allowTrailing) {
    // Trailing zero padding (PAdES /Contents) is allowed; anything else is not.
    for (let k = end; k < buf.length; k++)
      if (buf[k] !== 0) throw new DerError(`${buf.length - end} trailing bytes after the CMS ContentInfo`);
  }
  const [ct, wrapped] = seqOf(root, "ContentInfo");
  const ctOid = readOid(ct, "contentType");
  if (ctOid !== CMS_OID.signedData) throw new DerError(`ContentInfo is ${ctOid}, not SignedData`);
  if (!isCtx(wrapped, 0)) throw new DerError("ContentInfo has no [0] content");
  const sdN = children(wrapped)[0];
  const f = seqOf(sdN, "SignedData");
  let i = 0;
  const version = Number(readInt(f[i++], "SignedData version"));
  const digestAlgs = children(expect(f[i++], TAG.SET, "digestAlgorithms")).map((a) => algId(a, "digestAlgorithm"));
  const encapNode = f[i++];
  const enc = seqOf(encapNode, "encapContentInfo");
  const eContentType = readOid(enc[0], "eContentType");
  let eContent: Uint8Array | undefined;
  if (enc[1]) {
    if (!isCtx(enc[1], 0)) throw new DerError("eContent is not [0]");
    eContent = readOctets(children(enc[1])[0], "eContent");
  }
  const sd: SignedData = {
    root,
    signedDataNode: sdN,
    version,
    digestAlgs,
    eContentType,
    encapNode,
    eContent,
    certificates: [],
    crls: [],
    ocspResponses: [],
    signerInfos: [],
  };
  if (isCtx(f[i], 0)) {
    sd.certificatesNode = f[i];
    for (const c of children(f[i++])) if (c?.tag === TAG.SEQUENCE) sd.certificates.push(whole(c));
  }
  if (isCtx(f[i], 1)) {
    sd.crlsNode = f[i];
    for (const c of children(f[i++])) {
      if (c?.tag === TAG.SEQUENCE) sd.crls.push(whole(c));
      else if (isCtx(c, 1)) {
        const [fmt, info] = children(c);
        if (readOid(fmt) === CMS_OID.ocspResponseRevInfo && info) sd.ocspResponses.push(whole(info));
      }
    }
  }
  sd.signerInfos = children(expect(f[i++], TAG.SET, "signerInfos")).map(parseSignerInfo);
  return sd;
}

export function attr(list: Attribute[], type: string): Attribute | undefined {
  return list.find((a) => a.type === type);
}
export function attrs(list: Attribute[], type: string): Attribute[] {
  return list.filter((a) => a.type === type);
}

/** DER of an attribute's type OID and of its values SET, as used by ES-X type 1 and archive imprints. */
export function attrParts(a: Attribute): Uint8Array[] {
  const [t, vs] = children(a.node);
  return [whole(t), whole(vs)];
}

export { tlv };
