// Load the PKI YAML: parse, schema-check (ajv), then check cross references (issuer, key, profile, CRL,
// responder labels). Every error names the file and the field path, e.g. `pki.yaml: certificates.nes.issuer`.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseDocument } from "yaml";
import { UserError } from "../errors.ts";
import { pkiConfigSchema } from "./schema.ts";
import type { PkiConfig } from "./types.ts";

export { DEFAULT_PKI_CONFIG } from "./defaults.ts";

let validator: ReturnType<Ajv2020["compile"]> | undefined;
function validate(data: unknown): ReturnType<Ajv2020["compile"]>["errors"] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validator = ajv.compile(pkiConfigSchema);
  }
  return validator(data) ? null : validator.errors;
}

/** `/certificates/nes-rsa/issuer` → `certificates.nes-rsa.issuer` */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra) parts.push(extra);
  return parts.length ? parts.join(".") : "(top level)";
}

export function loadPkiConfig(file: string, overrides: { baseUrl?: string } = {}): PkiConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`${file}: cannot read the PKI config (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new UserError(
      `${file}${pos ? `:${pos.line}:${pos.col}` : ""}: YAML syntax error: ${e.message.split("\n")[0]}`,
    );
  }
  const data = doc.toJS() as unknown;
  return checkPkiConfig(data, file, overrides);
}

/** Schema and reference checks for an already parsed config; `file` is only used in messages and to find keys. */
export function checkPkiConfig(data: unknown, file: string, overrides: { baseUrl?: string } = {}): PkiConfig {
  const errors = validate(data);
  if (errors && errors.length) {
    const lines = errors.slice(0, 8).map((e) => {
      const extra =
        e.keyword === "additionalProperties"
          ? String((e.params as { additionalProperty: string }).additionalProperty)
          : e.keyword === "required"
            ? String((e.params as { missingProperty: string }).missingProperty)
            : e.keyword === "propertyNames"
              ? String((e.params as { propertyName: string }).propertyName)
              : undefined;
      const what =
        e.keyword === "additionalProperties"
          ? "unknown field"
          : e.keyword === "required"
            ? "missing required field"
            : (e.message ?? e.keyword);
      return `${file}: ${fieldPath(e.instancePath, extra)}: ${what}${e.keyword === "enum" ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : ""}`;
    });
    throw new UserError(lines.join("\n"));
  }
  const cfg = structuredClone(data) as PkiConfig;
  if (overrides.baseUrl) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?$/.test(overrides.baseUrl))
      throw new UserError(`--base-url ${overrides.baseUrl}: must be http://127.0.0.1:PORT (loopback only)`);
    cfg.baseUrl = overrides.baseUrl;
  }
  cfg.baseUrl = cfg.baseUrl.replace(/\/$/, "");
  cfg.sourceFile = file;
  checkReferences(cfg, file);
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

function checkReferences(cfg: PkiConfig, file: string): void {
  const fail = (path: string, msg: string): never => {
    throw new UserError(`${file}: ${path}: ${msg}`);
  };
  const certs = cfg.certificates;
  const crls = cfg.crls ?? {};
  const responders = cfg.ocspResponders ?? {};
  const isCa = (l: string) =>
    certs[l]?.role === "root" || certs[l]?.role === "subroot" || certs[l]?.basicConstraints?.ca === true;
  for (const [l, c] of Object.entries(certs)) {
    const p = `certificates.${l}`;
    if (c.issuer !== undefined && !certs[c.issuer]) fail(`${p}.issuer`, `no certificate labelled "${c.issuer}"`);
    if (c.issuer !== undefined && !isCa(c.issuer)) fail(`${p}.issuer`, `"${c.issuer}" is not a CA (role root/subroot)`);
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
    while (cur !== undefined) {
      if (seen.has(cur)) fail(`certificates.${l}.issuer`, `issuer chain loops (${[...seen].join(" → ")})`);
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
}
