// The signer agent: a local process with an HTTP JSON API on 127.0.0.1 for the EBYS page (Origin allowlist,
// custom header on state-changing calls, short-lived requests signed by the EBYS server with nonce and expiry)
// and its own window (pages it serves itself, under a per-start window token) where the signer sees the
// document, chooses a certificate, reads the attributes and the qualified-signature warning, and types the PIN.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AgentError, Card, type CardCertificate } from "./card.ts";
import type { FlawId } from "./flaws.ts";
import {
  carriedCertificates,
  documentTypeSwitches,
  FORMATS,
  isFormat,
  produceSignature,
  tsaClient,
  type FormatCode,
  type Signed,
} from "./formats.ts";
import {
  certificateInfo,
  checkBeforeSigning,
  checkOptionsFor,
  documentWarnings,
  sha256Hex,
  type CertificateInfo,
  type Preview,
} from "./inspect.ts";
import type { Signer } from "../../../harness/sign/index.ts";
import type { AppPki } from "./pki-context.ts";
import {
  addParallelSignature,
  readSignedDocument,
  SIGNED_DOCUMENT_TYPE,
  UnreadableSignedDocument,
  type ExistingSignature,
} from "./signed-document.ts";
import { CannotExtend, decodeCades } from "./long-term.ts";
import { windowHtml } from "./window-page.ts";

export const MAX_BODY = 16 * 1024 * 1024;
export const HEADER = "x-ornek-imzaci";

export interface AgentOptions {
  module: string;
  tokenLabel?: string;
  pki: AppPki;
  /** EBYS origins allowed to call the agent */
  allowedOrigins: string[];
  /** shared with the EBYS server: it signs the short-lived sign tickets */
  ticketKey: Buffer;
  port?: number;
  flaw?: FlawId;
  idleTimeoutMs?: number;
  logFile?: string;
  windowToken?: string;
}

type Step = "document" | "certificate" | "confirm" | "signing" | "done" | "failed" | "cancelled" | "closed";

interface Pending {
  id: string;
  fileName: string;
  mimeType: string;
  format: FormatCode;
  content: Uint8Array;
  preview?: Preview;
  /** the warnings the window gives about the document (those a flaw hides left out) */
  warnings?: Preview["warnings"];
  /** the document is an attached CAdES signature: the signatures already on it (a parallel one is added) */
  existing?: ExistingSignature[];
  step: Step;
  certificates: CardCertificate[];
  chosen?: CardCertificate;
  chosenInfo?: CertificateInfo;
  signingTime?: Date;
  message?: { code: string; tr: string; en: string; triesLeft?: string };
  result?: Signed;
  error?: { code: string; message: string };
  pinFromPage?: string;
  timer?: NodeJS.Timeout;
}

export interface Agent {
  url: string;
  windowUrl: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** A sign ticket: the EBYS server's HMAC over document digest, nonce and expiry (ms since epoch). */
export function makeTicket(key: Buffer, documentSha256: string, ttlMs = 120_000) {
  const nonce = randomBytes(12).toString("hex");
  const exp = Date.now() + ttlMs;
  const mac = createHmac("sha256", key).update(`${documentSha256}|${nonce}|${exp}`).digest("hex");
  return { digest: documentSha256, nonce, exp, mac };
}

export async function startAgent(o: AgentOptions): Promise<Agent> {
  const flaw = o.flaw;
  const card = new Card(o.module, o.tokenLabel);
  const windowToken = o.windowToken ?? randomBytes(16).toString("hex");
  const usedNonces = new Set<string>();
  const requests = new Map<string, Pending>();
  const queue: string[] = [];
  const idleMs = o.idleTimeoutMs ?? 120_000;
  const log = (event: Record<string, unknown>) => {
    if (o.logFile) appendFileSync(o.logFile, JSON.stringify({ t: new Date().toISOString(), ...event }) + "\n");
  };
  const host = flaw === "bind-all" ? "0.0.0.0" : "127.0.0.1";
  let selfOrigin = "";

  const finished = (r: Pending) => ["done", "failed", "cancelled", "closed"].includes(r.step);
  /** the request the window shows: the oldest open one, else the last one (its outcome stays on screen) */
  const current = () => {
    for (const id of queue) {
      const r = requests.get(id)!;
      if (!finished(r)) return r;
    }
    const last = queue.at(-1);
    return last ? requests.get(last) : undefined;
  };
  const finish = (r: Pending, step: Step, error?: AgentError) => {
    r.step = step;
    if (r.timer) clearTimeout(r.timer);
    if (error) r.error = { code: error.code, message: error.message };
    r.content = new Uint8Array(0);
    r.pinFromPage = undefined;
    log({ event: "finished", id: r.id, step, code: error?.code });
  };
  const touch = (r: Pending) => {
    if (flaw === "no-idle-timeout") return;
    if (r.timer) clearTimeout(r.timer);
    r.timer = setTimeout(() => {
      if (["document", "certificate", "confirm"].includes(r.step)) {
        r.message = {
          code: "TIMEOUT",
          tr: "İşlem zaman aşımına uğradı; imza iptal edildi.",
          en: "Timed out; signing aborted.",
        };
        finish(r, "failed", new AgentError("TIMEOUT", "the signing session was idle too long and was aborted"));
      }
    }, idleMs);
    r.timer.unref();
  };

  const attributes = (r: Pending) => ({
    signingTime: r.signingTime?.toISOString(),
    policy:
      r.format === "cades-t"
        ? "P2 (2.16.792.1.61.0.1.5070.3.1.1)"
        : r.format === "cades-epes"
          ? "örtük / implied"
          : "—",
    contentType: r.mimeType,
    commitmentType: "kaynağın kanıtı / proof of origin",
    digestAlgorithm: flaw === "sha1" ? "SHA-1" : "SHA-256",
    format: r.format,
  });

  /** the warnings about the document the agent gives (the flaws that hide some leave them out) */
  const warningsOf = (r: Pending) => r.warnings ?? [];

  const windowState = (r: Pending | undefined) => {
    if (!r) return { request: null };
    const showPreview = flaw !== "no-preview";
    const warnings = warningsOf(r);
    return {
      request: {
        id: r.id,
        step: r.step,
        fileName: r.fileName,
        mimeType: r.mimeType,
        format: r.format,
        preview:
          showPreview && r.preview
            ? { text: r.preview.text, sha256: r.preview.sha256, size: r.preview.size, warnings }
            : null,
        // the signatures already on a signed document (the existing-signatures-hidden flaw leaves them out)
        existingSignatures: flaw === "existing-signatures-hidden" ? null : (r.existing ?? null),
        certificates: r.certificates.map((c) => ({
          id: c.id,
          label: c.label,
          info: flaw === "no-cert-info" ? null : certificateInfo(c.der),
        })),
        chosen: r.chosen?.id ?? null,
        chosenInfo: flaw === "no-cert-info" ? null : (r.chosenInfo ?? null),
        attributes: flaw === "attrs-hidden" || r.step !== "confirm" ? null : attributes(r),
        qualifiedWarning:
          flaw === "no-qualified-warning"
            ? null
            : {
                tr: "Güvenli (nitelikli) elektronik imza oluşturmak üzeresiniz. Bu imza, 5070 sayılı Kanun gereği elle atılan imza ile aynı hukuki sonucu doğurur.",
                en: "You are about to create a qualified electronic signature, legally equivalent to a handwritten signature (Law 5070).",
              },
        canCancel: !(flaw === "no-cancel" && r.step === "confirm"),
        pinNeeded: flaw !== "pin-in-page" && !(flaw === "pin-cached" && cachedLogin),
        pinMasked: flaw !== "pin-unmasked",
        message: r.message ?? null,
        idleTimeoutMs: flaw === "no-idle-timeout" ? null : idleMs,
      },
    };
  };
  let cachedLogin = false;

  const chooseCertificate = async (r: Pending, id: string) => {
    let c = r.certificates.find((x) => x.id === id);
    if (!c) throw new AgentError("BAD_REQUEST", `no certificate ${id} on the card`);
    // the flaw: the choice is taken, then ignored for the first certificate by label
    if (flaw === "first-key-always") c = [...r.certificates].sort((x, y) => x.label.localeCompare(y.label))[0]!;
    r.chosen = c;
    r.chosenInfo = certificateInfo(c.der);
    const now = await o.pki.now();
    try {
      await checkBeforeSigning(c.der, now, o.pki, checkOptionsFor(flaw));
    } catch (err) {
      if (!(err instanceof AgentError)) throw err;
      if (!(flaw === "revoked-cert" && err.code === "CERT_REVOKED")) {
        // the refusal's words are "english / türkçe": each language on its side of the window's message
        const cut = err.message.lastIndexOf(" / ");
        const [en, tr] = cut < 0 ? [err.message, err.message] : [err.message.slice(0, cut), err.message.slice(cut + 3)];
        r.message = { code: err.code, tr: `İmza reddedildi: ${tr}`, en: `Signing refused: ${en}` };
        log({ event: "refused", id: r.id, code: err.code });
        finish(r, "failed", err);
        return;
      }
    }
    r.signingTime = now;
    r.step = "confirm";
  };

  const sign = async (r: Pending, pin: string | undefined) => {
    if (!r.chosen) throw new AgentError("BAD_REQUEST", "choose a certificate first");
    if (flaw === "pin-logged") log({ event: "login", id: r.id, pin });
    else log({ event: "login", id: r.id });
    r.step = "signing";
    const content = flaw === "preview-mismatch" ? Uint8Array.from([...r.content, 0x0a]) : r.content;
    const at = r.signingTime ?? (await o.pki.now());
    try {
      const withCard = <T>(use: (s: Signer) => T) => card.withSigner(r.chosen!, pin, use, flaw === "pin-cached");
      const tsa = o.pki.tsaUrl
        ? tsaClient(o.pki.tsaUrl, flaw === "tsa-token-unchecked" ? undefined : o.pki)
        : undefined;
      const signed: Signed = r.existing
        ? {
            // a signed document: a parallel signature over its content, beside the ones it carries
            bytes: await addParallelSignature(
              r.content,
              {
                signingTime: at,
                certificates: o.pki.chainOf(r.chosen.der, at).slice(0, -1),
                timestamp: r.format === "cades-t",
                ...(tsa ? { tsa } : {}),
              },
              withCard,
            ),
            fileName: r.fileName,
            mimeType: "application/pkcs7-signature",
            detached: false,
          }
        : await produceSignature(
            {
              format: r.format,
              content,
              mimeType: r.mimeType,
              fileName: r.fileName,
              signingTime: at,
              hash: flaw === "sha1" ? "SHA-1" : "SHA-256",
              certificates: carriedCertificates(flaw, o.pki.chainOf(r.chosen.der, at)),
              withSigningCertificate: flaw !== "no-signing-certificate",
              withSigningTime: flaw !== "no-signing-time",
              ...documentTypeSwitches(flaw),
            },
            withCard,
            tsa,
          );
      if (flaw === "pin-cached") cachedLogin = true;
      r.result = signed;
      r.message = { code: "OK", tr: "Belge imzalandı.", en: "The document was signed." };
      finish(r, "done");
      log({ event: "signed", id: r.id, format: r.format, bytes: signed.bytes.length });
    } catch (err) {
      const e =
        err instanceof AgentError
          ? err
          : err instanceof UnreadableSignedDocument || err instanceof CannotExtend
            ? new AgentError("DOCUMENT_REFUSED", err.message)
            : card.translate(err);
      log({ event: "sign-error", id: r.id, code: e.code });
      if (e.code === "PIN_INCORRECT" || (e.code === "PIN_LOCKED" && flaw === "pin-locked-retry")) {
        r.step = "confirm";
        if (flaw === "no-wrong-pin-message") r.message = undefined;
        else {
          const left = e.detail.finalTry ? "1" : e.detail.countLow ? "az / few" : undefined;
          r.message = {
            code: "PIN_INCORRECT",
            tr: `PIN hatalı.${left ? ` Kalan deneme hakkı: ${left}.` : ""}`,
            en: `Wrong PIN.${left ? ` Tries left: ${left}.` : ""}`,
            triesLeft: left,
          };
        }
        return;
      }
      if (e.code === "CARD_REMOVED" && flaw === "card-removed-silent") {
        r.message = undefined;
        finish(r, "closed");
        return;
      }
      const tr: Record<string, string> = {
        PIN_LOCKED: "PIN bloke oldu. Kartınızın PIN blokesini kaldırmadan imza atılamaz.",
        CARD_REMOVED: "Kart imza sırasında çıkarıldı; imza tamamlanamadı.",
        NO_CARD: "Kart takılı değil.",
      };
      r.message = { code: e.code, tr: tr[e.code] ?? `İmza atılamadı: ${e.message}`, en: e.message };
      finish(r, "failed", e);
    }
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer | "too-large">((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          resolve("too-large");
          req.resume();
          return;
        }
        chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });
  const jsonBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const raw = await readBody(req);
    if (raw === "too-large") throw new HttpError(413, "BODY_TOO_LARGE", `request body larger than ${MAX_BODY} bytes`);
    try {
      const v = JSON.parse(raw.toString("utf8")) as unknown;
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
      return v as Record<string, unknown>;
    } catch (err) {
      throw new HttpError(400, "BAD_REQUEST", `the body is not a JSON object: ${(err as Error).message}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const h = err instanceof HttpError ? err : undefined;
      const ae = err instanceof AgentError ? err : undefined;
      const status = h?.status ?? (ae ? (ae.code === "INTERNAL" ? 500 : 409) : 500);
      const code = h?.code ?? ae?.code ?? "INTERNAL";
      if (status === 500) log({ event: "internal-error", message: String((err as Error)?.message ?? err) });
      if (!res.headersSent) send(res, status, { error: { code, message: (err as Error).message } });
    });
  });

  const cors = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (flaw === "cors-reflect") {
      if (origin) {
        res.setHeader("access-control-allow-origin", origin);
        res.setHeader("access-control-allow-credentials", "true");
        res.setHeader("access-control-allow-headers", "content-type, x-ornek-imzaci");
      }
      return true;
    }
    if (origin === undefined) return true; // not a browser page (the harness, curl): no CORS involved
    if (!o.allowedOrigins.includes(origin)) return false;
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("vary", "Origin");
    res.setHeader("access-control-allow-headers", `content-type, ${HEADER}`);
    res.setHeader("access-control-allow-methods", "GET, POST");
    return true;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://agent");
    const path = url.pathname;
    // --- the agent's own window ---
    if (path === "/window") {
      if (url.searchParams.get("t") !== windowToken)
        return send(res, 403, { error: { code: "FORBIDDEN", message: "wrong window token" } });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(windowHtml(windowToken));
      return;
    }
    if (path.startsWith("/window/api/")) {
      if (req.headers["x-window-token"] !== windowToken)
        return send(res, 403, { error: { code: "FORBIDDEN", message: "the window API is the agent window's own" } });
      if (req.headers.origin !== undefined && req.headers.origin !== selfOrigin)
        return send(res, 403, { error: { code: "ORIGIN_NOT_ALLOWED", message: "foreign origin" } });
      const r = current();
      const action = path.slice("/window/api/".length);
      if (action === "state" && req.method === "GET") return send(res, 200, windowState(r));
      if (req.method !== "POST") return send(res, 405, { error: { code: "METHOD", message: "POST" } });
      const body = await jsonBody(req);
      if (!r || finished(r) || (typeof body.id === "string" && body.id !== r.id))
        return send(res, 409, { error: { code: "NO_REQUEST", message: "no signing request is waiting" } });
      touch(r);
      if (action === "cancel") {
        if (flaw === "no-cancel" && r.step === "confirm")
          return send(res, 409, { error: { code: "CANNOT_CANCEL", message: "cancel is not offered here" } });
        r.message = { code: "USER_CANCELLED", tr: "İmza iptal edildi.", en: "Signing cancelled." };
        finish(r, "cancelled", new AgentError("USER_CANCELLED", "the user cancelled signing"));
      } else if (action === "continue" && r.step === "document") {
        r.step = "certificate";
        r.certificates = card.certificates();
      } else if (action === "choose" && r.step === "certificate") {
        await chooseCertificate(r, String(body.certificate ?? ""));
      } else if (action === "sign" && r.step === "confirm") {
        const pin =
          flaw === "pin-in-page" ? r.pinFromPage : flaw === "pin-cached" && cachedLogin ? undefined : body.pin;
        if (typeof pin !== "string" && !(flaw === "pin-cached" && cachedLogin))
          return send(res, 400, { error: { code: "BAD_REQUEST", message: "pin missing" } });
        await sign(r, pin as string | undefined);
      } else
        return send(res, 409, {
          error: { code: "WRONG_STEP", message: `${action} is not possible at step ${r.step}` },
        });
      return send(res, 200, windowState(r));
    }
    // --- the API for the EBYS page ---
    if (!cors(req, res))
      return send(res, 403, {
        error: { code: "ORIGIN_NOT_ALLOWED", message: `origin ${req.headers.origin} is not allowed` },
      });
    if (req.method === "OPTIONS") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === "POST" && flaw !== "cors-reflect" && req.headers[HEADER] !== "1")
      return send(res, 403, {
        error: { code: "HEADER_MISSING", message: `state-changing calls need the ${HEADER} header` },
      });
    if (path === "/api/v1/status" && req.method === "GET")
      return send(res, 200, { name: "ornek-imzaci-ajan", version: "1.0.0", formats: FORMATS, flaw: flaw ?? null });
    if (path === "/api/v1/certificates" && req.method === "GET")
      return send(res, 200, {
        certificates: card
          .certificates()
          .map((c) => ({ id: c.id, label: c.label, subject: certificateInfo(c.der).subject })),
      });
    if (path === "/api/v1/sign-requests" && req.method === "POST") {
      const b = await jsonBody(req);
      const fileName = typeof b.fileName === "string" && b.fileName ? b.fileName.replace(/[/\\]/g, "_") : "belge";
      const mimeType = typeof b.mimeType === "string" ? b.mimeType : "";
      const format = typeof b.format === "string" ? b.format : "";
      if (!isFormat(format))
        throw new HttpError(400, "UNKNOWN_FORMAT", `unknown format "${format}"; one of ${FORMATS.join(", ")}`);
      if (typeof b.document !== "string") throw new HttpError(400, "BAD_REQUEST", "document (base64) missing");
      const content = new Uint8Array(Buffer.from(b.document, "base64"));
      if (flaw !== "cors-reflect") {
        const t = b.ticket as { digest?: string; nonce?: string; exp?: number; mac?: string } | undefined;
        if (!t || typeof t.mac !== "string" || typeof t.nonce !== "string" || typeof t.exp !== "number")
          throw new HttpError(403, "TICKET_MISSING", "a signed ticket from the EBYS server is required");
        const mac = createHmac("sha256", o.ticketKey).update(`${t.digest}|${t.nonce}|${t.exp}`).digest();
        const given = Buffer.from(t.mac, "hex");
        if (given.length !== mac.length || !timingSafeEqual(given, mac))
          throw new HttpError(403, "TICKET_INVALID", "the ticket's signature is wrong");
        if (t.digest !== sha256Hex(content))
          throw new HttpError(403, "TICKET_INVALID", "the ticket names another document");
        if (t.exp < Date.now()) throw new HttpError(403, "TICKET_EXPIRED", "the ticket has expired");
        if (usedNonces.has(t.nonce)) throw new HttpError(403, "TICKET_REPLAYED", "the ticket was used already");
        usedNonces.add(t.nonce);
      }
      const r: Pending = {
        id: randomUUID(),
        fileName,
        mimeType,
        format,
        content,
        step: flaw === "no-preview" ? "certificate" : "document",
        certificates: [],
      };
      if (flaw === "pin-in-page") r.pinFromPage = typeof b.pin === "string" ? b.pin : undefined;
      // a signed document (an attached CAdES): its content is previewed and its signatures listed; one that cannot
      // be read is warned about as any malformed document (and, if the signer goes on, signed as the bytes it is)
      let signedDoc: ReturnType<typeof readSignedDocument> | undefined;
      let unreadable: UnreadableSignedDocument | undefined;
      if (mimeType === SIGNED_DOCUMENT_TYPE) {
        try {
          signedDoc = readSignedDocument(content);
          if (!format.startsWith("cades"))
            throw new HttpError(
              400,
              "WRONG_FORMAT",
              `a signed (CAdES) document takes a parallel CAdES signature, not ${format} / imzalı (CAdES) belgeye yalnız CAdES paralel imza eklenir`,
            );
          decodeCades(content); // what signing will do with it: fails here rather than at the card
        } catch (err) {
          if (err instanceof HttpError) throw err;
          signedDoc = undefined;
          unreadable =
            err instanceof UnreadableSignedDocument
              ? err
              : new UnreadableSignedDocument(
                  `no signature can be added to this signed document: ${(err as Error).message}`,
                  `bu imzalı belgeye imza eklenemez: ${(err as Error).message}`,
                );
        }
      }
      const seen = signedDoc
        ? documentWarnings(signedDoc.content, signedDoc.contentMimeType, "window", flaw)
        : documentWarnings(content, mimeType, "window", flaw);
      r.preview = seen.preview;
      r.warnings = seen.warnings;
      if (signedDoc) r.existing = signedDoc.signatures;
      if (unreadable) {
        const w = { kind: unreadable.kind, en: unreadable.en, tr: unreadable.tr };
        r.preview = { ...r.preview, warnings: [w] };
        // the flaw that hides format errors hides this one too
        r.warnings = flaw === "no-format-warning" && w.kind === "format-error" ? [] : [w];
      }
      if (r.step === "certificate") r.certificates = card.certificates();
      requests.set(r.id, r);
      queue.push(r.id);
      log({ event: "request", id: r.id, fileName, mimeType, format, bytes: content.length });
      // an empty document and dynamic content are never signed (checklist 1.3-1, 8-3, 8-4), as the CLI and the
      // server API refuse them: the window says why and the request ends there; other warnings (a format error, a
      // part not shown) leave the choice
      const refused = seen.refuse;
      if (refused.length > 0) {
        const said = refused.map((w) => `UYARI / WARNING (${w.kind}): ${w.tr} / ${w.en}`).join("; ");
        r.message = {
          code: "DOCUMENT_REFUSED",
          tr: `Bu belge imzalanamaz: ${refused.map((w) => w.tr).join("; ")}`,
          en: `This document cannot be signed: ${refused.map((w) => w.en).join("; ")}`,
        };
        finish(
          r,
          "failed",
          new AgentError("DOCUMENT_REFUSED", `${said}; belge imzalanmadı / the document was not signed`),
        );
      } else touch(r);
      return send(res, 202, { id: r.id, status: "waiting" });
    }
    const m = /^\/api\/v1\/sign-requests\/([0-9a-f-]{36})$/.exec(path);
    if (m && req.method === "GET") {
      const r = requests.get(m[1]!);
      if (!r) return send(res, 404, { error: { code: "NOT_FOUND", message: "no such request" } });
      const status = finished(r) ? r.step : "waiting";
      return send(res, 200, {
        id: r.id,
        status,
        error: r.error ?? null,
        result: r.result
          ? {
              fileName: r.result.fileName,
              mimeType: r.result.mimeType,
              signature: Buffer.from(r.result.bytes).toString("base64"),
            }
          : null,
      });
    }
    return send(res, 404, { error: { code: "NOT_FOUND", message: `${req.method} ${path}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  selfOrigin = url;
  log({ event: "started", port, host, flaw: flaw ?? null });
  return {
    url,
    windowUrl: `${url}/window?t=${windowToken}`,
    host,
    port,
    async stop() {
      for (const r of requests.values()) if (r.timer) clearTimeout(r.timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      card.close();
    },
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, v: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(v));
}
