// CAdES archive time-stamps: the data each archive time-stamp's message imprint covers.
// - archive-time-stamp-v3 (ETSI EN 319 122-1 §5.5.3): eContentType, the hash of the signed content, the
//   SignerInfo's fields up to the signature, and the ats-hash-index(-v3) carried in the token's own unsigned
//   attributes, whose entries must each name a certificate, revocation value or unsigned attribute value still
//   in the signature (an entry that names nothing means something the time-stamp covered was removed).
// - archive-time-stamp-v2 (ETSI TS 101 733 v2.2.1 §6.4.1): encapContentInfo (followed by the detached
//   content), certificates, crls, the SignerInfo's fields and its unsigned attributes other than this
//   time-stamp and the archive time-stamps (v2 or v3) not made before it; the unsignedAttrs with their
//   [1] tag and length (v2.2.1) or without (v1.8.3), as Annex K note 3 recommends.
import { digest, DIGEST_OIDS, type DigestName } from "./algs.ts";
import type { SignedData, SignerInfo } from "./cms.ts";
import { children, concat, content, isCtx, readOid, seqOf, TAG, tlv, toHex, whole, type Node } from "../asn1/der.ts";
import { CMS_OID } from "../asn1/oids.ts";
import type { Timestamp } from "./signer.ts";

/** What an archive time-stamp covers, or why it cannot be computed (unknown) or is broken (problem). */
export interface ArchiveData {
  data?: Uint8Array[];
  /** Another reading of the same standard the imprint may match instead (an older version's encoding). */
  alternative?: Uint8Array[];
  /** The imprint cannot be computed here (e.g. a detached signature without its document): not a failure. */
  unknown?: string;
  /** The time-stamp is broken beyond its imprint (e.g. an ats-hash-index entry names removed data). */
  problem?: string;
}

const tsHash = (ts: Timestamp): DigestName | undefined => DIGEST_OIDS[ts.tst.imprintHashOid];

/** The SignerInfo's fields version … signature (everything but unsignedAttrs), each as encoded. */
function signerInfoSignedFields(si: SignerInfo): Uint8Array[] {
  return children(si.node)
    .filter((f) => !isCtx(f, 1))
    .map(whole);
}

export function atsV3Data(
  sd: SignedData,
  si: SignerInfo,
  contentBytes: Uint8Array | undefined,
  ts: Timestamp,
): ArchiveData {
  const hash = tsHash(ts);
  if (!hash) return { problem: `archive time-stamp v3: unknown imprint hash algorithm ${ts.tst.imprintHashOid}` };
  if (!contentBytes)
    return {
      unknown: "archive time-stamp v3: the signed content is not available (detached signature without its document)",
    };
  const tsi = ts.sd.signerInfos[0]!;
  const idx =
    tsi.unsignedAttrs.find((a) => a.type === CMS_OID.atsHashIndexV3) ??
    tsi.unsignedAttrs.find((a) => a.type === CMS_OID.atsHashIndex);
  if (!idx) return { problem: "archive time-stamp v3 without the ats-hash-index attribute (EN 319 122-1 §5.5.3)" };
  const indexNode = idx.values[0]!;
  const missing = hashIndexMissing(sd, si, indexNode, idx.type === CMS_OID.atsHashIndexV3);
  const eContentTypeNode = seqOf(sd.encapNode, "encapContentInfo")[0]!;
  const data = [whole(eContentTypeNode), digest(hash, contentBytes), ...signerInfoSignedFields(si), whole(indexNode)];
  return missing ? { data, problem: `archive time-stamp v3: ${missing}` } : { data };
}

/** The first ats-hash-index entry that names nothing in the signature, described; undefined when all do. */
function hashIndexMissing(sd: SignedData, si: SignerInfo, index: Node, v3: boolean): string | undefined {
  const f = seqOf(index, "ATSHashIndex");
  let i = 0;
  let hash: DigestName = "SHA-256";
  if (f[0]?.tag === TAG.SEQUENCE && children(f[0])[0]?.tag === TAG.OID) {
    const o = readOid(children(f[i++]!)[0], "hashIndAlgorithm");
    const h = DIGEST_OIDS[o];
    if (!h) return `ats-hash-index uses an unknown hash algorithm ${o}`;
    hash = h;
  }
  const [certIdx, crlIdx, attrIdx] = [f[i], f[i + 1], f[i + 2]].map((n, k) => {
    if (!n || n.tag !== TAG.SEQUENCE) throw new Error(`ATSHashIndex field ${k + 1} is not a SEQUENCE OF`);
    return children(n).map((o) => toHex(content(o)));
  });
  const h = (parts: Uint8Array[]) => toHex(digest(hash, parts));
  const certs = new Set((sd.certificatesNode ? children(sd.certificatesNode) : []).map((c) => h([whole(c)])));
  const crls = new Set((sd.crlsNode ? children(sd.crlsNode) : []).map((c) => h([whole(c)])));
  const attrs = new Set<string>();
  for (const a of si.unsignedAttrs) {
    const [t, vs] = children(a.node);
    if (v3) for (const v of children(vs!)) attrs.add(h([whole(t!), whole(v)]));
    else attrs.add(h([whole(a.node)]));
  }
  const lost = (list: string[], have: Set<string>) => list.filter((x) => !have.has(x)).length;
  const out = [
    [lost(certIdx!, certs), "certificate"],
    [lost(crlIdx!, crls), "revocation value"],
    [lost(attrIdx!, attrs), "unsigned attribute value"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}(s)`);
  return out.length
    ? `the ats-hash-index names ${out.join(", ")} no longer in the signature (removed or altered after the time-stamp)`
    : undefined;
}

/**
 * archive-time-stamp-v2 data. `later` are the archive time-stamps made after this one (by genTime), whose
 * attributes the imprint excludes, with the time-stamp itself.
 */
export function atsV2Data(
  sd: SignedData,
  si: SignerInfo,
  contentBytes: Uint8Array | undefined,
  self: Node,
  later: Node[],
): ArchiveData {
  const parts: Uint8Array[] = [];
  if (sd.eContent === undefined) {
    if (!contentBytes)
      return {
        unknown: "archive time-stamp v2: the signed content is not available (detached signature without its document)",
      };
    // encapContentInfo as it is, followed by the detached content (as uyum's own signer and uyum before).
    parts.push(whole(sd.encapNode), contentBytes);
  } else parts.push(whole(sd.encapNode));
  if (sd.certificatesNode) parts.push(whole(sd.certificatesNode));
  if (sd.crlsNode) parts.push(whole(sd.crlsNode));
  parts.push(...signerInfoSignedFields(si));
  const skip = new Set([self.start, ...later.map((n) => n.start)]);
  const kept = si.unsignedAttrs.filter((a) => !skip.has(a.node.start)).map((a) => whole(a.node));
  // TS 101 733 v2.2.1 Annex K note 3: v1.8.3 left out the tag and length of the unsignedAttrs SET OF, and
  // time-stamps made by it are still in the field (DSS samples dss-1401, dss-1619): test against both.
  return kept.length
    ? { data: [...parts, tlv(0xa1, concat(kept))], alternative: [...parts, ...kept] }
    : { data: parts };
}
