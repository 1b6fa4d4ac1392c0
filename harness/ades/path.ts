// RFC 5280 §6 certification path building and validation, with explicit trust anchors only (never the
// system store), validity periods checked here (pkijs does not: pkijs #460), the policy tree, name
// constraints and CRL-based revocation (§6.3: scope, reasons, indirect and delta CRLs, CRL signer path).
import type { KeyObject } from "node:crypto";
import { verifyObject, verifySignature } from "./algs.ts";
import { REASONS, type Crl, type CrlEntry } from "./crl.ts";
import {
  ALL_REASONS,
  certKey,
  hasKu,
  isSelfIssued,
  KU,
  OID,
  type Cert,
  type DistributionPoint,
  type GeneralName,
  type Name,
} from "./x509.ts";
import { parseName } from "./x509.ts";
import { content, parseDer, tlv, type Node } from "../asn1/der.ts";

export type PathErrorKind =
  | "no-path"
  | "signature"
  | "expired"
  | "not-yet-valid"
  | "name-chaining"
  | "not-ca"
  | "path-length"
  | "key-usage"
  | "policy"
  | "name-constraints"
  | "critical-extension"
  | "duplicate-extension"
  | "revoked"
  | "no-revinfo"
  | "stale-revinfo";

export interface PathOptions {
  at: Date;
  anchors: Cert[];
  intermediates?: Cert[];
  crls?: Crl[];
  /** "require": every non-anchor certificate needs CRL status; "off": no revocation step here. */
  revocation?: "require" | "if-available" | "off";
  initialPolicies?: string[];
  explicitPolicy?: boolean;
  inhibitPolicyMapping?: boolean;
  inhibitAnyPolicy?: boolean;
  /** Use exactly these intermediates, in order from the end entity's issuer upwards. */
  fixedIntermediates?: Cert[];
  /** Internal: recursion depth for CRL-signer paths. */
  depth?: number;
  /** Internal: CRLs whose signer is being validated up the stack (a CRL issuer covered by its own CRL). */
  crlsInProgress?: Set<string>;
  /** Overrides the CRL freshness rule (default: nextUpdate not before `at`), e.g. for signature-time checks. */
  crlFresh?: (crl: Crl) => boolean;
}

export interface PathResult {
  ok: boolean;
  kind?: PathErrorKind;
  message: string;
  /** End entity first, trust anchor last. */
  path: Cert[];
  revokedAt?: Date;
  revocationReason?: string;
  /** Policies of the valid policy tree's leaves (anyPolicy when unrestricted). */
  validPolicies?: string[];
}

class PathError extends Error {
  constructor(
    readonly kind: PathErrorKind,
    message: string,
    readonly extra: Partial<PathResult> = {},
  ) {
    super(message);
  }
}

const MAX_PATH = 12;
const MAX_CANDIDATES = 16;

function issuersOf(c: Cert, pool: Cert[]): Cert[] {
  // A candidate whose key identifier contradicts the certificate's AKI is another key (a forged or other CA).
  const list = pool.filter(
    (p) => p.subject.key === c.issuer.key && p.id !== c.id && !(p.ski && c.akiKeyId && p.ski !== c.akiKeyId),
  );
  // Prefer the one whose subject key identifier matches the authority key identifier.
  return list.sort(
    (a, b) => Number(b.ski !== undefined && b.ski === c.akiKeyId) - Number(a.ski !== undefined && a.ski === c.akiKeyId),
  );
}

/** Candidate paths (EE first, anchor last), most plausible first. */
export function buildPaths(ee: Cert, opts: PathOptions): Cert[][] {
  if (opts.fixedIntermediates) {
    const chain = [ee, ...opts.fixedIntermediates];
    const top = chain[chain.length - 1];
    const anchors = opts.anchors.filter((a) => a.subject.key === top.issuer.key);
    return (anchors.length ? anchors : opts.anchors).map((a) => [...chain, a]);
  }
  const out: Cert[][] = [];
  const anchorIds = new Set(opts.anchors.map((a) => a.id));
  const pool = opts.intermediates ?? [];
  const walk = (chain: Cert[]): void => {
    if (out.length >= MAX_CANDIDATES || chain.length > MAX_PATH) return;
    const last = chain[chain.length - 1];
    for (const a of issuersOf(last, opts.anchors)) out.push([...chain, a]);
    for (const c of issuersOf(last, pool)) {
      if (anchorIds.has(c.id) || chain.some((x) => x.id === c.id)) continue;
      walk([...chain, c]);
    }
  };
  if (anchorIds.has(ee.id)) return [[ee]];
  walk([ee]);
  return out;
}

/** Build and validate: the first candidate path that validates wins; otherwise the first path's error. */
export function validatePath(ee: Cert, opts: PathOptions): PathResult {
  const paths = buildPaths(ee, opts);
  if (paths.length === 0) {
    return {
      ok: false,
      kind: "no-path",
      message: `no certification path from "${ee.subject.text}" to a trust anchor (issuer "${ee.issuer.text}" not found)`,
      path: [ee],
    };
  }
  let first: PathResult | undefined;
  for (const p of paths) {
    const r = validateOnePath(p, opts);
    if (r.ok) return r;
    first ??= r;
    // A revoked certificate is a definite answer; do not look for another path around it.
    if (r.kind === "revoked") return r;
  }
  return first!;
}

function label(i: number, n: number): string {
  return i === n ? "the end-entity certificate" : `intermediate certificate ${i}`;
}

interface PolicyNode {
  policy: string;
  expected: Set<string>;
  children: PolicyNode[];
  parent?: PolicyNode;
  depth: number;
}

function nodesAt(root: PolicyNode, depth: number): PolicyNode[] {
  const out: PolicyNode[] = [];
  const rec = (n: PolicyNode): void => {
    if (n.depth === depth) out.push(n);
    else for (const c of n.children) rec(c);
  };
  rec(root);
  return out;
}

/** Remove childless nodes above `depth`; returns undefined when the root itself goes. */
function prune(root: PolicyNode, depth: number): PolicyNode | undefined {
  const rec = (n: PolicyNode): boolean => {
    if (n.depth === depth) return true;
    n.children = n.children.filter(rec);
    return n.children.length > 0;
  };
  return rec(root) ? root : undefined;
}

function removeNode(n: PolicyNode): void {
  if (n.parent) n.parent.children = n.parent.children.filter((c) => c !== n);
}

/** RFC 5280 §6.1 over one path (EE first, anchor last). Revocation per §6.3 when asked. */
export function validateOnePath(pathEeFirst: Cert[], opts: PathOptions): PathResult {
  const anchor = pathEeFirst[pathEeFirst.length - 1];
  const certs = pathEeFirst.slice(0, -1).reverse(); // certs[0] issued by the anchor, certs[n-1] = EE
  const n = certs.length;
  const at = opts.at;
  if (n === 0) {
    // The certificate is itself a trust anchor (a path of length 0): trusted as configured, so only its validity
    // period is checked; there is no issuer to verify it with and nothing to chain.
    const who = `the trust anchor "${anchor.subject.text}"`;
    if (at < anchor.notBefore)
      return {
        ok: false,
        kind: "not-yet-valid",
        message: `${who} is not valid until ${anchor.notBefore.toISOString()}`,
        path: pathEeFirst,
      };
    if (at > anchor.notAfter)
      return {
        ok: false,
        kind: "expired",
        message: `${who} expired ${anchor.notAfter.toISOString()}`,
        path: pathEeFirst,
      };
    return { ok: true, message: `${who} is itself trusted`, path: pathEeFirst, validPolicies: [OID.anyPolicy] };
  }
  try {
    const userPolicies = opts.initialPolicies?.length ? opts.initialPolicies : [OID.anyPolicy];
    let tree: PolicyNode | undefined = {
      policy: OID.anyPolicy,
      expected: new Set([OID.anyPolicy]),
      children: [],
      depth: 0,
    };
    let explicitPolicy = opts.explicitPolicy ? 0 : n + 1;
    let inhibitAny = opts.inhibitAnyPolicy ? 0 : n + 1;
    let policyMapping = opts.inhibitPolicyMapping ? 0 : n + 1;
    const permitted: GeneralName[][] = [];
    const excluded: GeneralName[] = [];
    let workingKey: KeyObject = certKey(anchor);
    let workingIssuer: Name = anchor.subject;
    let maxPathLength = n;
    // RFC 5937 §3 / RFC 5280 §6.1.1 (b), (c): a trust anchor's own name constraints are the initial subtrees.
    if (anchor.nameConstraints?.permitted?.length) permitted.push(anchor.nameConstraints.permitted);
    if (anchor.nameConstraints?.excluded) excluded.push(...anchor.nameConstraints.excluded);

    for (let i = 1; i <= n; i++) {
      const c = certs[i - 1];
      const who = label(i, n);
      // RFC 5280 §4.2: more than one instance of an extension leaves it ambiguous which one applies: rejected.
      if (c.duplicateExtensions?.length)
        throw new PathError(
          "duplicate-extension",
          `${who} carries extension ${c.duplicateExtensions.join(", ")} more than once (RFC 5280 §4.2)`,
        );
      // 6.1.3 (a)
      if (!verifyObject(c.id, c.sigAlg, workingKey, c.tbs, c.sigValue))
        throw new PathError("signature", `the signature of ${who} could not be verified`);
      if (at < c.notBefore)
        throw new PathError("not-yet-valid", `${who} is not valid until ${c.notBefore.toISOString()}`);
      if (at > c.notAfter) throw new PathError("expired", `${who} expired ${c.notAfter.toISOString()}`);
      if (c.issuer.key !== workingIssuer.key)
        throw new PathError("name-chaining", `${who} issuer name could not be matched`);
      // 6.1.3 (b), (c): name constraints (self-issued intermediates are exempt)
      if (!(isSelfIssued(c) && i < n)) checkNameConstraints(c, permitted, excluded, who);
      // 6.1.3 (d), (e): policies
      if (c.policies && tree) {
        const prev = nodesAt(tree, i - 1);
        let anyQ = false;
        for (const p of c.policies) {
          if (p.oid === OID.anyPolicy) {
            anyQ = true;
            continue;
          }
          let matched = false;
          for (const node of prev) {
            if (node.expected.has(p.oid)) {
              node.children.push({ policy: p.oid, expected: new Set([p.oid]), children: [], parent: node, depth: i });
              matched = true;
            }
          }
          if (!matched) {
            for (const node of prev) {
              if (node.policy === OID.anyPolicy)
                node.children.push({ policy: p.oid, expected: new Set([p.oid]), children: [], parent: node, depth: i });
            }
          }
        }
        if (anyQ && (inhibitAny > 0 || (i < n && isSelfIssued(c)))) {
          for (const node of prev) {
            for (const e of node.expected) {
              if (!node.children.some((ch) => ch.policy === e))
                node.children.push({ policy: e, expected: new Set([e]), children: [], parent: node, depth: i });
            }
          }
        }
        tree = prune(tree, i);
      } else if (!c.policies) tree = undefined;
      if (explicitPolicy <= 0 && !tree) throw new PathError("policy", `there is no valid set of policies for ${who}`);

      if (i === n) break;
      // 6.1.4 preparation for the next certificate
      if (c.policyMappings) {
        for (const m of c.policyMappings) {
          if (m.issuer === OID.anyPolicy || m.subject === OID.anyPolicy)
            throw new PathError("policy", `${who} maps to or from anyPolicy`);
        }
        const byIssuer = new Map<string, string[]>();
        for (const m of c.policyMappings) byIssuer.set(m.issuer, [...(byIssuer.get(m.issuer) ?? []), m.subject]);
        if (tree) {
          for (const [idp, subjects] of byIssuer) {
            const level = nodesAt(tree, i);
            const hits = level.filter((x) => x.policy === idp);
            if (policyMapping > 0) {
              if (hits.length) for (const h of hits) h.expected = new Set(subjects);
              else {
                const anyNode = level.find((x) => x.policy === OID.anyPolicy);
                if (anyNode?.parent)
                  anyNode.parent.children.push({
                    policy: idp,
                    expected: new Set(subjects),
                    children: [],
                    parent: anyNode.parent,
                    depth: i,
                  });
              }
            } else {
              for (const h of hits) removeNode(h);
              tree = tree ? prune(tree, i) : undefined;
              if (!tree) break;
            }
          }
        }
      }
      workingIssuer = c.subject;
      workingKey = certKey(c, workingKey);
      if (c.nameConstraints?.permitted?.length) permitted.push(c.nameConstraints.permitted);
      if (c.nameConstraints?.excluded) excluded.push(...c.nameConstraints.excluded);
      if (!isSelfIssued(c)) {
        if (explicitPolicy > 0) explicitPolicy--;
        if (policyMapping > 0) policyMapping--;
        if (inhibitAny > 0) inhibitAny--;
      }
      if (c.policyConstraints?.requireExplicit !== undefined)
        explicitPolicy = Math.min(explicitPolicy, c.policyConstraints.requireExplicit);
      if (c.policyConstraints?.inhibitMapping !== undefined)
        policyMapping = Math.min(policyMapping, c.policyConstraints.inhibitMapping);
      if (c.inhibitAnyPolicy !== undefined) inhibitAny = Math.min(inhibitAny, c.inhibitAnyPolicy);
      if (!c.basicConstraints?.ca) throw new PathError("not-ca", `${who} is not a CA`);
      if (!isSelfIssued(c)) {
        if (maxPathLength <= 0) throw new PathError("path-length", `${who} exceeds the maximum path length`);
        maxPathLength--;
      }
      if (c.basicConstraints.pathLen !== undefined) maxPathLength = Math.min(maxPathLength, c.basicConstraints.pathLen);
      if (!hasKu(c, KU.keyCertSign))
        throw new PathError("key-usage", `${who} is not allowed to sign certificates (keyUsage lacks keyCertSign)`);
      if (c.unknownCritical.length)
        throw new PathError(
          "critical-extension",
          `${who} has an unsupported critical extension ${c.unknownCritical.join(", ")}`,
        );
    }
    // 6.1.5 wrap-up
    const ee = certs[n - 1];
    if (explicitPolicy > 0) explicitPolicy--;
    if (ee.policyConstraints?.requireExplicit === 0) explicitPolicy = 0;
    if (ee.unknownCritical.length)
      throw new PathError(
        "critical-extension",
        `the end-entity certificate has an unsupported critical extension ${ee.unknownCritical.join(", ")}`,
      );
    if (tree && !userPolicies.includes(OID.anyPolicy)) {
      const user = new Set(userPolicies);
      // valid_policy_node_set: nodes whose parent is an anyPolicy node
      const vpns: PolicyNode[] = [];
      const rec = (x: PolicyNode): void => {
        for (const ch of x.children) {
          if (x.policy === OID.anyPolicy) vpns.push(ch);
          if (x.policy === OID.anyPolicy) rec(ch);
        }
      };
      rec(tree);
      for (const x of vpns) if (x.policy !== OID.anyPolicy && !user.has(x.policy)) removeNode(x);
      const leafAny = nodesAt(tree, n).filter((x) => x.policy === OID.anyPolicy);
      for (const la of leafAny) {
        const parent = la.parent;
        removeNode(la);
        if (!parent) continue;
        for (const u of user) {
          if (!nodesAt(tree, n).some((x) => x.policy === u))
            parent.children.push({ policy: u, expected: new Set([u]), children: [], parent, depth: n });
        }
      }
      tree = prune(tree, n);
    }
    if (explicitPolicy <= 0 && !tree)
      throw new PathError("policy", "there is no valid set of policies for the end-entity certificate");
    const validPolicies = tree ? [...new Set(nodesAt(tree, n).map((x) => x.policy))] : [];

    // 6.3 revocation, each non-anchor certificate, from the end entity upwards
    if ((opts.revocation ?? "off") !== "off") {
      for (let i = n; i >= 1; i--) {
        const c = certs[i - 1];
        const issuer = i === 1 ? anchor : certs[i - 2];
        const st = crlStatus(c, issuer, pathEeFirst, opts);
        const who = label(i, n);
        if (st.status === "revoked") {
          throw new PathError(
            "revoked",
            `CRL indicates ${who} was revoked at ${st.entry!.date.toISOString()}, due to ${REASONS[st.entry!.reason ?? 0] ?? "an unspecified reason"}`,
            {
              revokedAt: st.entry!.date,
              revocationReason: REASONS[st.entry!.reason ?? 0],
            },
          );
        }
        if (st.status !== "good" && opts.revocation === "require") {
          throw new PathError(
            st.stale ? "stale-revinfo" : "no-revinfo",
            `${who} revocation checks failed: ${st.message}`,
          );
        }
      }
    }
    return { ok: true, message: "path valid", path: pathEeFirst, validPolicies };
  } catch (e) {
    if (e instanceof PathError)
      return {
        ok: false,
        kind: e.kind,
        message: `The path could not be validated because ${e.message}`,
        path: pathEeFirst,
        ...e.extra,
      };
    throw e;
  }
}

// ---------- name constraints ----------

function dnWithin(name: Name, base: Name): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  for (let i = 0; i < base.rdns.length; i++) {
    const a = base.rdns[i]
      .map((x) => `${x.type}=${x.norm}`)
      .sort()
      .join("+");
    const b = name.rdns[i]
      .map((x) => `${x.type}=${x.norm}`)
      .sort()
      .join("+");
    if (a !== b) return false;
  }
  return true;
}

function hostWithin(host: string, c: string): boolean {
  host = host.toLowerCase();
  c = c.toLowerCase();
  if (c === "") return true;
  if (c.startsWith(".")) return host.endsWith(c);
  return host === c || host.endsWith("." + c);
}

function emailWithin(mail: string, c: string): boolean {
  const at = mail.lastIndexOf("@");
  const host = mail.slice(at + 1).toLowerCase();
  if (c.includes("@")) return mail.toLowerCase() === c.toLowerCase();
  if (c.startsWith(".")) return host.endsWith(c.toLowerCase());
  return host === c.toLowerCase();
}

function uriHost(uri: string): string | undefined {
  const m = uri.match(/^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i);
  return m?.[1];
}

function uriWithin(uri: string, c: string): boolean {
  const host = uriHost(uri);
  if (host === undefined) return false;
  if (c.startsWith(".")) return host.toLowerCase().endsWith(c.toLowerCase());
  return host.toLowerCase() === c.toLowerCase();
}

function ipWithin(ip: Uint8Array, c: Uint8Array): boolean {
  if (c.length !== ip.length * 2) return false;
  for (let i = 0; i < ip.length; i++) if ((ip[i] & c[ip.length + i]) !== (c[i] & c[ip.length + i])) return false;
  return true;
}

function within(n: GeneralName, c: GeneralName): boolean | undefined {
  if (n.type !== c.type) return undefined;
  switch (n.type) {
    case "dn":
      return dnWithin(n.name, (c as { name: Name }).name);
    case "dns":
      return hostWithin(n.value, (c as { value: string }).value);
    case "rfc822":
      return emailWithin(n.value, (c as { value: string }).value);
    case "uri":
      return uriWithin(n.value, (c as { value: string }).value);
    case "ip":
      return ipWithin(n.bytes, (c as { bytes: Uint8Array }).bytes);
    default:
      return undefined;
  }
}

function namesOf(c: Cert): GeneralName[] {
  const out: GeneralName[] = [];
  if (c.subject.rdns.length) out.push({ type: "dn", name: c.subject });
  for (const r of c.subject.rdns)
    for (const a of r) if (a.type === OID.emailAddress) out.push({ type: "rfc822", value: a.value });
  if (c.subjectAltName) out.push(...c.subjectAltName);
  return out;
}

function checkNameConstraints(c: Cert, permitted: GeneralName[][], excluded: GeneralName[], who: string): void {
  if (!permitted.length && !excluded.length) return;
  for (const name of namesOf(c)) {
    for (const level of permitted) {
      const sameType = level.filter((x) => x.type === name.type);
      if (sameType.length && !sameType.some((x) => within(name, x))) {
        throw new PathError("name-constraints", `${who} has a ${name.type} name outside the permitted subtrees`);
      }
    }
    if (excluded.some((x) => within(name, x)))
      throw new PathError("name-constraints", `${who} has a ${name.type} name in an excluded subtree`);
  }
}

// ---------- CRL status (RFC 5280 §6.3) ----------

export interface CrlStatus {
  status: "good" | "revoked" | "unknown";
  entry?: CrlEntry;
  message: string;
  stale?: boolean;
  crl?: Crl;
}

function gnEqual(a: GeneralName, b: GeneralName): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "dn") return a.name.key === (b as { name: Name }).name.key;
  if (a.type === "ip")
    return Buffer.compare(Buffer.from(a.bytes), Buffer.from((b as { bytes: Uint8Array }).bytes)) === 0;
  if (a.type === "other") return a.der === (b as { der: string }).der;
  return a.value === (b as { value: string }).value;
}

/** Full names of a distribution point name, resolving nameRelativeToCRLIssuer against the issuer's DN. */
function dpNames(fullName: GeneralName[] | undefined, relative: Node | undefined, base: Name): GeneralName[] {
  if (fullName) return fullName;
  if (relative) {
    // nameRelativeToCRLIssuer: the RDN appended to the base DN.
    const rdn = parseName(wrapAsName(relative)).rdns[0];
    const rdns = [...base.rdns, rdn];
    const key = rdns
      .map((r) =>
        r
          .map((a) => `${a.type}=${a.norm}`)
          .sort()
          .join("+"),
      )
      .join(",");
    return [{ type: "dn", name: { ...base, rdns, key } }];
  }
  return [];
}

function wrapAsName(rdnImplicit: Node): Node {
  // Re-tag the implicit [1] SET as a SET inside a SEQUENCE so parseName can read it.
  return parseDer(tlv(0x30, tlv(0x31, content(rdnImplicit))), "nameRelativeToCRLIssuer");
}

interface ScopeResult {
  reasons: number;
}

/** Whether `crl` covers `cert` for distribution point `dp` (§6.3.3 b); returns the reasons it covers. */
function crlScope(cert: Cert, dp: DistributionPoint | undefined, crl: Crl): ScopeResult | undefined {
  const certIssuerKey = cert.issuer.key;
  if (dp?.crlIssuer) {
    if (!crl.idp?.indirect) return undefined;
    if (!dp.crlIssuer.some((g) => g.type === "dn" && g.name.key === crl.issuer.key)) return undefined;
  } else if (crl.issuer.key !== certIssuerKey) {
    if (!crl.idp?.indirect) return undefined;
  }
  const idp = crl.idp;
  if (idp) {
    if (idp.fullName || idp.relativeName) {
      const idpNames = dpNames(idp.fullName, idp.relativeName, crl.issuer);
      let certNames: GeneralName[] = [];
      if (dp && (dp.fullName || dp.relativeName)) {
        // A relative name is appended to the cRLIssuer's DN when there is one, else to the cert issuer's.
        const base = dp.crlIssuer?.find((g) => g.type === "dn");
        certNames = dpNames(dp.fullName, dp.relativeName, base && base.type === "dn" ? base.name : cert.issuer);
      } else if (dp?.crlIssuer) certNames = dp.crlIssuer;
      else return undefined;
      if (!idpNames.some((a) => certNames.some((b) => gnEqual(a, b)))) return undefined;
    }
    const isCa = !!cert.basicConstraints?.ca;
    if (idp.onlyUser && isCa) return undefined;
    if (idp.onlyCA && !isCa) return undefined;
    if (idp.onlyAttr) return undefined;
  }
  let reasons = ALL_REASONS;
  if (dp?.reasons !== undefined) reasons &= dp.reasons;
  if (idp?.onlySomeReasons !== undefined) reasons &= idp.onlySomeReasons;
  return { reasons };
}

function findEntry(crl: Crl, cert: Cert): CrlEntry | undefined {
  const list = crl.bySerial.get(cert.serialHex);
  return list?.find((e) => e.issuerKey === cert.issuer.key);
}

/** Whether `crl` is signed by a certificate that validates to the anchor; the CRL issuer's own cert may be in `path`. */
function crlSignerOk(
  crl: Crl,
  cert: Cert,
  issuer: Cert,
  path: Cert[],
  opts: PathOptions,
): { ok: boolean; message: string } {
  // The certificate's issuer itself (the common case), when its name matches and its key verifies.
  if (
    issuer.subject.key === crl.issuer.key &&
    hasKu(issuer, KU.cRLSign) &&
    verifyObject(crl.id, crl.sigAlg, certKey(issuer), crl.tbs, crl.sigValue)
  ) {
    return { ok: true, message: "signed by the issuer" };
  }
  const depth = opts.depth ?? 0;
  const pool = [...path, ...(opts.intermediates ?? []), ...opts.anchors];
  const seen = new Set<string>();
  let lastMsg = "CRL signature could not be verified";
  for (const cand of pool) {
    if (seen.has(cand.id) || cand.subject.key !== crl.issuer.key) continue;
    seen.add(cand.id);
    let key: KeyObject;
    try {
      key = certKey(cand);
    } catch {
      continue;
    }
    if (!verifyObject(crl.id, crl.sigAlg, key, crl.tbs, crl.sigValue)) continue;
    if (!hasKu(cand, KU.cRLSign)) {
      lastMsg = "The CRL issuer certificate is not allowed to sign CRLs (keyUsage lacks cRLSign)";
      continue;
    }
    if (opts.anchors.some((a) => a.id === cand.id)) return { ok: true, message: "signed by a trust anchor" };
    if (opts.crlsInProgress?.has(crl.id)) return { ok: true, message: "signed by the CRL issuer being validated" };
    if (depth >= 3) continue;
    const sub = validatePath(cand, {
      ...opts,
      crlsInProgress: new Set([...(opts.crlsInProgress ?? []), crl.id]),
      fixedIntermediates: undefined,
      initialPolicies: undefined,
      explicitPolicy: false,
      inhibitAnyPolicy: false,
      inhibitPolicyMapping: false,
      depth: depth + 1,
      revocation: opts.revocation === "off" ? "off" : "require",
    });
    if (sub.ok) return { ok: true, message: "signed by a validated CRL issuer" };
    lastMsg = `The CRL issuer certificate path could not be validated. ${sub.message.replace(/^The path could not be validated because /, "").replace("the end-entity certificate", "the end-entity certificate CRL issuer")}`;
  }
  return { ok: false, message: lastMsg };
}

/** The revocation status of `cert` from the CRLs in `opts`, per §6.3. */
export function crlStatus(cert: Cert, issuer: Cert, path: Cert[], opts: PathOptions): CrlStatus {
  const crls = opts.crls ?? [];
  const dps: (DistributionPoint | undefined)[] = cert.crlDistributionPoints?.length
    ? cert.crlDistributionPoints
    : [undefined];
  let covered = 0;
  let lastProblem = "no revocation information could be found";
  let stale = false;
  let anyCandidate = false;
  let usedCrl: Crl | undefined;
  for (const dp of dps) {
    for (const crl of crls) {
      if (crl.deltaBase !== undefined) continue; // a delta is never a complete CRL
      const scope = crlScope(cert, dp, crl);
      if (!scope) continue;
      if ((scope.reasons & ~covered) === 0) continue;
      anyCandidate = true;
      if (crl.unknownCritical.length) {
        lastProblem = `One or more unrecognized critical extensions are present in the CRL (${crl.unknownCritical.join(", ")})`;
        continue;
      }
      const signer = crlSignerOk(crl, cert, issuer, path, opts);
      if (!signer.ok) {
        lastProblem = signer.message;
        continue;
      }
      if (opts.crlFresh ? !opts.crlFresh(crl) : crl.nextUpdate && crl.nextUpdate < opts.at) {
        lastProblem = "CRL is not recent enough (its nextUpdate has passed)";
        stale = true;
        continue;
      }
      // Delta CRLs for this base (§6.3.3 a(2), j)
      let entry = findEntry(crl, cert);
      for (const delta of crls) {
        if (delta.deltaBase === undefined || delta.issuer.key !== crl.issuer.key) continue;
        if ((delta.idp?.der ?? "") !== (crl.idp?.der ?? "")) continue;
        if (crl.crlNumber === undefined || delta.deltaBase > crl.crlNumber) continue;
        if (delta.unknownCritical.length) continue;
        if (!crlSignerOk(delta, cert, issuer, path, opts).ok) continue;
        if (opts.crlFresh ? !opts.crlFresh(delta) : delta.nextUpdate && delta.nextUpdate < opts.at) {
          lastProblem = "CRL is not recent enough (the delta CRL's nextUpdate has passed)";
          stale = true;
          entry = undefined;
          covered = 0;
          return { status: "unknown", message: lastProblem, stale };
        }
        const d = findEntry(delta, cert);
        if (d) entry = d.reason === 8 ? undefined : d;
      }
      if (
        entry &&
        entry.reason !== 8 &&
        (scope.reasons & (entry.reason === undefined || entry.reason === 0 ? ALL_REASONS : 1 << entry.reason)) !== 0
      ) {
        return { status: "revoked", entry, message: `revoked (${REASONS[entry.reason ?? 0]})`, crl };
      }
      covered |= scope.reasons;
      usedCrl = crl;
      if (covered === ALL_REASONS) return { status: "good", message: "not revoked", crl: usedCrl };
    }
  }
  if (anyCandidate && covered !== 0 && covered !== ALL_REASONS)
    lastProblem = "The available CRLs do not cover all revocation reasons";
  return { status: "unknown", message: lastProblem, stale };
}
