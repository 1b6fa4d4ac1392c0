// The hardened XML front end of the XAdES reader and the small DOM helpers every part of it shares.
import { DOMParser } from "@xmldom/xmldom";
import { InputError } from "../input-error.ts";

export const XML_MAX_BYTES = 16 * 1024 * 1024;
export const XML_MAX_DEPTH = 256;

export const NS = {
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xades: "http://uri.etsi.org/01903/v1.3.2#",
  xades141: "http://uri.etsi.org/01903/v1.4.1#",
  xades122: "http://uri.etsi.org/01903/v1.2.2#",
  xades111: "http://uri.etsi.org/01903/v1.1.1#",
  dsig11: "http://www.w3.org/2009/xmldsig11#",
};

export class XmlFormatError extends InputError {}

/** Parse XML with the hardening rules; throws XmlFormatError naming the problem. */
export function parseXmlHardened(bytes: Uint8Array): Document {
  if (bytes.length > XML_MAX_BYTES)
    throw new XmlFormatError(`XML input of ${bytes.length} bytes exceeds the ${XML_MAX_BYTES}-byte limit`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XmlFormatError("XML input is not valid UTF-8");
  }
  // No DTDs at all: this refuses XXE, external DTDs and entity-expansion bombs before any parser sees them.
  if (/<!DOCTYPE/i.test(text))
    throw new XmlFormatError(
      "XML with a DOCTYPE (DTD) is refused: external entities and entity expansion are not allowed",
    );
  if (/<!ENTITY/i.test(text)) throw new XmlFormatError("XML entity declarations are refused");
  // Depth cap, counted on the raw tags so a 10,000-deep document never reaches a recursive walker.
  let depth = 0;
  const tagRe = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m; (m = tagRe.exec(text));) {
    if (m[1]) depth--;
    else if (!m[3]) {
      depth++;
      if (depth > XML_MAX_DEPTH) throw new XmlFormatError(`XML nesting deeper than ${XML_MAX_DEPTH} elements`);
    }
  }
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: unknown) => {
        if (level !== "warning") errors.push(String(msg));
      },
    }).parseFromString(text, "text/xml") as unknown as Document;
  } catch (e) {
    // xmldom throws its ParseError on a fatal error: a malformed input, not a fault of ours.
    throw new XmlFormatError(`XML is not well-formed: ${String((e as Error).message).split("\n")[0]}`);
  }
  if (errors.length) throw new XmlFormatError(`XML is not well-formed: ${errors[0].split("\n")[0]}`);
  if (!doc || !doc.documentElement) throw new XmlFormatError("XML has no root element");
  return doc;
}

export function kids(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).namespaceURI === ns && (c as Element).localName === local)
      out.push(c as Element);
  return out;
}
export function kid(el: Element | undefined, ns: string, local: string): Element | undefined {
  return el ? kids(el, ns, local)[0] : undefined;
}
export function desc(el: Element | Document, ns: string, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
}
export function text(el: Element | undefined): string {
  return (el?.textContent ?? "").trim();
}
export function b64(el: Element | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(text(el).replace(/\s+/g, ""), "base64"));
}

export function allById(doc: Document): Map<string, Element[]> {
  const m = new Map<string, Element[]>();
  const all = doc.getElementsByTagName("*");
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as Element;
    for (const a of ["Id", "ID", "id"]) {
      const v = e.getAttribute(a);
      if (v) m.set(v, [...(m.get(v) ?? []), e]);
    }
  }
  return m;
}

export function isAncestor(a: Node, b: Node): boolean {
  for (let p: Node | null = b.parentNode; p; p = p.parentNode) if (p === a) return true;
  return false;
}
