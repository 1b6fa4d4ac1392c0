// The live services on 127.0.0.1: CRL distribution, OCSP responder (RFC 6960), RFC 3161 TSA, CA certificates
// (AIA caIssuers), and an admin endpoint for run-time fault injection and the clock.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { buildPki, entityKey } from "./build.ts";
import { crlAt } from "./crl.ts";
import { encodeOcspResponse, ocspErrorResponse, parseOcspRequest, wrongSerial, type SingleStatus } from "./ocsp.ts";
import { SettableClock, type Clock } from "./clock.ts";
import { readPki } from "./store.ts";
import { makeTimestampToken, parseTsRequest, TsRequestError, tsGranted, tsRejection } from "./tsp.ts";
import type { Pki, PkiConfig, PkiEntity } from "./types.ts";
import { digest } from "../asn1/oids.ts";

export type ServiceKind = "crl" | "ocsp" | "tsa" | "certs";
/** down: 503; close: the connection is dropped without an answer; slow: answer after delayMs; malformed: garbage
 *  body; stale: old thisUpdate/nextUpdate (TSA: genTime a day back); wrongly-signed: signature bytes flipped.
 *  TSA only: wrong-imprint: the token's message imprint is not the one asked for (one byte flipped); other-tsa:
 *  the token is made and signed by the PKI's TSA `tsa` (an untrusted, expired or revoked one) instead. */
export type ServiceFault =
  "down" | "close" | "slow" | "malformed" | "stale" | "wrongly-signed" | "wrong-imprint" | "other-tsa";
const SERVICE_FAULTS: ServiceFault[] = [
  "down",
  "close",
  "slow",
  "malformed",
  "stale",
  "wrongly-signed",
  "wrong-imprint",
  "other-tsa",
];
export interface FaultSetting {
  fault: ServiceFault;
  /** other-tsa: the label of the TSA (pki.tsas) that answers instead */
  tsa?: string;
  delayMs?: number;
  /** apply to this many requests, then clear (default: until cleared) */
  count?: number;
  /** stale CRL / OCSP: the answer's thisUpdate (default: long enough before now that nextUpdate is past); an
   *  answer issued before a signature's time says nothing of the certificate's status when it was signed */
  issuedAt?: Date;
}
export interface ServiceOptions {
  /** 0 (default) = a free port */
  port?: number;
  host?: string;
  clock?: Clock;
  /** request body cap (default 64 KiB) */
  maxBodyBytes?: number;
  /** upper bound for the slow fault (default 30 s) */
  maxDelayMs?: number;
}
export interface Services {
  baseUrl: string;
  port: number;
  pki: Pki;
  clock: Clock;
  /** true when the certificates' embedded URLs point at this server */
  urlsMatchCertificates: boolean;
  /** target: "*", a kind ("ocsp"), or one service ("ocsp/subroot", "crl/root", "tsa/tsa1"); null clears it */
  setFault(target: string, setting: FaultSetting | null): void;
  clearFaults(): void;
  counts: Record<ServiceKind | "admin" | "other", number>;
  /** answers held back by the slow fault that were still sent (the client waited for them) */
  readonly slowAnswersSent: number;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;
const GARBAGE = new TextEncoder().encode("uyum fault injection: this is not DER\n");

class PkiServer {
  faults = new Map<string, FaultSetting>();
  counts: Services["counts"] = { crl: 0, ocsp: 0, tsa: 0, certs: 0, admin: 0, other: 0 };
  slowAnswersSent = 0;
  private crlCache = new Map<string, Uint8Array>();
  private serialIndex?: { pki: Pki; map: Map<string, PkiEntity> };
  /** issuer|serial → entity, rebuilt when the PKI object changes */
  private bySerial(): Map<string, PkiEntity> {
    if (this.serialIndex?.pki !== this.pki) {
      const map = new Map<string, PkiEntity>();
      for (const e of this.pki.entities.values()) if (e.issuerLabel) map.set(`${e.issuerLabel}|${e.serialHex}`, e);
      this.serialIndex = { pki: this.pki, map };
    }
    return this.serialIndex.map;
  }
  constructor(
    public pki: Pki,
    public clock: Clock,
    private maxBody: number,
    private maxDelay: number,
  ) {}

  private faultFor(kind: ServiceKind, label: string): FaultSetting | undefined {
    for (const key of [`${kind}/${label}`, kind, "*"]) {
      const f = this.faults.get(key);
      if (!f) continue;
      if (f.count !== undefined) {
        f.count -= 1;
        if (f.count <= 0) this.faults.delete(key);
      }
      return f;
    }
    return undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const parts = url.pathname.split("/").filter(Boolean);
    const kind = parts[0];
    if (kind === "_admin") {
      this.counts.admin++;
      return this.admin(req, res, parts.slice(1));
    }
    if (kind !== "crl" && kind !== "ocsp" && kind !== "tsa" && kind !== "certs") {
      this.counts.other++;
      return send(res, 404, "text/plain; charset=utf-8", `no such service: ${url.pathname}\n`);
    }
    this.counts[kind]++;
    const label = (parts[1] ?? "").replace(/\.(crl|cer)$/, "");
    const fault = this.faultFor(kind, label);
    if (fault?.fault === "close") {
      req.socket.destroy();
      return;
    }
    if (fault?.fault === "down")
      return send(res, 503, "text/plain; charset=utf-8", "service down (fault injection)\n", { "retry-after": "1" });
    if (fault?.fault === "slow") {
      await new Promise((r) => setTimeout(r, Math.min(Math.max(fault.delayMs ?? 1000, 0), this.maxDelay)));
      if (res.destroyed || req.socket.destroyed) return; // the client gave up waiting
      this.slowAnswersSent++;
    }
    const malformed = fault?.fault === "malformed";
    const stale = fault?.fault === "stale";
    const forged = fault?.fault === "wrongly-signed";
    switch (kind) {
      case "certs": {
        const e = this.pki.entities.get(label);
        if (!e || req.method !== "GET") return send(res, 404, "text/plain; charset=utf-8", `no certificate ${label}\n`);
        return send(res, 200, "application/pkix-cert", malformed ? GARBAGE : e.certDer);
      }
      case "crl": {
        const def = this.pki.crls.get(label);
        if (!def || req.method !== "GET") return send(res, 404, "text/plain; charset=utf-8", `no CRL ${label}\n`);
        if (malformed) return send(res, 200, "application/pkix-crl", GARBAGE);
        const now = this.clock.now();
        const issuedAt = stale ? fault?.issuedAt : undefined;
        const key = `${label}|${now.getTime()}|${stale}|${issuedAt?.getTime()}|${forged}`;
        let der = this.crlCache.get(key);
        if (!der) {
          der = crlAt(this.pki, def, now, { stale, issuedAt, fault: forged ? "forged-signature" : undefined });
          if (this.crlCache.size > 256) this.crlCache.clear();
          this.crlCache.set(key, der);
        }
        return send(res, 200, "application/pkix-crl", der);
      }
      case "ocsp":
        return this.ocsp(req, res, label, { malformed, stale, forged, issuedAt: stale ? fault?.issuedAt : undefined });
      case "tsa":
        return this.tsa(req, res, label, {
          malformed,
          stale,
          forged,
          wrongImprint: fault?.fault === "wrong-imprint",
          ...(fault?.fault === "other-tsa" && fault.tsa ? { as: fault.tsa } : {}),
        });
    }
  }

  private async ocsp(
    req: IncomingMessage,
    res: ServerResponse,
    label: string,
    f: { malformed: boolean; stale: boolean; forged: boolean; issuedAt?: Date },
  ): Promise<void> {
    const CT = "application/ocsp-response";
    const def = this.pki.ocspResponders.get(label);
    if (!def) return send(res, 404, "text/plain; charset=utf-8", `no OCSP responder ${label}\n`);
    let body: Uint8Array;
    if (req.method === "GET") {
      // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}
      // take the raw remainder of the path: base64 may hold "/" (and "//"), which splitting would lose
      const prefix = `/ocsp/${label}/`;
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const enc = path.startsWith(prefix) ? path.slice(prefix.length) : "";
      let b64: string;
      try {
        b64 = decodeURIComponent(enc);
      } catch {
        b64 = "";
      }
      if (!b64) return send(res, 400, CT, ocspErrorResponse("malformedRequest"));
      body = Uint8Array.from(Buffer.from(b64, "base64"));
    } else if (req.method === "POST") {
      if (!String(req.headers["content-type"] ?? "").startsWith("application/ocsp-request")) {
        await drain(req, this.maxBody);
        return send(res, 415, CT, ocspErrorResponse("malformedRequest"));
      }
      const b = await readBody(req, this.maxBody);
      if (b === "too-large") return send(res, 413, CT, ocspErrorResponse("malformedRequest"), { connection: "close" });
      body = b;
    } else return send(res, 405, CT, ocspErrorResponse("malformedRequest"));
    if (f.malformed) return send(res, 200, CT, GARBAGE);
    let parsed;
    try {
      parsed = parseOcspRequest(body);
    } catch {
      return send(res, 200, CT, ocspErrorResponse("malformedRequest"));
    }
    const now = this.clock.now();
    const issuer = this.pki.get(def.issuerLabel);
    const issuerKeyBits = entityKey(issuer).publicKeyBits;
    const span = def.validityHours * HOUR;
    let thisUpdate = now;
    if (f.stale || def.fault === "expired") thisUpdate = f.issuedAt ?? new Date(now.getTime() - span - 24 * HOUR);
    const nextUpdate = new Date(thisUpdate.getTime() + span);
    // an answer issued at a given past time knows only of revocations up to then
    const statusAt = f.stale && f.issuedAt ? thisUpdate : now;
    const responses: SingleStatus[] = [];
    for (const id of parsed.certIds) {
      const matches =
        eq(id.issuerNameHash, digest(id.hash, issuer.subjectDer)) &&
        eq(id.issuerKeyHash, digest(id.hash, issuerKeyBits));
      if (!matches) return send(res, 200, CT, ocspErrorResponse("unauthorized"));
      const cert = this.bySerial().get(`${def.issuerLabel}|${id.serialHex}`);
      let single: SingleStatus = { certId: id, status: "good", thisUpdate, nextUpdate };
      if (!cert) single.status = "unknown";
      else if (
        cert.revocation &&
        cert.revocation.via.includes("ocsp") &&
        cert.revocation.date.getTime() <= statusAt.getTime()
      )
        single = {
          ...single,
          status: "revoked",
          revokedAt: cert.revocation.date,
          revocationReason: cert.revocation.reason,
        };
      if (def.fault === "wrong-cert" && cert) single.certId = { ...id, serialHex: wrongSerial(this.pki, cert.label) };
      responses.push(single);
    }
    let signer = this.pki.get(def.signerLabel);
    if (def.fault === "unauthorised-responder") {
      // signed by a certificate that is not the CA and has no OCSPSigning EKU: the first end entity of the CA
      signer =
        [...this.pki.entities.values()].find((e) => e.issuerLabel === def.issuerLabel && e.role === "nes") ?? signer;
    }
    const der = encodeOcspResponse({
      signer,
      includeCerts: signer.label === def.issuerLabel ? [] : [signer],
      producedAt: thisUpdate.getTime() < now.getTime() ? thisUpdate : now,
      responses,
      nonceExtValue: parsed.nonceExtValue,
      forged: f.forged || def.fault === "forged-signature",
    });
    return send(res, 200, CT, der);
  }

  private async tsa(
    req: IncomingMessage,
    res: ServerResponse,
    label: string,
    f: { malformed: boolean; stale: boolean; forged: boolean; wrongImprint?: boolean; as?: string },
  ): Promise<void> {
    const CT = "application/timestamp-reply";
    const def = this.pki.tsas.get(label);
    // other-tsa: the request is answered as that TSA would answer it (its certificate, policy and key)
    if (f.as && this.pki.tsas.has(f.as) && def) label = f.as;
    if (!def) return send(res, 404, "text/plain; charset=utf-8", `no TSA ${label}\n`);
    if (req.method !== "POST")
      return send(res, 405, CT, tsRejection("use POST with application/timestamp-query", "badRequest"));
    if (!String(req.headers["content-type"] ?? "").startsWith("application/timestamp-query")) {
      await drain(req, this.maxBody);
      return send(res, 415, CT, tsRejection("content type must be application/timestamp-query", "badRequest"));
    }
    const body = await readBody(req, this.maxBody);
    if (body === "too-large")
      return send(res, 413, CT, tsRejection("request too large", "badRequest"), { connection: "close" });
    if (f.malformed) return send(res, 200, CT, GARBAGE);
    let q;
    try {
      q = parseTsRequest(body);
    } catch (e) {
      if (e instanceof TsRequestError) return send(res, 200, CT, tsRejection(e.message, e.failInfo));
      return send(res, 200, CT, tsRejection("malformed TimeStampReq", "badDataFormat"));
    }
    if (q.policy && q.policy !== def.policy)
      return send(res, 200, CT, tsRejection(`policy ${q.policy} is not offered (${def.policy})`, "unacceptedPolicy"));
    let genTime = this.clock.now();
    if (f.stale) genTime = new Date(genTime.getTime() - 24 * HOUR);
    // deterministic serial: the same request at the same clock time gets the same token
    const serial = createHash("sha256")
      .update(`${label}|${genTime.toISOString()}|${Buffer.from(q.imprint).toString("hex")}|${q.nonceHex ?? ""}`)
      .digest("hex")
      .slice(0, 16);
    const token = makeTimestampToken(this.pki, {
      tsaLabel: label,
      messageImprint: q.imprint,
      hash: q.hash,
      hashAlgDer: q.hashAlgDer,
      genTime,
      serial: "1" + serial.slice(1),
      nonce: q.nonceHex,
      includeCert: q.certReq,
      fault: f.forged ? "forged-signature" : f.wrongImprint ? "wrong-imprint" : this.pki.tsas.get(label)!.fault,
    });
    return send(res, 200, CT, tsGranted(token));
  }

  private async admin(req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
    const json = (status: number, v: unknown) => send(res, status, "application/json", JSON.stringify(v) + "\n");
    const what = parts[0];
    if (req.method === "GET" && what === "state")
      return json(200, {
        now: this.clock.now().toISOString(),
        faults: Object.fromEntries(this.faults),
        counts: this.counts,
      });
    if (req.method === "DELETE" && what === "fault") {
      this.faults.clear();
      return json(200, { faults: {} });
    }
    if (req.method !== "POST")
      return json(405, {
        error: "use GET /_admin/state, POST /_admin/fault, DELETE /_admin/fault, POST /_admin/clock",
      });
    const raw = await readBody(req, 16 * 1024);
    let body: Record<string, unknown>;
    try {
      if (raw === "too-large") throw new Error("too large");
      body = JSON.parse(Buffer.from(raw).toString("utf8")) as Record<string, unknown>;
    } catch {
      return json(400, { error: "body must be JSON" });
    }
    if (what === "fault") {
      const target = typeof body.target === "string" ? body.target : "*";
      if (body.fault === null || body.fault === "none") {
        this.faults.delete(target);
        return json(200, { faults: Object.fromEntries(this.faults) });
      }
      if (!SERVICE_FAULTS.includes(body.fault as ServiceFault))
        return json(400, { error: `fault must be one of ${SERVICE_FAULTS.join(", ")} or none` });
      if (body.fault === "other-tsa" && !(typeof body.tsa === "string" && this.pki.tsas.has(body.tsa)))
        return json(400, { error: `other-tsa needs tsa: one of ${[...this.pki.tsas.keys()].join(", ")}` });
      this.faults.set(target, {
        fault: body.fault as ServiceFault,
        ...(typeof body.tsa === "string" ? { tsa: body.tsa } : {}),
        delayMs: num(body.delayMs),
        count: num(body.count),
        issuedAt:
          typeof body.issuedAt === "string" && !isNaN(Date.parse(body.issuedAt)) ? new Date(body.issuedAt) : undefined,
      });
      return json(200, { faults: Object.fromEntries(this.faults) });
    }
    if (what === "clock") {
      try {
        if (typeof body.set === "string") this.clock.set(new Date(body.set));
        if (typeof body.advanceMs === "number") this.clock.advance(body.advanceMs);
      } catch (e) {
        return json(400, { error: (e as Error).message });
      }
      return json(200, { now: this.clock.now().toISOString() });
    }
    return json(404, { error: `no admin action ${what}` });
  }
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const buf =
    typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.writeHead(status, { "content-type": type, "content-length": String(buf.length), ...headers });
  res.end(buf);
}

/** Read a body up to `max` bytes; beyond that stop reading and report "too-large" (the caller answers 413). */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > max) {
      req.resume();
      resolve("too-large");
      return;
    }
    const chunks: Buffer[] = [];
    let n = 0;
    let done = false;
    req.on("data", (c: Buffer) => {
      if (done) return;
      n += c.length;
      if (n > max) {
        done = true;
        resolve("too-large");
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(Uint8Array.from(Buffer.concat(chunks)));
    });
    req.on("error", (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
    // a client that goes away mid-body: settle, so no handler waits forever (the answer goes nowhere)
    req.on("close", () => {
      if (done) return;
      done = true;
      resolve("too-large");
    });
  });
}
async function drain(req: IncomingMessage, max: number): Promise<void> {
  await readBody(req, max).catch(() => undefined);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function createServices(state: PkiServer, server: Server, port: number, host: string, sockets: Set<Socket>): Services {
  const baseUrl = `http://${host}:${port}`;
  return {
    baseUrl,
    port,
    get pki() {
      return state.pki;
    },
    clock: state.clock,
    urlsMatchCertificates: state.pki.baseUrl === baseUrl,
    setFault(target, setting) {
      if (setting === null) state.faults.delete(target);
      else state.faults.set(target, { ...setting });
    },
    clearFaults() {
      state.faults.clear();
    },
    counts: state.counts,
    get slowAnswersSent() {
      return state.slowAnswersSent;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

async function serve(
  pki: Pki | undefined,
  o: ServiceOptions,
  port: number,
): Promise<{ state: PkiServer; server: Server; port: number; sockets: Set<Socket> }> {
  const host = o.host ?? "127.0.0.1";
  const state = new PkiServer(
    pki as Pki,
    o.clock ?? new SettableClock(pki?.validationTime ?? new Date(0)),
    o.maxBodyBytes ?? 64 * 1024,
    o.maxDelayMs ?? 30_000,
  );
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    state.handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
    });
  });
  server.keepAliveTimeout = 2000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_e, socket) => socket.destroy());
  const actual = await listen(server, port, host);
  return { state, server, port: actual, sockets };
}

/** Serve a built PKI (or a directory written by writePki). port 0 (default) picks a free port; the PKI's
 *  certificates embed its own baseUrl, so use startPkiServices (or build for the port) when URLs must match. */
export async function startServices(pkiOrDir: Pki | string, o: ServiceOptions = {}): Promise<Services> {
  const pki = typeof pkiOrDir === "string" ? await readPki(pkiOrDir) : pkiOrDir;
  const { state, server, port, sockets } = await serve(pki, o, o.port ?? 0);
  return createServices(state, server, port, o.host ?? "127.0.0.1", sockets);
}

/** Listen on a free port first, then build the PKI for that port's base URL, so every certificate's CRL DP and
 *  AIA URLs point at this very server. What tests want. */
export async function startPkiServices(config: PkiConfig, o: ServiceOptions = {}): Promise<Services> {
  const host = o.host ?? "127.0.0.1";
  const { state, server, port, sockets } = await serve(undefined, o, o.port ?? 0);
  try {
    const pki = await buildPki({ ...config, baseUrl: `http://${host}:${port}` });
    state.pki = pki;
    if (!o.clock) state.clock.set(pki.validationTime);
  } catch (e) {
    server.close();
    throw e;
  }
  return createServices(state, server, port, host, sockets);
}
