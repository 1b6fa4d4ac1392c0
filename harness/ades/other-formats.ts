// Files that are not signatures uyum validates, but that a user may hand it: evidence records (RFC 4998 ASN.1,
// RFC 6283 XML). They are named as what they are (an "unsupported" outcome), never judged as broken signatures.
import { children, parseDer, TAG } from "../asn1/der.ts";
import type { Text } from "../core/text.ts";

/** What the file is, when it is a known kind of non-signature; undefined otherwise. */
export function otherFormat(bytes: Uint8Array): Text | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("utf8");
  if (/<(?:[\w.-]+:)?EvidenceRecord\b[^>]*urn:ietf:params:xml:ns:ers/.test(head))
    return {
      en: "an evidence record (RFC 6283, XML), not a signature; uyum does not validate evidence records",
      tr: "bir kanıt kaydı (RFC 6283, XML), imza değil; uyum kanıt kayıtlarını doğrulamıyor",
    };
  if (bytes[0] !== 0x30) return undefined;
  try {
    // EvidenceRecord ::= SEQUENCE { version INTEGER (1), digestAlgorithms SEQUENCE OF AlgorithmIdentifier, ... }
    // (a CMS ContentInfo starts with an OBJECT IDENTIFIER instead)
    const [version, algs] = children(parseDer(bytes, "input"));
    const first = algs && children(algs)[0];
    if (version?.tag === TAG.INTEGER && algs?.tag === TAG.SEQUENCE && first?.tag === TAG.SEQUENCE)
      if (children(first)[0]?.tag === TAG.OID)
        return {
          en: "an evidence record (RFC 4998, ASN.1), not a signature; uyum does not validate evidence records",
          tr: "bir kanıt kaydı (RFC 4998, ASN.1), imza değil; uyum kanıt kayıtlarını doğrulamıyor",
        };
  } catch {
    // not DER at all: the CMS reader will say what is wrong
  }
  return undefined;
}
