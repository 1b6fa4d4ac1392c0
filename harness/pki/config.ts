// Load the PKI YAML: parse, schema-check (ajv), then check cross references (issuer, key, profile, CRL,
// responder labels). Every error names the file and the field path, e.g. `pki.yaml: certificates.nes.issuer`.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ValidateFunction } from "ajv";
import { UserError } from "../core/errors.ts";
import { ValidationError, type Issue } from "../core/issues.ts";
import {
  issueAt,
  makeAjv,
  mapItemLabel,
  readYaml,
  schemaIssues,
  sourceOf,
  type PathSeg,
  type YamlSource,
} from "../core/yaml.ts";
import { pkiConfigSchema } from "./schema.ts";
import type { PkiConfig } from "./types.ts";

export { DEFAULT_PKI_CONFIG } from "../core/paths.ts";

const WHAT = "PKI config";
/** Entries of the config are keyed by label: an error names `certificates.nes-rsa` as the item. */
const label = mapItemLabel("keys", "certificates", "crls", "ocspResponders", "tsas", "profiles");

let validator: ValidateFunction | undefined;
const schema = () => (validator ??= makeAjv({ formats: true }).compile(pkiConfigSchema));

export function loadPkiConfig(file: string, overrides: { baseUrl?: string } = {}): PkiConfig {
  const { source, issues } = readYaml(file, file);
  if (!source) throw new ValidationError(WHAT, issues);
  return checkPkiConfig(source.data, file, overrides, source);
}

/**
 * Schema and reference checks for an already parsed config; `file` names it in messages, `src` (when it came
 * from a file) gives the line and column of each problem.
 */
export function checkPkiConfig(
  data: unknown,
  file: string,
  overrides: { baseUrl?: string } = {},
  src: YamlSource = sourceOf(data, file),
): PkiConfig {
  const problems = schemaIssues(src, schema(), label);
  if (problems.length) throw new ValidationError(WHAT, problems);
  const cfg = structuredClone(data) as PkiConfig;
  if (overrides.baseUrl) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?$/.test(overrides.baseUrl))
      throw new UserError(`--base-url ${overrides.baseUrl}: must be http://127.0.0.1:PORT (loopback only)`);
    cfg.baseUrl = overrides.baseUrl;
  }
  cfg.baseUrl = cfg.baseUrl.replace(/\/$/, "");
  cfg.sourceFile = file;
  const refProblems = referenceIssues(cfg, src);
  if (refProblems.length) throw new ValidationError(WHAT, refProblems);
  cfg.keyPems = {};
  const base = dirname(resolve(file));
  for (const [k, key] of Object.entries(cfg.keys)) {
    const keyFile = resolve(base, key.file ?? `keys/${k}.key.pem`);
    try {
      cfg.keyPems[k] = readFileSync(keyFile, "utf8");
    } catch {
      throw new UserError(
        `${file}: keys.${k}.file: cannot read ${keyFile} (run \`uyum pki keygen --config ${file}\` to create missing keys)`,
      );
    }
  }
  return cfg;
}

/** Labels that must name something else in the file (issuer, key, CRL, responder, profile), and chains that end. */
function referenceIssues(cfg: PkiConfig, src: YamlSource): Issue[] {
  const out: Issue[] = [];
  const fail = (path: string, msg: string): void => void out.push(issueAt(src, toPath(path), msg, label));
  const certs = cfg.certificates;
  const crls = cfg.crls ?? {};
  const responders = cfg.ocspResponders ?? {};
  const isCa = (l: string) =>
    certs[l]?.role === "root" || certs[l]?.role === "subroot" || certs[l]?.basicConstraints?.ca === true;
  for (const [l, c] of Object.entries(certs)) {
    const p = `certificates.${l}`;
    if (c.issuer !== undefined && !certs[c.issuer]) fail(`${p}.issuer`, `no certificate labelled "${c.issuer}"`);
    else if (c.issuer !== undefined && !isCa(c.issuer))
      fail(`${p}.issuer`, `"${c.issuer}" is not a CA (role root/subroot)`);
    if (c.issuer === undefined && c.role !== "root") fail(`${p}.issuer`, `missing (only role root may be self-signed)`);
    const keyLabel = c.key ?? l;
    if (!cfg.keys[keyLabel]) fail(c.key ? `${p}.key` : `${p}`, `no key labelled "${keyLabel}" under keys`);
    if (c.signingKey !== undefined && !cfg.keys[c.signingKey])
      fail(`${p}.signingKey`, `no key labelled "${c.signingKey}" under keys`);
    if (c.profile !== undefined && !cfg.profiles?.[c.profile]) fail(`${p}.profile`, `no profile named "${c.profile}"`);
    if (typeof c.crl === "string" && !crls[c.crl] && !isCa(c.crl)) fail(`${p}.crl`, `no CRL labelled "${c.crl}"`);
    if (typeof c.ocsp === "string" && !responders[c.ocsp]) fail(`${p}.ocsp`, `no OCSP responder labelled "${c.ocsp}"`);
    if (Date.parse(c.notAfter) <= Date.parse(c.notBefore)) fail(`${p}.notAfter`, `must be after notBefore`);
  }
  // issuer chains must end in a root (no cycles)
  for (const l of Object.keys(certs)) {
    const seen = new Set<string>();
    let cur: string | undefined = l;
    while (cur !== undefined && certs[cur]) {
      if (seen.has(cur)) {
        fail(`certificates.${l}.issuer`, `issuer chain loops (${[...seen].join(" → ")})`);
        break;
      }
      seen.add(cur);
      cur = certs[cur]!.issuer;
    }
  }
  for (const [l, c] of Object.entries(crls)) {
    if (!certs[c.issuer] || !isCa(c.issuer)) fail(`crls.${l}.issuer`, `no CA certificate labelled "${c.issuer}"`);
  }
  for (const [l, r] of Object.entries(responders)) {
    if (!certs[r.issuer] || !isCa(r.issuer))
      fail(`ocspResponders.${l}.issuer`, `no CA certificate labelled "${r.issuer}"`);
    if (r.signer !== undefined && !certs[r.signer])
      fail(`ocspResponders.${l}.signer`, `no certificate labelled "${r.signer}"`);
  }
  for (const [l, t] of Object.entries(cfg.tsas ?? {})) {
    if (!certs[t.cert]) fail(`tsas.${l}.cert`, `no certificate labelled "${t.cert}"`);
  }
  for (const [l, prof] of Object.entries(cfg.profiles ?? {})) {
    if (typeof prof.crl === "string" && !crls[prof.crl]) fail(`profiles.${l}.crl`, `no CRL labelled "${prof.crl}"`);
    if (typeof prof.ocsp === "string" && !responders[prof.ocsp])
      fail(`profiles.${l}.ocsp`, `no OCSP responder labelled "${prof.ocsp}"`);
  }
  return out;
}

/** `certificates.<label>.issuer` → path segments; labels may contain dots, so the label is matched whole. */
function toPath(p: string): PathSeg[] {
  const m =
    /^(keys|certificates|crls|ocspResponders|tsas|profiles)\.(.+?)(?:\.(issuer|key|signingKey|profile|crl|ocsp|notAfter|cert|signer|file))?$/.exec(
      p,
    );
  return m ? [m[1]!, m[2]!, ...(m[3] ? [m[3]] : [])] : p.split(".");
}
