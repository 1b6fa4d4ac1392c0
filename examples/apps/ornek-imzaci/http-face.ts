// The HTTP face (server API) of Örnek İmzacı, for the http driver: the hash-only three-step flow of EBYS back
// ends — the server prepares the data to be signed, the card signs it where the signer is, the server
// finalises the CAdES/PAdES (with the time-stamp for -T) —, the whole-document flow of a server that holds the card
// itself (http-sign.ts), and a verify endpoint.
//   POST /api/v1/sign     {document, mimeType, fileName, format, certificate?, pin}  → {fileName, signature, certificate}
//   POST /api/v1/prepare  {document, mimeType, fileName, format, certificate}  → {id, toBeSigned, hash}
//   POST /api/v1/finalize {id, signatureValue}                                  → {fileName, signature}
//   POST /api/v1/verify   {signature, detached?, at?, trust?}  → verdict
//        (at: ISO-8601 validation time; trust: PEM of the roots to trust instead of the PKI's, like the CLI's --trust)
import { randomUUID, verify as cryptoVerify, X509Certificate } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AgentError } from "./card.ts";
import type { FlawId } from "./flaws.ts";
import {
  carriedCertificates,
  documentTypeSwitches,
  isFormat,
  produceSignature,
  tsaClient,
  type FormatCode,
  type Signed,
} from "./formats.ts";
import { checkBeforeSigning, checkOptionsFor, documentWarnings } from "./inspect.ts";
import type { AppPki } from "./pki-context.ts";
import { verifySignature } from "./verify.ts";
import { signWholeDocument } from "./http-sign.ts";
import type { HashName, Signer } from "../../../harness/sign/index.ts";
import { parseCert, pemOrDer } from "../../../harness/ades/index.ts";

export const HTTP_FORMATS: FormatCode[] = ["cades-bes", "cades-epes", "cades-t", "pades-b-b", "pades-b-t"];
const MAX_BODY = 16 * 1024 * 1024;
const STATUS: Partial<Record<string, number>> = {
  CERT_EXPIRED: 422,
  CERT_REVOKED: 422,
  CERT_NOT_QUALIFIED: 422,
  CERT_UNTRUSTED: 422,
  REVOCATION_UNKNOWN: 422,
  REVOCATION_INVALID: 422,
  BAD_REQUEST: 400,
  PIN_INCORRECT: 403,
  PIN_LOCKED: 423,
  NO_CARD: 503,
  CARD_REMOVED: 503,
};

interface Prepared {
  toBeSigned: Uint8Array;
  hash: HashName;
  certDer: Uint8Array;
  /** resumes the signing with the card's signature value */
  resume: (signatureValue: Uint8Array) => Promise<Signed>;
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

/** What the agent's window warns about (dynamic content, a format error), a server API refuses, as the CLI does:
 *  nobody sees the document before the card signs, so nobody could choose to go on. */
function refuseWarnedDocument(content: Uint8Array, mimeType: string, flaw?: FlawId): void {
  const { refuse: warnings } = documentWarnings(content, mimeType, "unseen", flaw);
  if (warnings.length === 0) return;
  const said = warnings.map((w) => `UYARI / WARNING (${w.kind}): ${w.tr} / ${w.en}`).join("; ");
  throw new HttpError(422, "DOCUMENT_REFUSED", `${said}; belge imzalanmadı / the document was not signed`);
}

/** Runs produceSignature up to the card's signature, parks it there, and returns what the card must sign. */
async function prepare(
  pki: AppPki,
  o: {
    content: Uint8Array;
    mimeType: string;
    fileName: string;
    format: FormatCode;
    certDer: Uint8Array;
    flaw?: FlawId;
  },
): Promise<Prepared> {
  const now = await pki.now();
  try {
    await checkBeforeSigning(o.certDer, now, pki, checkOptionsFor(o.flaw));
  } catch (err) {
    if (!(o.flaw === "revoked-cert" && err instanceof AgentError && err.code === "CERT_REVOKED")) throw err;
  }
  const hash: HashName = o.flaw === "sha1" ? "SHA-1" : "SHA-256";
  const x = new X509Certificate(Buffer.from(o.certDer));
  let release!: (v: Uint8Array) => void;
  const cardAnswer = new Promise<Uint8Array>((r) => (release = r));
  let captured!: (tbs: Uint8Array) => void;
  const toBeSigned = new Promise<Uint8Array>((r) => (captured = r));
  // produceSignature calls withCard synchronously; the remote card's answer arrives later, so the whole
  // production runs again once it is there, with the same inputs (deterministic up to the signature value)
  const request = {
    format: o.format,
    content: o.content,
    mimeType: o.mimeType,
    fileName: o.fileName,
    signingTime: now,
    hash,
    certificates: carriedCertificates(o.flaw, pki.chainOf(o.certDer, now)),
    withSigningCertificate: o.flaw !== "no-signing-certificate",
    withSigningTime: o.flaw !== "no-signing-time",
    ...documentTypeSwitches(o.flaw),
  };
  const keyAlgorithm = x.publicKey.asymmetricKeyType === "ec" ? ("ecdsa-p256" as const) : ("rsa-2048" as const);
  const probe: Signer = {
    label: "remote",
    certDer: o.certDer,
    keyAlgorithm,
    sign(data) {
      captured(Uint8Array.from(data));
      throw new ParkedError();
    },
  };
  await produceSignature(request, (use) => use(probe), tsaClient(pki.tsaUrl)).catch((err: unknown) => {
    if (!(err instanceof ParkedError)) throw err;
  });
  const tbs = await toBeSigned;
  return {
    toBeSigned: tbs,
    hash,
    certDer: o.certDer,
    resume: async (sig) => {
      const ok = cryptoVerify(hash.replace("-", "").toLowerCase(), tbs, x.publicKey, sig);
      if (!ok)
        throw new HttpError(
          422,
          "SIGNATURE_INVALID",
          "the signature value does not verify with the certificate over toBeSigned",
        );
      release(sig);
      const value = await cardAnswer;
      const signer: Signer = { label: "remote", certDer: o.certDer, keyAlgorithm, sign: () => value };
      return produceSignature(
        request,
        (use) => use(signer),
        tsaClient(pki.tsaUrl, o.flaw === "tsa-token-unchecked" ? undefined : pki),
      );
    },
  };
}

class ParkedError extends Error {}

export interface HttpFace {
  url: string;
  stop(): Promise<void>;
}

export async function startHttpFace(o: {
  pki: AppPki;
  flaw?: FlawId;
  port?: number;
  /** the server's own card, for the whole-document flow (none: /api/v1/sign answers 503 NO_CARD) */
  card?: { module: string; tokenLabel?: string };
}): Promise<HttpFace> {
  const pending = new Map<string, Prepared>();
  const send = (res: ServerResponse, status: number, v: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(v));
  };
  const body = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req) {
      n += (c as Buffer).length;
      if (n <= MAX_BODY) chunks.push(c as Buffer); // past the cap the rest is read and dropped, then refused
    }
    if (n > MAX_BODY) throw new HttpError(413, "BODY_TOO_LARGE", `the body is larger than ${MAX_BODY} bytes`);
    let v: unknown;
    try {
      v = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (err) {
      throw new HttpError(400, "BAD_JSON", `the body is not JSON: ${(err as Error).message}`);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v))
      throw new HttpError(400, "BAD_JSON", "the body must be a JSON object");
    return v as Record<string, unknown>;
  };
  const b64 = (v: unknown, what: string): Uint8Array => {
    if (typeof v !== "string" || !/^[A-Za-z0-9+/=\s]*$/.test(v))
      throw new HttpError(400, "BAD_REQUEST", `${what} (base64) missing or not base64`);
    return new Uint8Array(Buffer.from(v, "base64"));
  };
  const server = createServer((req, res) => {
    (async () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (req.method !== "POST") throw new HttpError(405, "METHOD", "use POST");
      if (path === "/api/v1/sign") {
        const b = await body(req);
        const format = String(b.format ?? "");
        if (!isFormat(format) || !HTTP_FORMATS.includes(format))
          throw new HttpError(
            400,
            "UNKNOWN_FORMAT",
            `format "${format}" is not offered here; one of ${HTTP_FORMATS.join(", ")}`,
          );
        if (!o.card) throw new HttpError(503, "NO_CARD", "this server has no card of its own: use prepare/finalize");
        if (typeof b.pin !== "string" || !b.pin)
          throw new HttpError(400, "BAD_REQUEST", "pin: the signer's PIN is missing");
        const content = b64(b.document, "document");
        const mimeType = typeof b.mimeType === "string" ? b.mimeType : "application/octet-stream";
        refuseWarnedDocument(content, mimeType, o.flaw);
        const signed = await signWholeDocument(
          o.card,
          o.pki,
          {
            content,
            mimeType,
            fileName: typeof b.fileName === "string" ? b.fileName : "belge",
            format,
            ...(typeof b.certificate === "string" && b.certificate ? { certificate: b.certificate } : {}),
            pin: b.pin,
          },
          o.flaw,
        );
        return send(res, 200, {
          fileName: signed.fileName,
          signature: Buffer.from(signed.bytes).toString("base64"),
          certificate: signed.certificateLabel,
        });
      }
      if (path === "/api/v1/prepare") {
        const b = await body(req);
        const format = String(b.format ?? "");
        if (!isFormat(format) || !HTTP_FORMATS.includes(format))
          throw new HttpError(
            400,
            "UNKNOWN_FORMAT",
            `format "${format}" is not offered here; one of ${HTTP_FORMATS.join(", ")}`,
          );
        const content = b64(b.document, "document");
        const mimeType = typeof b.mimeType === "string" ? b.mimeType : "application/octet-stream";
        refuseWarnedDocument(content, mimeType, o.flaw);
        const p = await prepare(o.pki, {
          content,
          mimeType,
          fileName: typeof b.fileName === "string" ? b.fileName : "belge",
          format,
          certDer: b64(b.certificate, "certificate"),
          flaw: o.flaw,
        });
        const id = randomUUID();
        pending.set(id, p);
        return send(res, 200, { id, toBeSigned: Buffer.from(p.toBeSigned).toString("base64"), hash: p.hash });
      }
      if (path === "/api/v1/finalize") {
        const b = await body(req);
        const p = pending.get(String(b.id ?? ""));
        if (!p) throw new HttpError(404, "NOT_FOUND", `no prepared signature "${String(b.id)}"`);
        const signed = await p.resume(b64(b.signatureValue, "signatureValue"));
        pending.delete(String(b.id));
        return send(res, 200, { fileName: signed.fileName, signature: Buffer.from(signed.bytes).toString("base64") });
      }
      if (path === "/api/v1/verify") {
        const b = await body(req);
        let at: Date | undefined;
        if (b.at !== undefined) {
          at = new Date(String(b.at));
          if (typeof b.at !== "string" || !/^\d{4}-\d\d-\d\dT/.test(b.at) || Number.isNaN(at.getTime()))
            throw new HttpError(400, "BAD_REQUEST", `at: ${JSON.stringify(b.at)} is not an ISO-8601 time`);
        }
        let anchors: AppPki["anchors"] | undefined;
        if (b.trust !== undefined) {
          try {
            anchors = typeof b.trust === "string" ? pemOrDer(new TextEncoder().encode(b.trust)).map(parseCert) : [];
          } catch (err) {
            throw new HttpError(400, "BAD_REQUEST", `trust: not PEM certificates: ${(err as Error).message}`);
          }
          if (anchors.length === 0) throw new HttpError(400, "BAD_REQUEST", "trust: no certificate in it");
        }
        const v = await verifySignature(b64(b.signature, "signature"), {
          pki: o.pki,
          anchors,
          detached: b.detached === undefined ? undefined : b64(b.detached, "detached"),
          flaw: o.flaw,
          at,
        });
        return send(res, 200, v);
      }
      throw new HttpError(404, "NOT_FOUND", `POST ${path}`);
    })().catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) return send(res, err.status, { error: { code: err.code, message: err.message } });
      if (err instanceof AgentError)
        return send(res, STATUS[err.code] ?? 500, { error: { code: err.code, message: err.message } });
      send(res, 500, { error: { code: "INTERNAL", message: (err as Error).message } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
