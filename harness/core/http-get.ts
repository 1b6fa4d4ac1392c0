// One HTTP exchange with node:http, for the short-lived processes that make one or two (a verifier started per
// signature, a signer asking the time-stamp server): the global fetch() loads and compiles undici on its first call,
// a quarter of a second of such a process's start on a busy machine; node:http costs a fraction of that.
// Plain http only (the test PKI's services); no redirects followed.
import { request } from "node:http";

export interface HttpAnswer {
  status: number;
  statusText: string;
  bytes: Uint8Array;
}

/** Why an exchange gave no answer: `code` is "TIMEOUT", "TOO_LARGE" or the socket's error code (ECONNREFUSED…). */
export class HttpFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function httpExchange(
  url: string,
  o: {
    method?: string;
    headers?: Record<string, string>;
    body?: Uint8Array;
    timeoutMs: number;
    /** refuse a longer answer (default 16 MiB) */
    maxBytes?: number;
  },
): Promise<HttpAnswer> {
  const maxBytes = o.maxBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err: HttpFailure | undefined, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(answer!);
    };
    const u = new URL(url);
    if (u.protocol !== "http:") throw new HttpFailure("PROTOCOL", `${u.protocol} is not supported, only http:`);
    const headers = { ...o.headers, ...(o.body ? { "content-length": String(o.body.length) } : {}) };
    const req = request(u, { method: o.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on("data", (c: Buffer) => {
        length += c.length;
        if (length > maxBytes)
          settle(new HttpFailure("TOO_LARGE", `response of more than ${maxBytes} bytes is too large`));
        else chunks.push(c);
      });
      res.on("end", () =>
        settle(undefined, {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          bytes: new Uint8Array(Buffer.concat(chunks)),
        }),
      );
      res.on("error", (e: NodeJS.ErrnoException) => settle(new HttpFailure(e.code ?? "ERROR", e.message)));
    });
    const timer = setTimeout(
      () => settle(new HttpFailure("TIMEOUT", `no answer within ${o.timeoutMs} ms`)),
      o.timeoutMs,
    );
    req.on("error", (e: NodeJS.ErrnoException) => settle(new HttpFailure(e.code ?? "ERROR", e.message)));
    req.end(o.body ? Buffer.from(o.body) : undefined);
  });
}
