// What an http profile says about driving a server application (driver.kind: http): how to start it (or where it
// runs), the kinds of signature it makes, how it signs — the hash-only three-step flow (prepare → the card signs
// what the server prepared → finalize) or the whole-document flow of a server that holds the card itself (sign:
// one request with the document and the signer's PIN) — and the verify endpoint, as request templates. Checked
// before anything runs.
//
//   start: [argv printing one JSON line of URLs]   url: http   # the key of that JSON whose value is the API base
//   kinds: [{ format: CAdES, level: BES, kind: cades-bes, output: p7s }, …]
//   prepare:  { method: POST, path: /api/v1/prepare, body: { document: "{documentBase64}", format: "{kind}", … } }
//   signOnCard: { input: toBeSigned, hash: hash }          # response fields: base64 data to sign, hash name
//   finalize: { path: /api/v1/finalize, body: { id: "{id}", signatureValue: "{signatureValueBase64}" }, output: signature }
//   or, whole-document:
//   sign:     { path: /api/v1/sign, body: { document: "{documentBase64}", format: "{kind}", pin: "{pin}" }, output: signature }
//   verify:   { path: /api/v1/verify, body: { signature: "{signatureBase64}", at: "{at}" }, verdicts: [...] }
//
// A body value that is one placeholder with no value in this call (a detached document for an enveloping
// signature) is left out of the body. In the three-step flow the PIN is never a placeholder: the harness logs in to
// the card itself. In the whole-document flow {pin} is the signer's PIN, allowed in the body and headers only
// (a URL ends up in logs), and masked in everything stored (http-request.ts).
import type { Issue } from "../core/issues.ts";
import {
  SIGNATURE_FORMATS,
  SIGNATURE_LEVELS,
  type SignatureFormat,
  type SignatureLevel,
} from "../core/signature-forms.ts";
import type { AppProfile } from "../profile/types.ts";
import { CARD_HASHES, type CardHash } from "./card-signer.ts";
import { verdictRuleProblems, type VerdictRule } from "./verdict-rules.ts";
import { START_PLACEHOLDERS } from "./web/settings.ts";

export const SIGN_PLACEHOLDERS = [
  "documentBase64",
  "mimeType",
  "fileName",
  "format",
  "level",
  "kind",
  "certificateBase64",
  "keyLabel",
] as const;
/** the whole-document request also carries the signer's PIN (body and headers only) */
export const WHOLE_DOCUMENT_PLACEHOLDERS = [...SIGN_PLACEHOLDERS, "pin"] as const;
/** finalize also has the signature value and, by name (dotted path), any field of prepare's answer ({id}) */
export const FINALIZE_PLACEHOLDERS = [...SIGN_PLACEHOLDERS, "signatureValueBase64"] as const;
export const VERIFY_PLACEHOLDERS = [
  "signatureBase64",
  "detachedBase64",
  "fileName",
  "at",
  "atUnix",
  "trustAnchorsPem",
  "pkiBaseUrl",
] as const;
const TIME_PLACEHOLDERS = ["at", "atUnix"];

export interface RequestTemplate {
  method: string;
  /** path below the base URL (or a whole URL); placeholders are URL-encoded */
  path: string;
  headers?: Record<string, string>;
  /** JSON body template: strings may hold placeholders */
  body?: unknown;
  timeoutSeconds?: number;
}

export interface HttpKind {
  format: SignatureFormat;
  level: SignatureLevel;
  /** the application's own name of the kind, for {kind} */
  kind: string;
  /** extension of the signature file it makes */
  output: string;
}

export interface HttpSettings {
  start?: string[];
  /** the key of the start command's JSON line whose value is the base URL (default "url") */
  urlKey: string;
  /** a base URL, when the application is not started by uyum */
  url?: string;
  startTimeoutSeconds: number;
  timeoutSeconds: number;
  kinds: HttpKind[];
  prepare?: RequestTemplate;
  signOnCard?: { input: string; hash?: string; hashAlgorithm?: CardHash; prehashed: boolean };
  finalize?: RequestTemplate & { output: string };
  /** the whole-document flow: one request, the server signs on its own card */
  sign?: RequestTemplate & { output: string };
  verify?: RequestTemplate & { verdicts: VerdictRule[] };
}

const PLACEHOLDER_RE = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;
const DEFAULT_EXT: Record<SignatureFormat, string> = { CAdES: "p7s", XAdES: "xml", PAdES: "pdf" };

/** Every placeholder name in a template (path, headers, body strings). */
export function placeholdersOf(t: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") for (const m of v.matchAll(PLACEHOLDER_RE)) out.push(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(t);
  return out;
}

export function httpSettings(profile: AppProfile): { settings?: HttpSettings; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (field: string, message: string) => issues.push({ file: profile.file, field, message });
  const s = (profile.driver?.settings ?? {}) as Record<string, unknown>;
  const F = "driver.settings";
  const known = new Set([
    "start",
    "url",
    "startTimeoutSeconds",
    "timeoutSeconds",
    "kinds",
    "prepare",
    "signOnCard",
    "finalize",
    "sign",
    "verify",
    // read by the probes of provoked signings (harness/probes/attempts.ts): the server's words that warn
    "warnings",
  ]);
  for (const k of Object.keys(s))
    if (!known.has(k)) at(`${F}.${k}`, `unknown setting (known: ${[...known].join(", ")})`);

  const start = s.start;
  if (start !== undefined) {
    if (!Array.isArray(start) || start.length === 0 || !start.every((p) => typeof p === "string"))
      at(`${F}.start`, "the command that starts the application, as a list (argv), printing its URLs as one JSON line");
    else
      for (const p of placeholdersOf(start))
        if (!(START_PLACEHOLDERS as readonly string[]).includes(p))
          at(`${F}.start`, `unknown placeholder {${p}}; known: ${START_PLACEHOLDERS.join(", ")}`);
  }
  const url = s.url;
  if (url !== undefined && (typeof url !== "string" || !url)) at(`${F}.url`, "must be a string");
  if (start === undefined && !(typeof url === "string" && /^https?:\/\//.test(url)))
    at(
      `${F}.url`,
      "without start, url must be the application's base URL (http://…); with start, the key of the JSON it prints",
    );
  const positive = (k: string, d: number): number => {
    const v = s[k] ?? d;
    if (typeof v !== "number" || !(v > 0)) at(`${F}.${k}`, "a positive number of seconds");
    return v as number;
  };
  const startTimeoutSeconds = positive("startTimeoutSeconds", 120);
  const timeoutSeconds = positive("timeoutSeconds", 60);

  const request = <K extends string>(
    key: string,
    allowed: readonly string[],
    extra: readonly K[],
    open = false,
  ): (RequestTemplate & Partial<Record<K, unknown>>) | undefined => {
    const raw = s[key];
    if (raw === undefined) return undefined;
    const f = `${F}.${key}`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      at(f, "must be { method?, path, headers?, body?, timeoutSeconds? }");
      return undefined;
    }
    const r = raw as Record<string, unknown>;
    const keys = new Set(["method", "path", "headers", "body", "timeoutSeconds", ...extra]);
    for (const k of Object.keys(r)) if (!keys.has(k)) at(`${f}.${k}`, `unknown key (known: ${[...keys].join(", ")})`);
    const method = r.method ?? "POST";
    if (typeof method !== "string" || !/^[A-Z]+$/.test(method)) at(`${f}.method`, "an HTTP method (POST, PUT, GET…)");
    if (typeof r.path !== "string" || !r.path) at(`${f}.path`, "the path below the base URL (e.g. /api/v1/verify)");
    if (
      r.headers !== undefined &&
      (typeof r.headers !== "object" || Object.values(r.headers as object).some((v) => typeof v !== "string"))
    )
      at(`${f}.headers`, "a map of header names to strings");
    if (r.timeoutSeconds !== undefined && !(typeof r.timeoutSeconds === "number" && r.timeoutSeconds > 0))
      at(`${f}.timeoutSeconds`, "a positive number of seconds");
    for (const p of placeholdersOf([r.path, r.headers, r.body]))
      if (!allowed.includes(p) && !open)
        at(
          f,
          `unknown placeholder {${p}} (known: ${allowed.map((a) => `{${a}}`).join(", ")}; the PIN is never a placeholder: the harness logs in to the card itself)`,
        );
    return { ...(r as object), method: method as string } as RequestTemplate & Partial<Record<K, unknown>>;
  };

  const prepare = request("prepare", SIGN_PLACEHOLDERS, []);
  const finalize = request("finalize", FINALIZE_PLACEHOLDERS, ["output"], true);
  const verify = request("verify", VERIFY_PLACEHOLDERS, ["verdicts"]);
  const sign = request("sign", WHOLE_DOCUMENT_PLACEHOLDERS, ["output"]);
  if (sign && placeholdersOf([sign.path]).includes("pin"))
    at(`${F}.sign.path`, "{pin} in a URL: URLs end up in logs; send the PIN in the body or a header");
  if (sign && !placeholdersOf([sign.path, sign.headers, sign.body]).includes("pin"))
    at(`${F}.sign`, "never sends the signer's PIN: put {pin} where the server takes it (body or header)");
  if (sign?.output !== undefined && (typeof sign.output !== "string" || !sign.output))
    at(`${F}.sign.output`, "the field (dotted path) of the base64 signature in its answer");

  // the signing side: kinds + the three steps (all or none), or kinds + the whole-document request
  const kinds: HttpKind[] = [];
  const threeStep = prepare !== undefined || finalize !== undefined || s.signOnCard !== undefined;
  const signing = threeStep || sign !== undefined || s.kinds !== undefined;
  let signOnCard: HttpSettings["signOnCard"];
  if (sign && threeStep)
    at(`${F}.sign`, "either the whole-document request (sign) or the three steps (prepare, signOnCard, finalize)");
  if (signing && !sign && !threeStep)
    at(F, "kinds without a way to sign: give sign (whole document) or prepare, signOnCard and finalize");
  if (signing) {
    if (threeStep && !prepare) at(`${F}.prepare`, "the request that prepares a signature is missing");
    if (threeStep && !finalize) at(`${F}.finalize`, "the request that finalises a signature is missing");
    if (!Array.isArray(s.kinds) || s.kinds.length === 0)
      at(`${F}.kinds`, "list the kinds it makes: { format, level, kind (its own name, for {kind}), output? }");
    else
      s.kinds.forEach((k: Record<string, unknown>, i) => {
        const f = `${F}.kinds[${i}]`;
        if (!k || typeof k !== "object") return at(f, "must be { format, level, kind, output? }");
        if (!SIGNATURE_FORMATS.includes(k.format as never)) at(`${f}.format`, `one of ${SIGNATURE_FORMATS.join(", ")}`);
        if (!SIGNATURE_LEVELS.includes(k.level as never)) at(`${f}.level`, `one of ${SIGNATURE_LEVELS.join(", ")}`);
        if (k.kind !== undefined && typeof k.kind !== "string") at(`${f}.kind`, "a string");
        if (k.output !== undefined && (typeof k.output !== "string" || !/^[\w.]+$/.test(k.output)))
          at(`${f}.output`, "a file extension (p7s, pdf, xml)");
        kinds.push({
          format: k.format as SignatureFormat,
          level: k.level as SignatureLevel,
          kind: (k.kind as string | undefined) ?? `${String(k.format)}-${String(k.level)}`,
          output: (k.output as string | undefined) ?? DEFAULT_EXT[k.format as SignatureFormat] ?? "bin",
        });
      });
    const c = s.signOnCard as Record<string, unknown> | undefined;
    const f = `${F}.signOnCard`;
    if (!threeStep) {
      /* whole-document: the server signs on its own card */
    } else if (!c || typeof c !== "object")
      at(
        f,
        "say where prepare's answer holds what the card signs: { input: FIELD, hash: FIELD | hashAlgorithm: SHA-256 }",
      );
    else {
      for (const k of Object.keys(c))
        if (!["input", "hash", "hashAlgorithm", "prehashed"].includes(k))
          at(`${f}.${k}`, "unknown key (known: input, hash, hashAlgorithm, prehashed)");
      if (typeof c.input !== "string" || !c.input)
        at(`${f}.input`, "the field (dotted path) of the base64 data to sign");
      if (c.hash !== undefined && typeof c.hash !== "string") at(`${f}.hash`, "the field naming the hash algorithm");
      if (c.hashAlgorithm !== undefined && !CARD_HASHES.includes(c.hashAlgorithm as CardHash))
        at(`${f}.hashAlgorithm`, `one of ${CARD_HASHES.join(", ")}`);
      if (c.hash === undefined && c.hashAlgorithm === undefined)
        at(f, "say the hash: hash (a field of prepare's answer) or hashAlgorithm (SHA-256, …)");
      if (c.prehashed !== undefined && typeof c.prehashed !== "boolean")
        at(`${f}.prehashed`, "true when input is already the digest");
      signOnCard = {
        input: c.input as string,
        ...(c.hash !== undefined ? { hash: c.hash as string } : {}),
        ...(c.hashAlgorithm !== undefined ? { hashAlgorithm: c.hashAlgorithm as CardHash } : {}),
        prehashed: c.prehashed === true,
      };
    }
    if (finalize?.output !== undefined && (typeof finalize.output !== "string" || !finalize.output))
      at(`${F}.finalize.output`, "the field (dotted path) of the base64 signature in its answer, or body");
  }
  if (verify) {
    for (const p of verdictRuleProblems(verify.verdicts, `${F}.verify.verdicts`, ["status", "field"]))
      at(p.field, p.message);
    if (!Array.isArray(verify.verdicts) || verify.verdicts.length === 0)
      at(
        `${F}.verify.verdicts`,
        "say how its answer maps to a verdict: a list of { verdict, status?, field?, match? } (an answer no rule takes is no answer)",
      );
    if (!placeholdersOf([verify.path, verify.body]).includes("signatureBase64"))
      at(`${F}.verify`, "never sends the signature: put {signatureBase64} where it goes");
  }
  if (!signing && !verify) at(F, "neither signs (sign, or prepare, signOnCard, finalize) nor verifies (verify)");
  if (issues.length) return { issues };
  return {
    issues,
    settings: {
      ...(start ? { start: start as string[] } : {}),
      urlKey: start && typeof url === "string" ? url : "url",
      ...(!start ? { url: url as string } : {}),
      startTimeoutSeconds,
      timeoutSeconds,
      kinds,
      ...(prepare ? { prepare } : {}),
      ...(signOnCard ? { signOnCard } : {}),
      ...(finalize
        ? { finalize: { ...finalize, output: (finalize.output as string | undefined) ?? "signature" } }
        : {}),
      ...(sign ? { sign: { ...sign, output: (sign.output as string | undefined) ?? "signature" } } : {}),
      ...(verify ? { verify: { ...verify, verdicts: verify.verdicts as VerdictRule[] } } : {}),
    },
  };
}

/** Whether the verify template tells the application the validation time. */
export function tellsTime(t: RequestTemplate): boolean {
  return placeholdersOf([t.path, t.body, t.headers]).some((p) => TIME_PLACEHOLDERS.includes(p));
}
