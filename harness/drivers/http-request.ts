// One request of the http driver: a template filled for this call, sent with a timeout, and the exchange kept as
// evidence fit to store (long base64 strings and large bodies stand as their length and SHA-256). What went wrong
// is said plainly and never thrown: no connection, no answer in time, a 5xx, an answer that is not JSON.
import { createHash } from "node:crypto";
import type { RequestTemplate } from "./http-settings.ts";
import { jsonAt } from "./verdict-rules.ts";

export type HttpVars = Record<string, string | undefined>;

const WHOLE_RE = /^\{([A-Za-z][A-Za-z0-9_.]*)\}$/;
const PLACEHOLDER_RE = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;
/** strings longer than this are kept as their length and hash */
const KEEP_STRING = 256;
const KEEP_BODY = 64 * 1024;

/** Marks a value the body leaves out: a field that is one placeholder with no value in this call. */
const OMIT = Symbol("omit");

function fillString(s: string, vars: HttpVars, encode: (v: string) => string = (v) => v): string {
  return s.replace(PLACEHOLDER_RE, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`placeholder ${whole} has no value in this call`);
    return encode(v);
  });
}

/** The body with placeholders filled; a field whose whole value is a placeholder without a value is left out. */
export function fillBody(t: unknown, vars: HttpVars): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const whole = WHOLE_RE.exec(v);
      if (whole && vars[whole[1]!] === undefined) return OMIT;
      return fillString(v, vars);
    }
    if (Array.isArray(v)) return v.map(walk).filter((x) => x !== OMIT);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .map(([k, x]) => [k, walk(x)] as const)
          .filter(([, x]) => x !== OMIT),
      );
    return v;
  };
  const out = walk(t);
  return out === OMIT ? undefined : out;
}

/** The request a template makes for these values: URL (placeholders URL-encoded in the path), headers, body. */
export function fillRequest(
  base: string,
  t: RequestTemplate,
  vars: HttpVars,
): { method: string; url: string; headers: Record<string, string>; body?: string } {
  const path = fillString(t.path, vars, encodeURIComponent);
  const url = /^https?:\/\//.test(path) ? path : `${base.replace(/\/$/, "")}/${path.replace(/^\//, "")}`;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.headers ?? {})) headers[k.toLowerCase()] = fillString(v, vars);
  const body = t.body === undefined ? undefined : fillBody(t.body, vars);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  return {
    method: t.method,
    url,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  };
}

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** A body as it may be stored: long strings as their length and hash; a huge or non-JSON body cut, with its hash. */
export function shortBody(text: string): string {
  try {
    const short = (v: unknown): unknown =>
      typeof v === "string"
        ? v.length > KEEP_STRING
          ? `<${v.length} chars, sha256 ${sha(v)}>`
          : v
        : Array.isArray(v)
          ? v.map(short)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, short(x)]))
            : v;
    return JSON.stringify(short(JSON.parse(text)));
  } catch {
    return text.length > KEEP_BODY
      ? `${text.slice(0, KEEP_BODY)}… <${text.length} chars in all, sha256 ${sha(text)}>`
      : text;
  }
}

/** What stands in a stored exchange for a secret (the PIN of the whole-document flow). */
export const MASKED = "•••• (PIN)";

/** The text with every secret replaced by MASKED; whether one was there. */
export function maskSecrets(text: string, secrets: readonly string[]): { text: string; had: boolean } {
  let had = false;
  for (const x of secrets)
    if (x && text.includes(x)) {
      had = true;
      text = text.split(x).join(MASKED);
    }
  return { text, had };
}

/** A parsed JSON value with every string masked, and a number that is a secret (a PIN echoed as a number). */
const maskJson = (v: unknown, secrets: readonly string[]): unknown =>
  secrets.length === 0
    ? v
    : typeof v === "string"
      ? maskSecrets(v, secrets).text
      : typeof v === "number" && secrets.includes(String(v))
        ? MASKED
        : Array.isArray(v)
          ? v.map((x) => maskJson(x, secrets))
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskJson(x, secrets)]))
            : v;

export interface HttpExchange {
  method: string;
  url: string;
  /** the answer carried a secret the request sent (the PIN echoed back): masked in what is stored */
  secretEchoed?: boolean;
  /** as stored: shortened */
  requestBody?: string;
  status?: number;
  responseBody?: string;
  ms: number;
  /** no answer: why (refused connection, timeout, …) */
  error?: string;
}

export interface HttpAnswer {
  exchange: HttpExchange;
  status?: number;
  text: string;
  json?: unknown;
  /** set when the answer is not one the driver can use: no answer, a server error, not JSON when JSON was due */
  problem?: string;
  timedOut?: boolean;
}

/** Sends a filled request. Never throws: a failure is an answer with `problem`. */
export async function send(
  req: { method: string; url: string; headers: Record<string, string>; body?: string },
  o: { timeoutMs: number; wantJson: boolean; secrets?: readonly string[] },
): Promise<HttpAnswer> {
  const t0 = performance.now();
  const secrets = o.secrets ?? [];
  // masked before shortening: a PIN must not survive as a short string, nor leave a hash of a short body guessable
  const stored = (text: string) => {
    const m = maskSecrets(text, secrets);
    return { text: shortBody(m.text), had: m.had };
  };
  const exchange: HttpExchange = {
    method: req.method,
    url: req.url,
    ...(req.body !== undefined ? { requestBody: stored(req.body).text } : {}),
    ms: 0,
  };
  const where = `${req.method} ${req.url}`;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const raw = await res.text();
    // what the driver reads of the answer (verdicts, refusal words that end up in evidence) is masked too
    const text = maskSecrets(raw, secrets).text;
    exchange.status = res.status;
    const answer = stored(raw);
    exchange.responseBody = answer.text;
    if (answer.had) exchange.secretEchoed = true;
    exchange.ms = Math.round(performance.now() - t0);
    let json: unknown;
    try {
      json = raw ? maskJson(JSON.parse(raw), secrets) : undefined;
    } catch {
      /* not JSON */
    }
    const message = (jsonAt(json, "error.message") ?? jsonAt(json, "message") ?? jsonAt(json, "error")) as unknown;
    if (res.status >= 500)
      return {
        exchange,
        status: res.status,
        text,
        json,
        problem: `${where} answered ${res.status} (a server error${message ? `: ${String(message).slice(0, 300)}` : ""})`,
      };
    if (o.wantJson && res.status < 300 && json === undefined)
      return {
        exchange,
        status: res.status,
        text,
        problem: `${where} answered ${res.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
      };
    return { exchange, status: res.status, text, json };
  } catch (err) {
    exchange.ms = Math.round(performance.now() - t0);
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const timedOut = e.name === "TimeoutError" || e.name === "AbortError";
    exchange.error = timedOut
      ? `no answer in ${o.timeoutMs / 1000} s`
      : `${e.cause?.code ?? e.name}: ${e.cause?.message ?? e.message}`;
    return { exchange, text: "", problem: `${where}: ${exchange.error}`, ...(timedOut ? { timedOut: true } : {}) };
  }
}

/** Exchanges as a readable log (the evidence of one signing or verification). */
export function exchangeLog(xs: (HttpExchange | string)[]): string {
  return xs
    .map((x) =>
      typeof x === "string"
        ? `${x}\n`
        : `${x.method} ${x.url} → ${x.status ?? x.error} (${x.ms} ms)\n` +
          (x.requestBody !== undefined ? `> ${x.requestBody}\n` : "") +
          (x.responseBody !== undefined ? `< ${x.responseBody}\n` : "") +
          (x.secretEchoed ? "! the answer carried the PIN the request sent (masked here)\n" : ""),
    )
    .join("");
}
