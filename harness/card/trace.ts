// Reading the interposer's trace, and the questions probes ask of it. The trace tells what the card saw: a
// C_Login means the application handed the card a PIN; whether a person typed it or the application
// replayed a cached one is for the UI driver to tell.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.ts";

/** One traced PKCS#11 call. Fields beyond t/pid/fn/rv appear when the call has them. */
export interface TraceEvent {
  t: string;
  pid: number;
  fn: string;
  rv: string;
  slot?: number;
  session?: number;
  token?: string;
  mech?: string;
  key?: number;
  object?: number;
  objects?: number[];
  class?: string;
  label?: string;
  id?: string;
  attrs?: string[];
  value_read?: boolean;
  in_len?: number;
  out_len?: number;
  size_query?: boolean;
  user?: string;
  pin_given?: boolean;
  /** C_Login: tries left of the PIN of its `user` (the SO-PIN for CKU_SO); C_GetTokenInfo: the user PIN's */
  pin_tries_left?: number;
  /** C_GetTokenInfo: SO-PIN tries left */
  so_pin_tries_left?: number;
  flags?: number;
  token_present?: boolean;
  count?: number;
  /** C_GetSlotList(TRUE): tokens left out because their own [token] faults took them out */
  tokens_hidden?: number;
  injected?: string;
  injected_delay_ms?: number;
  /** C_WaitForSlotEvent: a blocking wait */
  block?: boolean;
  truncated?: boolean;
  /** position in the file (0-based), for stable references in evidence */
  seq: number;
}

/** `firstLine`: the 0-based line number of the text's first line in its file, so `seq` stays a file position. */
export function parseTrace(text: string, source = "trace", firstLine = 0): TraceEvent[] {
  const out: TraceEvent[] = [];
  text.split("\n").forEach((line, at) => {
    const i = firstLine + at;
    if (line.trim() === "") return;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      throw new UserError(`${source}: line ${i + 1} is not JSON`);
    }
    const e = ev as Partial<TraceEvent>;
    if (typeof e.fn !== "string" || typeof e.rv !== "string" || typeof e.pid !== "number")
      throw new UserError(`${source}: line ${i + 1} lacks fn, rv or pid`);
    out.push({ ...(e as TraceEvent), seq: i });
  });
  return out;
}

function traceFile(fileOrCardDir: string): string {
  if (!existsSync(fileOrCardDir)) throw new UserError(`${fileOrCardDir}: no such trace file or card directory`);
  return statSync(fileOrCardDir).isDirectory() ? join(fileOrCardDir, "trace.jsonl") : fileOrCardDir;
}

/** A point in a trace: a probe marks the trace before it drives the application, then reads only what followed. */
export interface TraceMark {
  file: string;
  offset: number;
}

export function traceMark(fileOrCardDir: string): TraceMark {
  const file = traceFile(fileOrCardDir);
  return { file, offset: existsSync(file) ? statSync(file).size : 0 };
}

/** Reads a trace file, or the trace.jsonl of a card directory (from a mark, if given). A card never used has an empty trace. */
export function readTrace(fileOrCardDir: string, since?: TraceMark): TraceEvent[] {
  const file = traceFile(fileOrCardDir);
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  const from = since && since.file === file ? since.offset : 0;
  // Lines before the mark still count, so events read from a mark keep their file positions (seq).
  let linesBefore = 0;
  for (let k = 0; k < from; k++) if (bytes[k] === 0x0a) linesBefore++;
  return parseTrace(bytes.subarray(from).toString("utf8"), file, linesBefore);
}

const ok = (e: TraceEvent) => e.rv === "CKR_OK";
const isUserLogin = (e: TraceEvent) =>
  e.fn === "C_Login" && (e.user === "CKU_USER" || e.user === "CKU_CONTEXT_SPECIFIC");
/** calls that end a login: after them the card wants the PIN again */
const endsLogin = (e: TraceEvent) => ["C_Logout", "C_Finalize", "C_CloseAllSessions", "C_Initialize"].includes(e.fn);

/** Completed signatures: C_Sign with an output buffer, or C_SignFinal, that returned CKR_OK. */
export function signatures(trace: TraceEvent[]): TraceEvent[] {
  return trace.filter((e) => ok(e) && !e.size_query && (e.fn === "C_Sign" || e.fn === "C_SignFinal"));
}

export interface SignAuthorisation {
  signature: TraceEvent;
  /** the successful user login this signature ran under, if any */
  login?: TraceEvent;
  /** signatures made under the same login before this one */
  signaturesSinceLogin: number;
  /** time from that login to this signature */
  msSinceLogin?: number;
}

/** For each signature, the login that authorised it (same process, no logout or finalize in between). */
export function authorisations(trace: TraceEvent[]): SignAuthorisation[] {
  const login = new Map<number, { ev: TraceEvent; used: number }>();
  const out: SignAuthorisation[] = [];
  for (const e of trace) {
    if (isUserLogin(e) && (ok(e) || e.rv === "CKR_USER_ALREADY_LOGGED_IN")) login.set(e.pid, { ev: e, used: 0 });
    else if (endsLogin(e)) login.delete(e.pid);
    else if (signatures([e]).length === 1) {
      const l = login.get(e.pid);
      out.push({
        signature: e,
        login: l?.ev,
        signaturesSinceLogin: l ? l.used : 0,
        msSinceLogin: l ? Date.parse(e.t) - Date.parse(l.ev.t) : undefined,
      });
      if (l) l.used++;
    }
  }
  return out;
}

export type PinMode = "no-signature" | "per-signature" | "per-n-signatures" | "once" | "no-login";

export interface PinPolicy {
  mode: PinMode;
  signatures: number;
  /** successful user logins */
  logins: number;
  /** most signatures made under one login */
  maxSignaturesPerLogin: number;
  /** longest time a login was reused for a signature (how long the PIN stayed "cached" on the card) */
  maxMsLoginReused: number;
}

/**
 * How the application asks the card for the PIN: before every signature, once per N signatures, once for
 * everything, or never (the token needs no login, or signing happened outside this trace).
 */
export function pinPolicy(trace: TraceEvent[]): PinPolicy {
  const auth = authorisations(trace);
  const logins = trace.filter((e) => isUserLogin(e) && ok(e)).length;
  const perLogin = new Map<number, number>();
  let maxMs = 0;
  for (const a of auth) {
    if (!a.login) continue;
    perLogin.set(a.login.seq, (perLogin.get(a.login.seq) ?? 0) + 1);
    if (a.signaturesSinceLogin > 0) maxMs = Math.max(maxMs, a.msSinceLogin ?? 0);
  }
  const maxPer = Math.max(0, ...perLogin.values());
  let mode: PinMode;
  if (auth.length === 0) mode = "no-signature";
  else if (auth.some((a) => !a.login)) mode = "no-login";
  else if (maxPer <= 1) mode = "per-signature";
  else if (perLogin.size === 1) mode = "once";
  else mode = "per-n-signatures";
  return { mode, signatures: auth.length, logins, maxSignaturesPerLogin: maxPer, maxMsLoginReused: maxMs };
}

/** True when every signature in the trace was preceded by its own successful C_Login. */
export function loginBeforeEachSign(trace: TraceEvent[]): boolean {
  const auth = authorisations(trace);
  return auth.length > 0 && auth.every((a) => a.login !== undefined && a.signaturesSinceLogin === 0);
}

export interface CertificateRead {
  pid: number;
  object?: number;
  label?: string;
  id?: string;
  event: TraceEvent;
}

/** Certificates whose value (the DER) the application read from the card, first read of each. */
export function certificatesReadFromCard(trace: TraceEvent[]): CertificateRead[] {
  const seen = new Set<string>();
  const out: CertificateRead[] = [];
  for (const e of trace) {
    if (e.fn !== "C_GetAttributeValue" || !ok(e) || e.class !== "CKO_CERTIFICATE" || !e.value_read) continue;
    const key = `${e.label ?? ""}/${e.id ?? ""}/${e.object ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pid: e.pid, object: e.object, label: e.label, id: e.id, event: e });
  }
  return out;
}

export interface KeyUse {
  pid: number;
  session?: number;
  key?: number;
  label?: string;
  id?: string;
  mech?: string;
  dataLength?: number;
  signatureLength?: number;
  event: TraceEvent;
}

/** Which key made each signature, with the mechanism (from its C_SignInit) and the data length. */
export function whichKeySigned(trace: TraceEvent[]): KeyUse[] {
  const init = new Map<string, TraceEvent>();
  const fed = new Map<string, number>();
  const out: KeyUse[] = [];
  for (const e of trace) {
    const s = `${e.pid}/${e.session}`;
    if (e.fn === "C_SignInit" && ok(e)) {
      init.set(s, e);
      fed.set(s, 0);
    } else if (e.fn === "C_SignUpdate" && ok(e)) fed.set(s, (fed.get(s) ?? 0) + (e.in_len ?? 0));
    else if (signatures([e]).length === 1) {
      const i = init.get(s);
      out.push({
        pid: e.pid,
        session: e.session,
        key: e.key ?? i?.key,
        label: e.label ?? i?.label,
        id: e.id ?? i?.id,
        mech: i?.mech,
        dataLength: e.fn === "C_Sign" ? e.in_len : fed.get(s),
        signatureLength: e.out_len,
        event: e,
      });
    }
  }
  return out;
}

export type Reaction = "retried" | "logged-out" | "closed" | "finalized" | "gave-up" | "continued";

export interface ReactionReport {
  /** the call that returned the error */
  error: TraceEvent;
  reaction: Reaction;
  /** the decisive call that followed (absent when the process made no further call) */
  next?: TraceEvent;
  /** the application looked at the token (C_GetTokenInfo) before acting, e.g. to show the tries left */
  checkedToken: boolean;
}

const informational = new Set([
  "C_GetTokenInfo",
  "C_GetSlotInfo",
  "C_GetSlotList",
  "C_GetSessionInfo",
  "C_GetInfo",
  "C_GetMechanismList",
  "C_GetMechanismInfo",
  "C_GetFunctionList",
  "C_WaitForSlotEvent",
]);
/** calls that count as trying the failed operation again */
const retries: Record<string, string[]> = {
  C_Login: ["C_Login"],
  C_Sign: ["C_Sign", "C_SignInit", "C_OpenSession"],
  C_SignInit: ["C_Sign", "C_SignInit", "C_OpenSession"],
  C_SignFinal: ["C_SignFinal", "C_SignInit", "C_OpenSession"],
};

/** What the application did next, in the same process, after each call that returned rv. */
export function reactionTo(
  trace: TraceEvent[],
  rv:
    | "CKR_PIN_INCORRECT"
    | "CKR_PIN_LOCKED"
    | "CKR_DEVICE_REMOVED"
    | "CKR_TOKEN_NOT_PRESENT"
    | "CKR_RANDOM_NO_RNG"
    | string,
): ReactionReport[] {
  const out: ReactionReport[] = [];
  trace.forEach((err, i) => {
    if (err.rv !== rv) return;
    let checkedToken = false;
    let next: TraceEvent | undefined;
    for (const e of trace.slice(i + 1)) {
      if (e.pid !== err.pid) continue;
      if (informational.has(e.fn)) {
        if (e.fn === "C_GetTokenInfo") checkedToken = true;
        continue;
      }
      next = e;
      break;
    }
    let reaction: Reaction;
    if (!next) reaction = "gave-up";
    else if ((retries[err.fn] ?? [err.fn]).includes(next.fn)) reaction = "retried";
    else if (next.fn === "C_Logout") reaction = "logged-out";
    else if (next.fn === "C_CloseSession" || next.fn === "C_CloseAllSessions") reaction = "closed";
    else if (next.fn === "C_Finalize") reaction = "finalized";
    else reaction = "continued";
    out.push({ error: err, reaction, next, checkedToken });
  });
  return out;
}

/** One readable line per call, for `uyum card trace`. */
export function formatEvent(e: TraceEvent): string {
  const parts: string[] = [e.t.slice(11, 23), `pid ${e.pid}`, e.fn];
  const kv = (k: string, v: unknown) => {
    if (v !== undefined && v !== null) parts.push(`${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`);
  };
  kv("slot", e.slot);
  kv("session", e.session);
  if (e.token) kv("token", JSON.stringify(e.token.trim()));
  kv("user", e.user);
  if (e.pin_given !== undefined) parts.push(e.pin_given ? "pin=given" : "pin=pinpad");
  kv("tries_left", e.pin_tries_left);
  kv("mech", e.mech);
  kv("key", e.key);
  kv("object", e.object);
  kv("class", e.class);
  if (e.label !== undefined) kv("label", JSON.stringify(e.label));
  kv("id", e.id);
  kv("attrs", e.attrs);
  kv("found", e.objects);
  if (e.value_read) parts.push("value_read");
  kv("in", e.in_len);
  kv("out", e.out_len);
  if (e.size_query) parts.push("size_query");
  kv("count", e.count);
  if (e.token_present !== undefined) kv("token_present", e.token_present);
  const inj = e.injected ?? (e.injected_delay_ms ? `delay ${e.injected_delay_ms}ms` : undefined);
  if (inj) parts.push(`[injected: ${inj}]`);
  return `${parts.join(" ")} -> ${e.rv}`;
}
