// XML-DSig references: dereference the URI (same-document Id, XPointer, whole document, detached document, or no
// URI at all, where the application supplies the data), run the transform chain, and digest the result.
// The data between transforms is a node-set (a subtree, or the document, minus excluded subtrees) or octets.
import { InputError } from "../input-error.ts";
import { canonicalize, canonicalizeApexes, C14N_10, C14N_ALGORITHMS, type C14nOptions } from "./c14n.ts";
import { desc, isAncestor, kid, kids, NS, parseXmlHardened, text, XmlFormatError } from "./dom.ts";
import { xmlDigest } from "./algorithms.ts";

export const SIGNED_PROPS_TYPE = "http://uri.etsi.org/01903#SignedProperties";
export const SIGNED_PROPS_TYPES = new Set([
  SIGNED_PROPS_TYPE,
  "http://uri.etsi.org/01903/v1.1.1#SignedProperties",
  "http://uri.etsi.org/01903/v1.2.2#SignedProperties",
]);
export const COUNTERSIGNED_TYPE = "http://uri.etsi.org/01903#CountersignedSignature";
export const T_ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
export const T_BASE64 = "http://www.w3.org/2000/09/xmldsig#base64";
const T_XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";
const T_FILTER2 = "http://www.w3.org/2002/06/xmldsig-filter2";
const EXC_NS = "http://www.w3.org/2001/10/xml-exc-c14n#";

/** A construct uyum does not implement: the result is "not assessed", never a broken signature. */
export class XmlUnsupportedError extends InputError {}

/**
 * A node-set: the subtree of `root` (an element or the document) minus the `exclude`d subtrees; or, after an
 * XPath Filter 2.0 intersect, only the subtrees of `apexes` (within root, in document order, none nested).
 */
export type NodeSet = { kind: "nodes"; root: Node; exclude: Set<Node>; comments: boolean; apexes?: Node[] };

/** Canonicalise a node-set with the algorithm named by its URI. */
export function canonicalizeNodeSet(ns: NodeSet, algorithm: string, opts: C14nOptions = {}): Uint8Array {
  const o = { exclude: ns.exclude, ...opts };
  if (!ns.apexes) return canonicalize(ns.root, algorithm, o);
  const excluded = (n: Node) => [...ns.exclude].some((e) => e === n || isAncestor(e, n));
  return canonicalizeApexes(
    ns.apexes.filter((a) => !excluded(a)),
    algorithm,
    o,
  );
}

/**
 * The nodes an XPath Filter 2.0 expression selects, for the forms signers write: `id('X')` or `//*[@Id='X']`,
 * then child steps `node()`, `*` or `prefix:name` (prefixes as declared on the XPath element). Anything else is
 * unsupported (undefined).
 */
function filter2Select(expr: string, xpathEl: Element, ctx: RefContext): Node[] | undefined {
  const start =
    /^(?:id\(['"]([^'"]+)['"]\)|\/\/\*\[@Id=['"]([^'"]+)['"]\])((?:\/(?:node\(\)|\*|[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*))*)$/.exec(
      expr,
    );
  if (!start) return undefined;
  let nodes: Node[];
  if (start[1] !== undefined) nodes = ctx.ids.get(start[1]) ?? [];
  else {
    const id = start[2];
    nodes = [];
    const walk = (n: Node) => {
      for (let c = n.firstChild; c; c = c.nextSibling)
        if (c.nodeType === 1) {
          if ((c as Element).getAttribute("Id") === id) nodes.push(c);
          walk(c);
        }
    };
    walk(ctx.doc);
  }
  for (const step of start[3].split("/").filter(Boolean)) {
    const next: Node[] = [];
    let match: (c: Node) => boolean;
    if (step === "node()") match = (c) => c.nodeType !== 10;
    else if (step === "*") match = (c) => c.nodeType === 1;
    else {
      const [prefix, local] = step.split(":") as [string, string];
      const uri = xpathEl.lookupNamespaceURI(prefix);
      if (!uri) return undefined;
      match = (c) => c.nodeType === 1 && (c as Element).namespaceURI === uri && (c as Element).localName === local;
    }
    for (const n of nodes) for (let c = n.firstChild; c; c = c.nextSibling) if (match(c)) next.push(c);
    nodes = next;
  }
  return nodes;
}

/** input ∩ (the subtrees of `selected`): XPath Filter 2.0 intersect. */
function intersect(input: NodeSet, selected: Node[]): NodeSet {
  const within = (n: Node, r: Node) => n === r || isAncestor(r, n);
  const current = input.apexes ?? [input.root];
  const out: Node[] = [];
  for (const c of current)
    for (const s of selected) {
      if (within(s, c)) out.push(s);
      else if (within(c, s)) out.push(c);
    }
  // document order, nested apexes folded into their ancestor
  const unique = [...new Set(out)];
  const outer = unique.filter((n) => !unique.some((m) => m !== n && isAncestor(m, n)));
  outer.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  return { ...input, apexes: outer };
}
type Octets = { kind: "octets"; bytes: Uint8Array };

export interface RefContext {
  doc: Document;
  sig: Element;
  ids: Map<string, Element[]>;
  detachedContent?: Uint8Array;
  /** Package entries (ODF): a relative URI that names one is resolved to its bytes. */
  entries?: Map<string, Uint8Array>;
}

export interface RefResult {
  uri: string | null;
  type: string | null;
  /** The element a same-document reference points at. */
  target?: Element;
  /** The digest input; undefined when the referenced data is not available (with `unavailable`). */
  data?: Uint8Array;
  unavailable?: string;
  /** The signed data object itself (for document-type checks), before any canonicalisation. */
  object?: Uint8Array;
  /** How the reference was resolved, for the result. */
  resolvedAs: string;
  digestOk: boolean;
  hashUri: string;
  /** The node-set the transforms left (canonicalised with C14N 1.0 for the digest; archive time-stamps
   * canonicalise it with their own algorithm). */
  finalNodes?: NodeSet;
}

export function transformsOf(ref: Element): Element[] {
  const ts = kid(ref, NS.ds, "Transforms");
  return ts ? kids(ts, NS.ds, "Transform") : [];
}

/** The InclusiveNamespaces PrefixList of an exclusive-C14N Transform or CanonicalizationMethod. */
export function prefixList(el: Element | undefined): string[] | undefined {
  const inc = el ? kid(el, EXC_NS, "InclusiveNamespaces") : undefined;
  const list = inc?.getAttribute("PrefixList");
  return list ? list.trim().split(/\s+/) : undefined;
}

export function processReference(ref: Element, ctx: RefContext): RefResult {
  const uri = ref.hasAttribute("URI") ? ref.getAttribute("URI") : null;
  const type = ref.getAttribute("Type");
  const hashUri = kid(ref, NS.ds, "DigestMethod")?.getAttribute("Algorithm") ?? "";
  const expected = text(kid(ref, NS.ds, "DigestValue")).replace(/\s+/g, "");
  const transforms = transformsOf(ref);
  if (transforms.length > 16) throw new XmlFormatError(`a Reference with ${transforms.length} transforms (16 at most)`);
  const algs = transforms.map((t) => t.getAttribute("Algorithm") ?? "");
  const res: RefResult = { uri, type, resolvedAs: "", digestOk: false, hashUri };
  let data: NodeSet | Octets;
  if (uri === "" || uri === "#xpointer(/)") {
    data = { kind: "nodes", root: ctx.doc, exclude: new Set(), comments: uri !== "" };
    res.resolvedAs = "the whole document of the signature";
  } else if (uri !== null && uri.startsWith("#")) {
    const xp = /^#xpointer\(id\(['"]([^'"]+)['"]\)\)$/.exec(uri);
    if (uri.startsWith("#xpointer(") && !xp) throw new XmlUnsupportedError(`the XPointer ${uri} is not supported`);
    const id = xp ? xp[1] : uri.slice(1);
    const els = ctx.ids.get(id) ?? [];
    if (els.length !== 1) throw new XmlFormatError(`Reference ${uri} resolves to ${els.length} elements`);
    res.target = els[0];
    data = { kind: "nodes", root: els[0], exclude: new Set(), comments: !!xp };
    res.resolvedAs = `the element <${els[0].tagName}> with Id "${id}"`;
  } else if (uri === null && !ctx.detachedContent && ctx.sig.parentNode?.nodeType === 1) {
    // No URI (xadesjs's enveloped default): the application's document is the one enveloping the signature.
    data = { kind: "nodes", root: ctx.doc, exclude: new Set(), comments: false };
    res.resolvedAs = "no URI: the document enveloping the signature (as the application supplies it)";
  } else {
    const entry = uri !== null ? ctx.entries?.get(decodeURIComponent(uri.replace(/^\.\//, ""))) : undefined;
    if (entry) {
      data = { kind: "octets", bytes: entry };
      res.resolvedAs = `the package entry "${uri}"`;
    } else if (ctx.detachedContent) {
      data = { kind: "octets", bytes: ctx.detachedContent };
      res.resolvedAs =
        uri === null ? "no URI: the detached document given (--detached)" : `"${uri}": the detached document given`;
    } else {
      res.unavailable =
        uri === null
          ? "a Reference without URI: the signed document was not given (--detached)"
          : `detached Reference "${uri}": the signed document was not given (--detached)`;
      res.resolvedAs = "not resolved";
      return res;
    }
  }

  for (const [i, t] of transforms.entries()) {
    const alg = algs[i];
    if (alg === T_ENVELOPED) {
      const ns = toNodes(data);
      // The transform removes the signature and everything inside it: a node-set the signature encloses is empty.
      ns.exclude.add(isAncestor(ctx.sig, ns.root) ? ns.root : ctx.sig);
      data = ns;
    } else if (alg === T_XPATH) {
      const expr = text(kid(t, NS.ds, "XPath")).replace(/\s+/g, "");
      const m = /^not\(ancestor-or-self::([A-Za-z_][\w.-]*):Signature\)$/.exec(expr);
      const xpEl = kid(t, NS.ds, "XPath");
      if (!m || xpEl?.lookupNamespaceURI(m[1]) !== NS.ds)
        throw new XmlUnsupportedError(`the XPath transform "${expr}" is not supported`);
      const ns = toNodes(data);
      for (const s of desc(ctx.doc, NS.ds, "Signature")) ns.exclude.add(isAncestor(s, ns.root) ? ns.root : s);
      data = ns;
    } else if (alg === T_FILTER2) {
      for (const x of kids(t, T_FILTER2, "XPath")) {
        const ns = toNodes(data);
        const expr = text(x).replace(/\s+/g, "");
        const filter = x.getAttribute("Filter");
        if (filter === "intersect") {
          const selected = filter2Select(expr, x, ctx);
          if (!selected)
            throw new XmlUnsupportedError(`the XPath Filter 2.0 transform intersect "${expr}" is not supported`);
          const kept = intersect(ns, selected);
          // what the reference signs is now the intersection: when that is one element, it is the target the
          // wrapping rules look at (a SignedProperties reference must end at this signature's own)
          const only =
            kept.apexes!.length === 1 && kept.apexes![0]!.nodeType === 1 ? (kept.apexes![0] as Element) : undefined;
          res.target = only ?? res.target;
          res.resolvedAs += only
            ? `, intersected (XPath Filter 2.0) to <${only.tagName}>`
            : `, intersected (XPath Filter 2.0) to ${kept.apexes!.length} nodes`;
          data = kept;
          continue;
        }
        // The forms signers write: every signature, or every signature that is a child of the root element.
        const m =
          /^\/(descendant::|\*\/)(?:([A-Za-z_][\w.-]*):Signature|\*\[name\(\)=['"]([A-Za-z_][\w.-]*):Signature['"]\])$/.exec(
            expr,
          );
        const prefix = m?.[2] ?? m?.[3];
        if (filter !== "subtract" || !prefix || x.lookupNamespaceURI(prefix) !== NS.ds)
          throw new XmlUnsupportedError(`the XPath Filter 2.0 transform ${filter} "${expr}" is not supported`);
        for (const s of desc(ctx.doc, NS.ds, "Signature"))
          if (m![1] === "descendant::" || s.parentNode === ctx.doc.documentElement) ns.exclude.add(s);
        data = ns;
      }
    } else if (C14N_ALGORITHMS[alg]) {
      const ns = toNodes(data);
      data = {
        kind: "octets",
        bytes: canonicalizeNodeSet(ns, alg, {
          comments: C14N_ALGORITHMS[alg].comments && ns.comments,
          inclusivePrefixes: prefixList(t),
        }),
      };
    } else if (alg === T_BASE64) {
      const s = data.kind === "nodes" ? (data.root.textContent ?? "") : new TextDecoder().decode(data.bytes);
      data = { kind: "octets", bytes: new Uint8Array(Buffer.from(s.replace(/\s+/g, ""), "base64")) };
      res.object = data.bytes;
    } else throw new XmlUnsupportedError(`the transform ${alg || "(no Algorithm)"} is not supported`);
  }
  const octets = data.kind === "octets" ? data.bytes : canonicalizeNodeSet(data, C14N_10, { comments: false });
  if (data.kind === "nodes") res.finalNodes = data;
  if (!res.object) res.object = data.kind === "octets" && !transforms.length ? data.bytes : octets;
  res.data = octets;
  const got = xmlDigest(hashUri, octets);
  if (!got) throw new XmlUnsupportedError(`the DigestMethod ${hashUri} is not supported`);
  res.digestOk = Buffer.from(got).toString("base64") === expected;
  return res;
}

/** Octets used as a node-set are parsed as XML (with the same hardening as the signature file). */
function toNodes(d: NodeSet | Octets): NodeSet {
  if (d.kind === "nodes") return d;
  try {
    return { kind: "nodes", root: parseXmlHardened(d.bytes), exclude: new Set(), comments: true };
  } catch (e) {
    throw new XmlFormatError(
      `the referenced data is not XML, yet a transform needs it as XML: ${(e as Error).message}`,
    );
  }
}
