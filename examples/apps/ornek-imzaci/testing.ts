// Test support for the reference application: the test PKI's live services (frozen clock), a fresh virtual
// card with the certificates the tests need, the agent in this process, and a client that plays the EBYS page
// (ticket + request) and the signer at the agent's window (continue, choose, PIN).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { provisionCard, type CardInfo } from "../../../harness/card/index.ts";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  startPkiServices,
  writePki,
  type Services,
} from "../../../harness/pki/index.ts";
import { makeTicket, startAgent, type Agent, HEADER } from "./agent.ts";
import type { FlawId } from "./flaws.ts";
import type { FormatCode } from "./formats.ts";
import { sha256Hex } from "./inspect.ts";
import { loadAppPki, type AppPki } from "./pki-context.ts";

export const CARD_CERTS = ["nes-rsa", "nes-ec", "nes-revoked-crl-before", "nes-expired", "nes-no-nonrep"];

export interface World {
  root: string;
  svc: Services;
  pkiDir: string;
  card: CardInfo;
  pki: AppPki;
  ticketKey: Buffer;
  stop(): Promise<void>;
}

/** PKI services on a free port, the PKI written for them, a card; the card's environment applied to this process. */
export async function startWorld(certLabels = CARD_CERTS): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), "ornek-imzaci-"));
  const svc = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG));
  const pkiDir = join(root, "pki");
  await writePki(svc.pki, pkiDir);
  const card = await provisionCard({ pkiDir, outDir: join(root, "card"), certLabels });
  for (const [k, v] of Object.entries(card.env)) process.env[k] = v;
  return {
    root,
    svc,
    pkiDir,
    card,
    pki: loadAppPki(pkiDir, { clockFromServices: true }),
    ticketKey: randomBytes(32),
    stop: () => svc.stop(),
  };
}

export const EBYS_ORIGIN = "http://127.0.0.1:1"; // the allowlisted page origin in API-level tests

export async function agentFor(
  w: World,
  flaw?: FlawId,
  extra: { idleTimeoutMs?: number; logFile?: string } = {},
): Promise<Agent> {
  return startAgent({
    module: w.card.module,
    tokenLabel: w.card.tokenLabel,
    pki: w.pki,
    allowedOrigins: [EBYS_ORIGIN],
    ticketKey: w.ticketKey,
    flaw,
    idleTimeoutMs: extra.idleTimeoutMs ?? 60_000,
    logFile: extra.logFile,
  });
}

export interface WindowState {
  request: null | {
    id: string;
    step: string;
    preview: null | { text: string; sha256: string; warnings: { kind: string }[] };
    existingSignatures?: null | { number: number; name: string; counterSignatureOf?: number }[];
    certificates: { id: string; label: string; info: null | { qualified: boolean } }[];
    chosenInfo: null | { subject: string; tckn?: string; qualified: boolean };
    attributes: null | Record<string, string>;
    qualifiedWarning: null | { tr: string };
    canCancel: boolean;
    pinNeeded: boolean;
    pinMasked: boolean;
    message: null | { code: string; tr: string; triesLeft?: string };
    idleTimeoutMs: number | null;
  };
}

/** The EBYS page's part and the signer's part of one signing, over HTTP. */
export class Client {
  constructor(
    readonly agent: Agent,
    readonly w: World,
  ) {}
  token = () => new URL(this.agent.windowUrl).searchParams.get("t")!;

  async request(doc: Uint8Array, o: { format: FormatCode; mimeType: string; fileName?: string; pin?: string }) {
    const r = await fetch(`${this.agent.url}/api/v1/sign-requests`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: EBYS_ORIGIN, [HEADER]: "1" },
      body: JSON.stringify({
        document: Buffer.from(doc).toString("base64"),
        fileName: o.fileName ?? "belge",
        mimeType: o.mimeType,
        format: o.format,
        ticket: makeTicket(this.w.ticketKey, sha256Hex(doc)),
        ...(o.pin !== undefined ? { pin: o.pin } : {}),
      }),
    });
    const j = (await r.json()) as { id: string; error?: { code: string } };
    if (r.status !== 202) throw new Error(`sign request refused: ${r.status} ${JSON.stringify(j)}`);
    return j.id;
  }
  async window(action: string, body: Record<string, unknown> = {}): Promise<WindowState & { status: number }> {
    const r = await fetch(`${this.agent.url}/window/api/${action}`, {
      method: action === "state" ? "GET" : "POST",
      headers: { "content-type": "application/json", "x-window-token": this.token() },
      body: action === "state" ? undefined : JSON.stringify(body),
    });
    return { ...((await r.json()) as WindowState), status: r.status };
  }
  async result(id: string) {
    const r = await fetch(`${this.agent.url}/api/v1/sign-requests/${id}`, { headers: { origin: EBYS_ORIGIN } });
    return (await r.json()) as {
      status: string;
      error: null | { code: string; message: string };
      result: null | { fileName: string; signature: string };
    };
  }
  /** The whole good path: request, look at the document, choose the certificate, type the PIN. */
  async sign(
    doc: Uint8Array,
    o: { format: FormatCode; mimeType: string; cert?: string; pin?: string; fileName?: string },
  ): Promise<{ id: string; state: WindowState; bytes?: Uint8Array; error?: { code: string } | null }> {
    const id = await this.request(doc, o);
    let s = await this.window("state");
    if (s.request?.step === "document") s = await this.window("continue", { id });
    const label = o.cert ?? "nes-rsa";
    const cert = s.request!.certificates.find((c) => c.label === label);
    if (!cert) throw new Error(`no ${label} on the card`);
    s = await this.window("choose", { id, certificate: cert.id });
    if (s.request?.step === "confirm") s = await this.window("sign", { id, pin: o.pin ?? this.w.card.pin });
    const r = await this.result(id);
    return {
      id,
      state: s,
      bytes: r.result ? new Uint8Array(Buffer.from(r.result.signature, "base64")) : undefined,
      error: r.error,
    };
  }
}

export const readRoot = (w: World) => readFileSync(join(w.pkiDir, "certs", "root.pem"));
