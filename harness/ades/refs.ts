// Matching the hashes of complete-certificate/revocation-references (CAdES-C, XAdES-C and above) against data,
// and narrowing a certificate's revocation data to what its own reference names.
import { digestByOid } from "./algs.ts";
import { concat, tlv, toHex } from "../asn1/der.ts";
import type { Ctx } from "./checks.ts";
import type { SigModel } from "./model.ts";

export function hashMatches(ref: { hashOid: string; hashHex: string }, ders: Uint8Array[]): boolean {
  return ders.some((d) => {
    try {
      return toHex(digestByOid(ref.hashOid, d)) === ref.hashHex;
    } catch {
      return false;
    }
  });
}

export /**
 * With complete-revocation-references (C and above), certificate i of the path (signer first) is judged by the
 * revocation data its own CrlOcspRef names, not by whatever else the signature happens to carry.
 */
function refBound(m: SigModel, i: number, ctx: Ctx): Ctx {
  const ref = m.revRefs?.[i];
  if (!ref) return ctx;
  const crls = ctx.crls.filter((c) => ref.crlHashes.some((h) => hashMatches(h, [c.der])));
  const ocsps = ctx.ocsps.filter((o) => ref.ocspHashes.some((h) => hashMatches(h, [o.der, fullOcspResponse(o.der)])));
  // When none of the referenced data is at hand (C level, data fetched afresh), judge by what is available.
  if (!crls.length && !ocsps.length) return ctx;
  return { ...ctx, crls, ocsps, allCrls: ctx.crls, bound: true };
}

export /** DER OCSPResponse around a BasicOCSPResponse (successful, id-pkix-ocsp-basic): what OCSP references hash. */
function fullOcspResponse(basic: Uint8Array): Uint8Array {
  const basicOid = Uint8Array.of(0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01);
  const rb = tlv(0x30, concat([basicOid, tlv(0x04, basic)]));
  return tlv(0x30, concat([Uint8Array.of(0x0a, 0x01, 0x00), tlv(0xa0, rb)]));
}
