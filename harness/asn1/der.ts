// The harness's one DER codec (test PKI, signature creation, validator). Import from here.
//
// Writer (der-write.ts): each helper returns one complete TLV as a Uint8Array (`Der`).
//   tlv(tag, content)            any single-octet tag
//   seq(...) / set(...)          SEQUENCE / SET OF sorted by encoding; `undefined`/`false` items are skipped
//   setKeepOrder(...)            SET with the caller's order (CAdES unsigned attributes)
//   int(number|bigint|hexString) INTEGER (negative numbers allowed; a hex string is an unsigned magnitude)
//   intRaw(content)              INTEGER from content octets copied byte-exact
//   oid, octets, bits, namedBits, bool, nul, enumerated, utf8, printable, ia5
//   utcTime, generalizedTime, x509Time (RFC 5280: UTCTime for 1950-2049, else GeneralizedTime)
//   explicit(n, tlv)             [n] EXPLICIT, wraps the inner TLV
//   implicitConstructed(n, tlv)  [n] IMPLICIT over a SEQUENCE/SET: retags the inner TLV to 0xa0|n
//   implicitPrimitive(n, tlv)    [n] IMPLICIT over a primitive: retags to 0x80|n
//   retag(tlv, tag), concat([..]), compareBytes, toHex
//
// Reader (der-read.ts): strict DER, errors are `DerError` ("DER: <problem> at offset N", `.offset`;
//   `new DerError(msg)` without an offset for errors about meaning rather than bytes).
//   parseDer(buf, what)          exactly one value, whole tree checked, no trailing bytes: use on input
//   readNode(buf, at, limit)     one header, lazily (children read on demand)
//   Node { tag (identifier octet), cls, constructed, tagNumber, start, contentStart, end, src, depth, indefinite, ber }
//   children(node), content(node), whole(node), after(node) (one past the whole encoding)
//   BER opt-in: parseDer(buf, what, { ber: true }) / readNode(buf, at, limit, depth, { ber: true }) accept
//   indefinite lengths (node.indefinite, end-of-contents after node.end) and constructed OCTET STRINGs
//   (readOctets); asDer(node) re-reads a part of such input strictly (signed attributes, certificates).
//   is(node, tag), isCtx(node, k) ([k] either form), expect(node, tag, what), seqOf(node, what), TAG.{SEQUENCE,...}
//   readOid, readInt (bigint), readIntHex (unsigned hex, no leading zeros), readBool, readBits + hasBit,
//   readTime (readTime(n, what, { lenient: true }) for X.680 forms DER forbids), readString, readOctets
// Refused: indefinite lengths, non-minimal lengths and high tag numbers, lengths over 4 octets or past the
// container, constructed primitives, nesting deeper than MAX_DEPTH, non-minimal INTEGER and OID arcs, universal
// tag 0 outside an indefinite length. With { ber: true } only indefinite lengths and constructed OCTET STRINGs
// are added: non-minimal lengths stay refused.
// Object identifiers shared by sign/ and ades/ are named in ./oids.ts.
export * from "./der-write.ts";
export * from "./der-read.ts";
