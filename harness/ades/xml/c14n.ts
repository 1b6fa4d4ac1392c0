// W3C Canonical XML, written to the specifications (C14N 1.0 and 1.1, inclusive; Exclusive C14N 1.0; each with
// and without comments) over a DOM subtree or a whole document, optionally minus one excluded subtree (the
// enveloped-signature transform). Why our own: the library canonicaliser dropped namespace declarations and
// xml:* attributes inherited from ancestors of the apex, so valid XAdES written by xmlsec1, xadesjs and MA3
// hashed differently. The rules that matter for a subtree:
// - inclusive: the apex renders every namespace in scope (inherited ones included), and (1.0, 1.1) inherits
//   the xml:* attributes of its ancestors (1.1: xml:lang and xml:space only; xml:id never);
// - exclusive: a namespace is rendered only where visibly utilised, plus the InclusiveNamespaces PrefixList;
// - a declaration already rendered by the nearest rendered ancestor with the same value is not repeated.

import { InputError } from "../input-error.ts";

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

export type C14nMode = { exclusive: boolean; comments: boolean; v11: boolean };

export const C14N_ALGORITHMS: Record<string, C14nMode> = {
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": { exclusive: false, comments: false, v11: false },
  "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": { exclusive: false, comments: true, v11: false },
  "http://www.w3.org/2006/12/xml-c14n11": { exclusive: false, comments: false, v11: true },
  "http://www.w3.org/2006/12/xml-c14n11#WithComments": { exclusive: false, comments: true, v11: true },
  "http://www.w3.org/2001/10/xml-exc-c14n#": { exclusive: true, comments: false, v11: false },
  "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": { exclusive: true, comments: true, v11: false },
};

export const C14N_10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

export interface C14nOptions {
  /** Prefixes of the exclusive InclusiveNamespaces PrefixList ("#default" for the default namespace). */
  inclusivePrefixes?: string[];
  /** Subtrees left out of the output (the enveloped signature; signatures an XPath filter removes). */
  exclude?: Set<Node>;
  /** Override the algorithm's comment handling (same-document references by Id drop comments). */
  comments?: boolean;
}

export class C14nError extends InputError {}

/** Canonicalise `node` (an element, or a document) with the algorithm named by its URI. */
export function canonicalize(node: Node, algorithm: string, opts: C14nOptions = {}): Uint8Array {
  const mode = C14N_ALGORITHMS[algorithm];
  if (!mode) throw new C14nError(`unsupported canonicalization ${algorithm}`);
  return new TextEncoder().encode(canonicalizeToString(node, mode, opts));
}

/**
 * Canonicalise a node-set that is the union of the subtrees of `apexes` (in document order, none inside another;
 * what an XPath Filter 2.0 intersect leaves): each element as an apex (its inherited namespaces and xml:*
 * attributes rendered on it, as for any element whose parent is not in the node-set), text and processing
 * instructions as they are, comments only with comments.
 */
export function canonicalizeApexes(apexes: Node[], algorithm: string, opts: C14nOptions = {}): Uint8Array {
  const mode = C14N_ALGORITHMS[algorithm];
  if (!mode) throw new C14nError(`unsupported canonicalization ${algorithm}`);
  const comments = opts.comments ?? mode.comments;
  const parts = apexes.map((n) => {
    if (n.nodeType === 1 || n.nodeType === 9) return canonicalizeToString(n, mode, opts);
    if (n.nodeType === 3 || n.nodeType === 4) return escText(n.nodeValue ?? "");
    if (n.nodeType === 7) return pi(n);
    if (n.nodeType === 8) return comments ? `<!--${n.nodeValue ?? ""}-->` : "";
    throw new C14nError(`cannot canonicalise a node of type ${n.nodeType}`);
  });
  return new TextEncoder().encode(parts.join(""));
}

export function canonicalizeToString(node: Node, mode: C14nMode, opts: C14nOptions = {}): string {
  const out: string[] = [];
  const comments = opts.comments ?? mode.comments;
  if (opts.exclude?.has(node)) return ""; // the whole subset was removed (an enveloped transform over its own signature)
  const incl = new Set((opts.inclusivePrefixes ?? []).map((p) => (p === "#default" ? "" : p)));
  if (node.nodeType === 9) {
    // Document: children in order; nodes outside the document element are separated by line feeds.
    let afterRoot = false;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (opts.exclude?.has(c)) continue;
      // xmldom keeps the XML declaration as a processing instruction; it is not one, and C14N drops it.
      if (c.nodeType === 7 && (c as ProcessingInstruction).target.toLowerCase() === "xml") continue;
      if (c.nodeType === 1) {
        element(c as Element, new Map([["", ""]]), true);
        afterRoot = true;
      } else if (c.nodeType === 8 || c.nodeType === 7) {
        if (c.nodeType === 8 && !comments) continue;
        if (afterRoot) out.push("\n");
        out.push(c.nodeType === 8 ? `<!--${c.nodeValue ?? ""}-->` : pi(c));
        if (!afterRoot) out.push("\n");
      }
    }
  } else if (node.nodeType === 1) {
    element(node as Element, new Map([["", ""]]), true);
  } else throw new C14nError(`cannot canonicalise a node of type ${node.nodeType}`);
  return out.join("");

  function element(el: Element, rendered: Map<string, string>, apex: boolean): void {
    const scope = inScope(el);
    const decls: [string, string][] = [];
    const next = new Map(rendered);
    const consider = (prefix: string) => {
      const uri = scope.get(prefix) ?? "";
      if (rendered.get(prefix) === uri) return;
      if (prefix !== "" && uri === "") return; // C14N 1.0 never undeclares a prefix
      decls.push([prefix, uri]);
      next.set(prefix, uri);
    };
    if (mode.exclusive) {
      const used = new Set<string>([el.prefix ?? ""]);
      for (const a of attrs(el)) if (a.prefix && a.prefix !== "xml" && a.namespaceURI !== XMLNS_NS) used.add(a.prefix);
      for (const p of incl) used.add(p);
      for (const p of used) consider(p);
    } else for (const p of new Set(["", ...scope.keys()])) consider(p);
    decls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

    const own = attrs(el).filter(
      (a) => a.namespaceURI !== XMLNS_NS && a.name !== "xmlns" && !a.name.startsWith("xmlns:"),
    );
    const list: { ns: string; local: string; name: string; value: string }[] = own.map((a) => ({
      ns: a.namespaceURI ?? "",
      local: a.localName ?? a.name,
      name: a.name,
      value: a.value,
    }));
    if (apex && !mode.exclusive) {
      // Inherited xml:* attributes of the ancestors (nearest wins); 1.1 inherits only xml:lang and xml:space.
      const have = new Set(list.filter((a) => a.ns === XML_NS).map((a) => a.local));
      for (let p = el.parentNode; p && p.nodeType === 1; p = p.parentNode)
        for (const a of attrs(p as Element)) {
          if (a.namespaceURI !== XML_NS) continue;
          const local = a.localName ?? "";
          if (have.has(local)) continue;
          if (mode.v11 && local !== "lang" && local !== "space") continue;
          have.add(local);
          list.push({ ns: XML_NS, local, name: a.name, value: a.value });
        }
    }
    list.sort((a, b) => cmp(a.ns, b.ns) || cmp(a.local, b.local));

    out.push("<", el.tagName);
    for (const [p, uri] of decls) out.push(p ? ` xmlns:${p}="` : ` xmlns="`, escAttr(uri), '"');
    for (const a of list) out.push(" ", a.name, '="', escAttr(a.value), '"');
    out.push(">");
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (opts.exclude?.has(c)) continue;
      switch (c.nodeType) {
        case 1:
          element(c as Element, next, false);
          break;
        case 3:
        case 4:
          out.push(escText(c.nodeValue ?? ""));
          break;
        case 7:
          out.push(pi(c));
          break;
        case 8:
          if (comments) out.push(`<!--${c.nodeValue ?? ""}-->`);
          break;
        case 5:
          throw new C14nError("an unexpanded entity reference cannot be canonicalised");
      }
    }
    out.push("</", el.tagName, ">");
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function attrs(el: Element): Attr[] {
  const out: Attr[] = [];
  const a = el.attributes;
  for (let i = 0; a && i < a.length; i++) out.push(a[i] as Attr);
  return out;
}

/** The namespace bindings in scope at `el` (prefix "" = default), from its own and its ancestors' declarations. */
function inScope(el: Element): Map<string, string> {
  const m = new Map<string, string>();
  for (let p: Node | null = el; p && p.nodeType === 1; p = p.parentNode)
    for (const a of attrs(p as Element)) {
      const prefix = a.name === "xmlns" ? "" : a.name.startsWith("xmlns:") ? a.name.slice(6) : undefined;
      if (prefix === undefined || m.has(prefix)) continue;
      m.set(prefix, a.value);
    }
  // Bindings the element or its attributes use without a declaration in the tree (built by a DOM API).
  if (el.prefix && el.namespaceURI && !m.has(el.prefix)) m.set(el.prefix, el.namespaceURI);
  if (!el.prefix && el.namespaceURI && !m.has("")) m.set("", el.namespaceURI);
  for (const [k, v] of [...m]) if (k !== "" && v === "") m.delete(k);
  m.delete("xml");
  if (m.get("") === "") m.delete("");
  return m;
}

function pi(n: Node): string {
  const data = (n as ProcessingInstruction).data ?? "";
  return `<?${(n as ProcessingInstruction).target}${data ? " " + data : ""}?>`;
}

function escText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
}

function escAttr(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}
