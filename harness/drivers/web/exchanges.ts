// The HTTP exchanges of the pages a web session opens. Each raw request is first checked for the PIN typed in
// this run (a PIN in a request of the application's page is a finding: it left the agent's window), then every
// PIN-shaped value is masked before anything is kept: the PIN itself wherever it occurs, and the value of any
// field named like a PIN or password, in JSON bodies, form bodies and query strings.
import type { BrowserContext, Page, Request } from "@playwright/test";
import type { MaskedExchange } from "./types.ts";

export const MASK = "***";
const PIN_NAMES = /^(pin|pincode|pin_code|userpin|password|passwd|pass|parola|sifre|şifre|passcode|secret)$/i;
const BODY_LIMIT = 64 * 1024;

/** Does this raw text carry the PIN, as a whole value (JSON string or number, form or query value) or a field named like one? */
export function carriesPin(text: string | undefined, pin: string): boolean {
  if (!text || !pin) return false;
  try {
    const found = (v: unknown, key?: string): boolean => {
      if (typeof v === "string" || typeof v === "number")
        return String(v) === pin || (key !== undefined && PIN_NAMES.test(key) && String(v).includes(pin));
      if (Array.isArray(v)) return v.some((x) => found(x));
      if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => found(x, k));
      return false;
    };
    return found(JSON.parse(text));
  } catch {
    // not JSON: form-encoded, a query string, or plain text, where the PIN would stand as a delimited value
    const esc = pin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^0-9A-Za-z])${esc}([^0-9A-Za-z]|$)`).test(text);
  }
}

/** The text as it may be stored: the PIN and every value of a PIN-named field replaced by ***. */
export function maskPins(text: string, pin: string): string {
  const hide = (v: string) => (pin ? v.split(pin).join(MASK) : v);
  try {
    const mask = (v: unknown, key?: string): unknown => {
      if (key !== undefined && PIN_NAMES.test(key) && (typeof v === "string" || typeof v === "number")) return MASK;
      if (typeof v === "number") return String(v) === pin ? MASK : v;
      if (typeof v === "string") return hide(v);
      if (Array.isArray(v)) return v.map((x) => mask(x));
      if (v && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [hide(k), mask(x, k)]));
      return v;
    };
    return JSON.stringify(mask(JSON.parse(text)));
  } catch {
    return hide(text).replace(/((?:^|[?&;\s])(?:pin|password|passwd|parola|sifre|passcode)=)[^&;\s]*/gi, `$1${MASK}`);
  }
}

function maskHeaders(h: Record<string, string>, pin: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(h).map(([k, v]) => [k, /^(authorization|cookie|x-pin)$/i.test(k) ? MASK : maskPins(v, pin)]),
  );
}

/** Records every exchange of the context's pages; `raw` keeps the last state-changing request to `rawPrefix` unmasked, in memory only (for the replay check). */
export class ExchangeRecorder {
  readonly exchanges: MaskedExchange[] = [];
  private pending: Promise<void>[] = [];
  lastRaw?: { method: string; url: string; headers: Record<string, string>; body?: string; status?: number };

  constructor(
    context: BrowserContext,
    private pin: string,
    private windowPages: () => Page[],
    private rawPrefix?: string,
  ) {
    context.on("requestfinished", (r) => this.pending.push(this.take(r)));
    context.on("requestfailed", (r) => this.pending.push(this.take(r)));
  }

  private async take(r: Request): Promise<void> {
    const page = (() => {
      try {
        return r.frame().page();
      } catch {
        return undefined;
      }
    })();
    const from = page && this.windowPages().includes(page) ? "agent-window" : "app";
    const body = r.postData() ?? undefined;
    const res = await r.response().catch(() => null);
    const resBody = res ? await res.text().catch(() => undefined) : undefined;
    const headers = await r.allHeaders().catch(() => r.headers());
    if (this.rawPrefix && r.url().startsWith(this.rawPrefix) && r.method() === "POST" && from === "app")
      this.lastRaw = { method: r.method(), url: r.url(), headers, body, status: res?.status() };
    this.exchanges.push({
      page: from,
      method: r.method(),
      url: maskPins(r.url(), this.pin),
      requestHeaders: maskHeaders(headers, this.pin),
      ...(body !== undefined ? { requestBody: maskPins(body.slice(0, BODY_LIMIT), this.pin) } : {}),
      ...(res
        ? {
            status: res.status(),
            responseHeaders: maskHeaders(await res.allHeaders().catch(() => res.headers()), this.pin),
            ...(resBody !== undefined ? { responseBody: maskPins(resBody.slice(0, BODY_LIMIT), this.pin) } : {}),
          }
        : {}),
      pinInRequest: carriesPin(body, this.pin) || carriesPin(new URL(r.url()).search.slice(1), this.pin),
    });
  }

  /** Waits for the exchanges under way, then hands over (and forgets) those recorded so far. */
  async drain(): Promise<MaskedExchange[]> {
    await Promise.all(this.pending.splice(0));
    return this.exchanges.splice(0);
  }
}
