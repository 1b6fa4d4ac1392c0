// The EBYS server: the page's own origin on 127.0.0.1. It hands out signed short-lived tickets for the
// documents its page sends to the agent, stores the signed files, and verifies signatures.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCert, pemOrDer } from "../../../harness/ades/index.ts";
import { makeTicket } from "./agent.ts";
import { ebysHtml, verifyHtml } from "./ebys-page.ts";
import type { FlawId } from "./flaws.ts";
import type { AppPki } from "./pki-context.ts";
import { verifySignature } from "./verify.ts";

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), "samples");
const MAX = 24 * 1024 * 1024;

export interface Ebys {
  url: string;
  /** the agent's URL, when it is started after the page's origin is known */
  setAgentUrl(url: string): void;
  verifyUrl: string;
  stop(): Promise<void>;
}

export async function startEbys(o: {
  agentUrl: string;
  ticketKey: Buffer;
  pki: AppPki;
  dataDir: string;
  flaw?: FlawId;
  port?: number;
}): Promise<Ebys> {
  mkdirSync(o.dataDir, { recursive: true });
  let agentUrl = o.agentUrl;
  const samples = readdirSync(SAMPLES_DIR).sort();
  const json = (res: ServerResponse, status: number, v: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(v));
  };
  const body = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n > MAX) throw Object.assign(new Error(`body larger than ${MAX} bytes`), { status: 413 });
      chunks.push(c as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    } catch {
      throw Object.assign(new Error("the body is not JSON"), { status: 400 });
    }
  };
  const server = createServer((req, res) => {
    (async () => {
      const url = new URL(req.url ?? "/", "http://ebys");
      const p = url.pathname;
      const html = (h: string) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(h);
      };
      if (p === "/" && req.method === "GET")
        return html(ebysHtml({ agentUrl, pinInPage: o.flaw === "pin-in-page", samples }));
      if (p === "/dogrula" && req.method === "GET") return html(verifyHtml({ terse: o.flaw === "verify-page-terse" }));
      if (p.startsWith("/ornekler/") && req.method === "GET") {
        const name = basename(decodeURIComponent(p.slice("/ornekler/".length)));
        if (!samples.includes(name)) return json(res, 404, { error: { message: "no such sample" } });
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return res.end(readFileSync(join(SAMPLES_DIR, name)));
      }
      if (p.startsWith("/imzali/") && req.method === "GET") {
        // a signed file the page saved (its name as /api/signed made it: no path, no odd characters)
        const name = basename(decodeURIComponent(p.slice("/imzali/".length)));
        const file = join(o.dataDir, name);
        if (!/^[\w.\-]+$/.test(name) || !existsSync(file))
          return json(res, 404, { error: { message: "no such file" } });
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-disposition": `attachment; filename="${name}"`,
        });
        return res.end(readFileSync(file));
      }
      if (req.method !== "POST") return json(res, 404, { error: { message: `${req.method} ${p}` } });
      // the page's own calls: same origin only
      if (req.headers.origin !== undefined && req.headers.origin !== selfOrigin)
        return json(res, 403, { error: { message: "foreign origin" } });
      const b = await body(req);
      if (p === "/api/ticket") {
        if (typeof b.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(b.sha256))
          return json(res, 400, { error: { message: "sha256 (hex) missing" } });
        return json(res, 200, makeTicket(o.ticketKey, b.sha256));
      }
      if (p === "/api/signed") {
        const name = basename(String(b.fileName ?? "imzali")).replace(/[^\w.\-]/g, "_");
        writeFileSync(join(o.dataDir, name), Buffer.from(String(b.signature ?? ""), "base64"));
        return json(res, 200, { fileName: name });
      }
      if (p === "/api/verify") {
        if (typeof b.signature !== "string")
          return json(res, 400, { error: { message: "signature (base64) missing" } });
        // the page's optional reference time and extra trusted root (a verifier's settings, as the HTTP face has them)
        let at: Date | undefined;
        if (b.at !== undefined) {
          at = new Date(String(b.at));
          if (typeof b.at !== "string" || !/^\d{4}-\d\d-\d\dT/.test(b.at) || Number.isNaN(at.getTime()))
            return json(res, 400, { error: { message: `Doğrulama zamanı ISO 8601 değil: ${String(b.at)}` } });
        }
        let anchors: AppPki["anchors"] | undefined;
        if (typeof b.trust === "string")
          try {
            anchors = [...o.pki.anchors, ...pemOrDer(new TextEncoder().encode(b.trust)).map(parseCert)];
          } catch (err) {
            return json(res, 400, { error: { message: `Kök sertifika okunamadı: ${(err as Error).message}` } });
          }
        const v = await verifySignature(new Uint8Array(Buffer.from(b.signature, "base64")), {
          pki: o.pki,
          at,
          anchors,
          detached: typeof b.detached === "string" ? new Uint8Array(Buffer.from(b.detached, "base64")) : undefined,
          flaw: o.flaw,
        });
        return json(res, 200, v);
      }
      return json(res, 404, { error: { message: `POST ${p}` } });
    })().catch((err: unknown) => {
      const e = err as Error & { status?: number };
      if (!res.headersSent) json(res, e.status ?? 500, { error: { message: e.message } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, "127.0.0.1", resolve);
  });
  const selfOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${selfOrigin}/`,
    setAgentUrl: (u) => {
      agentUrl = u;
    },
    verifyUrl: `${selfOrigin}/dogrula`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
