// test-kind: integration
// A server that answers badly, through the http driver: a 5xx, a body that is not JSON, no answer past the
// timeout, a dropped connection, nobody listening, a refusal, an answer without what the next step needs. Each is
// a result naming the problem (a verify gives "no-answer", a signing gives no signature with the reason), never
// an exception, and the next call still works. The signing cases reach the real virtual card.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCard, type CardInfo } from "../card/index.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import type { AppProfile } from "../profile/types.ts";
import { testRoot, writeTestPki } from "../testing/card.ts";
import type { DriverEnv } from "./face.ts";
import { httpSigningFace, httpVerifyingFace } from "./http.ts";
import { httpSettings } from "./http-settings.ts";

type Handler = (body: string) => { status: number; body: string; type?: string } | "hang" | "drop";
const routes = new Map<string, Handler>();
let server: Server;
let base: string;
let card: CardInfo;
/** a port nobody listens on: taken, then given back */
let closedPort: number;
const PIN = "61829374";

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const h = routes.get(req.url ?? "");
      const a = h ? h(body) : { status: 404, body: "{}" };
      if (a === "hang") return; // never answers
      if (a === "drop") return req.socket.destroy();
      res.writeHead(a.status, { "content-type": a.type ?? "application/json" });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const spare = createServer();
  await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((r) => spare.close(r));
  const root = testRoot("http-bad");
  card = await provisionCard({ pkiDir: await writeTestPki(root), outDir: join(root, "card"), pin: PIN });
}, 120_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const profile = (settings: Record<string, unknown>): AppProfile => ({
  app: { name: "kötü sunucu", version: "1" },
  assesses: ["creation", "verification"],
  driver: { kind: "http", settings },
  file: join(PROJECT_ROOT, "examples", "profiles", "kotu.yaml"),
});
const env = (): DriverEnv => ({ card, pin: PIN, pkiDir: "", pkiBaseUrl: "", rootPem: "", workDir: "" });

describe("a verify endpoint that answers badly", () => {
  const cases: { name: string; handler?: Handler; url?: string; ended: RegExp }[] = [
    {
      name: "a server error",
      handler: () => ({ status: 500, body: JSON.stringify({ error: { message: "NullPointerException" } }) }),
      ended: /answered 500 \(a server error: NullPointerException\)/,
    },
    {
      name: "garbage instead of JSON",
      handler: () => ({ status: 200, body: "<html>Bakımdayız</html>", type: "text/html" }),
      ended: /matches none of the profile's verdict rules: <html>Bakımdayız/,
    },
    { name: "no answer in time", handler: () => "hang", ended: /no answer in 1 s/ },
    { name: "a dropped connection", handler: () => "drop", ended: /POST http:\/\/127\.0\.0\.1:\d+\/v: \S+/ },
    { name: "nobody listening", url: "closed", ended: /ECONNREFUSED/ },
  ];
  for (const c of cases)
    it(`${c.name}: no-answer, the problem named; the next call still works`, async () => {
      const url = c.url ? `http://127.0.0.1:${closedPort}` : base;
      routes.set("/v", c.handler ?? (() => ({ status: 500, body: "" })));
      const { settings, issues } = httpSettings(
        profile({
          url,
          timeoutSeconds: 1,
          verify: {
            path: "/v",
            body: { signature: "{signatureBase64}" },
            verdicts: [{ status: 200, field: "verdict", match: "^valid$", verdict: "valid" }],
          },
        }),
      );
      expect(issues).toEqual([]);
      const face = httpVerifyingFace({ settings: settings!, base: url, env: env() });
      const sig = { bytes: new Uint8Array([0x30, 0x03, 1, 2, 3]), ext: "p7s" };
      const a = await face.verify(sig, { at: new Date("2026-06-01T00:00:00Z"), name: "v1" });
      expect(a.verdict).toBe("no-answer");
      expect(a.ended).toMatch(c.ended);
      expect(a.run?.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/v/);
      if (!c.url) {
        routes.set("/v", () => ({ status: 200, body: JSON.stringify({ verdict: "valid" }) }));
        expect((await face.verify(sig, { at: new Date(), name: "v2" })).verdict).toBe("valid");
      }
    }, 30_000);
});

describe("a signing flow that goes wrong", () => {
  const tbs = Buffer.from("signed attributes, say").toString("base64");
  const good = () => ({ status: 200, body: JSON.stringify({ id: "k1", toBeSigned: tbs, hash: "SHA-256" }) });
  const cases: {
    name: string;
    prepare: Handler;
    finalize?: Handler;
    stderr: RegExp;
    card: boolean;
    exit: number | null;
  }[] = [
    {
      name: "a refusal at prepare (the server's own words kept)",
      prepare: () => ({
        status: 422,
        body: JSON.stringify({ error: { code: "CERT_REVOKED", message: "sertifika iptal edilmiş" } }),
      }),
      stderr: /prepare answered 422 CERT_REVOKED: sertifika iptal edilmiş/,
      card: false,
      exit: 1,
    },
    {
      name: "prepare answers garbage",
      prepare: () => ({ status: 200, body: "tamam", type: "text/plain" }),
      stderr: /answered 200 with a body that is not JSON: "tamam"/,
      card: false,
      exit: 1,
    },
    {
      name: "prepare's answer lacks the data to sign",
      prepare: () => ({ status: 200, body: JSON.stringify({ id: "k1" }) }),
      stderr: /prepare's answer has no base64 data to sign at toBeSigned/,
      card: false,
      exit: 1,
    },
    {
      name: "prepare names a hash the card cannot do",
      prepare: () => ({ status: 200, body: JSON.stringify({ id: "k1", toBeSigned: tbs, hash: "MD5" }) }),
      stderr: /names no hash the card can use at hash \("MD5"/,
      card: false,
      exit: 1,
    },
    {
      name: "finalize fails with a server error after the card signed",
      prepare: good,
      finalize: () => ({ status: 503, body: "" }),
      stderr: /\/finalize answered 503 \(a server error\)/,
      card: true,
      exit: 1,
    },
    {
      name: "finalize hangs",
      prepare: good,
      finalize: () => "hang",
      stderr: /\/finalize: no answer in 1 s/,
      card: true,
      exit: null,
    },
  ];
  for (const c of cases)
    it(`${c.name}: no signature, the problem named`, async () => {
      let finalized: Record<string, unknown> | undefined;
      routes.set("/prepare", c.prepare);
      routes.set("/finalize", (b) => {
        finalized = JSON.parse(b) as Record<string, unknown>;
        return (c.finalize ?? (() => ({ status: 200, body: "{}" })))(b);
      });
      const { settings, issues } = httpSettings(
        profile({
          url: base,
          timeoutSeconds: 1,
          kinds: [{ format: "CAdES", level: "BES", kind: "cades-bes" }],
          prepare: { path: "/prepare", body: { document: "{documentBase64}", cert: "{certificateBase64}" } },
          signOnCard: { input: "toBeSigned", hash: "hash" },
          finalize: { path: "/finalize", body: { id: "{id}", value: "{signatureValueBase64}" } },
        }),
      );
      expect(issues).toEqual([]);
      const face = httpSigningFace({ settings: settings!, base, env: env() });
      const a = await face.sign({ format: "CAdES", level: "BES" }, new TextEncoder().encode("belge"), "b");
      expect(a.output).toBeUndefined();
      expect(a.run.exitCode).toBe(c.exit);
      expect(a.run.stderr).toMatch(c.stderr);
      expect(a.run.stdout.includes(`card: nes-rsa signed`)).toBe(c.card);
      // finalize got prepare's id and a card-made signature value (RSA-2048: 256 bytes), never the PIN
      if (c.card) expect(finalized).toEqual({ id: "k1", value: expect.stringMatching(/^[A-Za-z0-9+/]{342}==$/) });
      else expect(finalized).toBeUndefined();
      expect(a.run.stdout + a.run.stderr).not.toContain(PIN);
    }, 30_000);
});
