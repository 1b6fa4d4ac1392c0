// test-kind: integration
// httpExchange against a real server on a free loopback port: the answer's status and bytes, the request's method,
// headers and body as sent, and each way of getting no answer named (refused, timeout, too large).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpFailure, httpExchange } from "./http-get.ts";

let server: Server;
let base: string;
const seen: { method?: string; type?: string; body: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body: Buffer.concat(chunks) });
      if (req.url === "/ok") res.end(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]));
      else if (req.url === "/big") res.end(Buffer.alloc(4096, 1));
      else if (req.url === "/silent")
        return; // never answers
      else {
        res.statusCode = 503;
        res.statusMessage = "Service Unavailable";
        res.end("down");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("httpExchange", () => {
  it("gives the status and the exact bytes of the answer", async () => {
    const r = await httpExchange(`${base}/ok`, { timeoutMs: 5000 });
    expect(r.status).toBe(200);
    expect([...r.bytes]).toEqual([0x30, 0x03, 0x02, 0x01, 0x00]);
  });

  it("sends the method, the headers and the body", async () => {
    seen.length = 0;
    const body = Uint8Array.of(1, 2, 3, 250);
    await httpExchange(`${base}/ok`, {
      method: "POST",
      headers: { "content-type": "application/ocsp-request" },
      body,
      timeoutMs: 5000,
    });
    expect(seen).toEqual([{ method: "POST", type: "application/ocsp-request", body: Buffer.from(body) }]);
  });

  it("an error status is an answer with its status and text, not a failure", async () => {
    const r = await httpExchange(`${base}/down`, { timeoutMs: 5000 });
    expect([r.status, r.statusText, Buffer.from(r.bytes).toString()]).toEqual([503, "Service Unavailable", "down"]);
  });

  it.each([
    ["a server that never answers", "/silent", { timeoutMs: 200 }, "TIMEOUT", /no answer within 200 ms/],
    ["an answer over the limit", "/big", { timeoutMs: 5000, maxBytes: 1000 }, "TOO_LARGE", /more than 1000 bytes/],
  ])("%s is a failure naming it", async (_what, path, o, code, message) => {
    const err = await httpExchange(`${base}${path}`, o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpFailure);
    expect((err as HttpFailure).code).toBe(code);
    expect((err as HttpFailure).message).toMatch(message);
  });

  it("a port nobody listens on is refused, with the socket's code", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await httpExchange(`http://127.0.0.1:${port}/x`, { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((err as HttpFailure).code).toBe("ECONNREFUSED");
  });

  it("refuses anything but plain http", async () => {
    await expect(httpExchange("https://127.0.0.1/x", { timeoutMs: 100 })).rejects.toMatchObject({ code: "PROTOCOL" });
  });
});
