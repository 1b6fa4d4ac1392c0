// The HTTP face: the hash-only three-step flow signs through the card (prepare on the server, C_Sign on the
// card here, finalise on the server) and verifies; bad input gets a clear error and its own HTTP status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCert, pemOrDer, validateBytes } from "../../../harness/ades/index.ts";
import { readTrace, traceMark } from "../../../harness/card/index.ts";
import { Card, type CardCertificate } from "./card.ts";
import { startHttpFace, type HttpFace } from "./http-face.ts";
import { readRoot, startWorld, type World } from "./testing.ts";

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "samples");
let w: World;
let face: HttpFace;
let card: Card;
let certs: CardCertificate[];

beforeAll(async () => {
  w = await startWorld(["nes-rsa", "nes-ec", "nes-revoked-crl-before"]);
  face = await startHttpFace({ pki: w.pki });
  card = new Card(w.card.module, w.card.tokenLabel);
  certs = card.certificates();
});
afterAll(async () => {
  card?.close();
  await face?.stop();
  await w?.stop();
});

const post = async (path: string, body: unknown, raw?: string) => {
  const r = await fetch(`${face.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const cert = (label: string) => certs.find((c) => c.label === label)!;
const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");

async function threeSteps(format: string, doc: Uint8Array, mimeType: string, label: string) {
  const p = await post("/api/v1/prepare", {
    document: b64(doc),
    mimeType,
    fileName: "belge",
    format,
    certificate: b64(cert(label).der),
  });
  if (p.status !== 200) return { prepare: p };
  const tbs = new Uint8Array(Buffer.from(p.json.toBeSigned, "base64"));
  const value = card.withSigner(cert(label), w.card.pin, (s) => s.sign(tbs, p.json.hash));
  const f = await post("/api/v1/finalize", { id: p.json.id, signatureValue: b64(value) });
  return {
    prepare: p,
    finalize: f,
    bytes: f.status === 200 ? new Uint8Array(Buffer.from(f.json.signature, "base64")) : undefined,
  };
}

describe("hash-only three-step flow", () => {
  for (const [format, sample, mime, label] of [
    ["cades-bes", "not.txt", "text/plain", "nes-rsa"],
    ["pades-b-t", "resmi-yazi.pdf", "application/pdf", "nes-ec"],
  ] as const) {
    it(`${format} with ${label}: the server never sees the key; the card signs once; TOTAL-PASSED and the verify endpoint agrees`, async () => {
      const mark = traceMark(w.card.dir);
      const r = await threeSteps(format, new Uint8Array(readFileSync(join(SAMPLES, sample))), mime, label);
      expect(r.finalize?.status, JSON.stringify(r.finalize?.json ?? r.prepare.json)).toBe(200);
      expect(readTrace(w.card.dir, mark).filter((e) => e.fn === "C_Sign")).toHaveLength(1);
      const v = await validateBytes("x", r.bytes!, {
        anchors: [parseCert(pemOrDer(readRoot(w))[0]!)],
        at: w.svc.clock.now(),
        fetch: true,
      });
      expect(
        v.indication,
        v.checks
          .filter((c) => c.result !== "passed")
          .map((c) => c.reason.en)
          .join("; "),
      ).toBe("TOTAL-PASSED");
      const ve = await post("/api/v1/verify", { signature: b64(r.bytes!) });
      expect(ve.json.verdict).toBe("valid");
      // told a time before the signer's certificate existed, the same signature is not valid: `at` is used
      const early = await post("/api/v1/verify", { signature: b64(r.bytes!), at: "2019-01-01T00:00:00Z" });
      expect(early.json.verdict).not.toBe("valid");
    });
  }
  it("refuses a revoked certificate at prepare (422 CERT_REVOKED)", async () => {
    const r = await threeSteps("cades-bes", new TextEncoder().encode("x"), "text/plain", "nes-revoked-crl-before");
    expect(r.prepare.status).toBe(422);
    expect(r.prepare.json.error.code).toBe("CERT_REVOKED");
  });
  it("bad input: malformed JSON 400, unknown format 400, oversized 413, unknown id 404, wrong signature value 422", async () => {
    expect((await post("/api/v1/prepare", null, "{bozuk")).json.error.code).toBe("BAD_JSON");
    const u = await post("/api/v1/prepare", { format: "xades-zz", document: "", certificate: "" });
    expect([u.status, u.json.error.code]).toEqual([400, "UNKNOWN_FORMAT"]);
    const big = await post("/api/v1/verify", null, JSON.stringify({ signature: "A".repeat(17 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const at = await post("/api/v1/verify", { signature: "AA==", at: "dün" });
    expect([at.status, at.json.error.code]).toEqual([400, "BAD_REQUEST"]);
    const n = await post("/api/v1/finalize", { id: "yok", signatureValue: "AA==" });
    expect([n.status, n.json.error.code]).toEqual([404, "NOT_FOUND"]);
    const p = await post("/api/v1/prepare", {
      document: b64(new TextEncoder().encode("x")),
      mimeType: "text/plain",
      format: "cades-bes",
      certificate: b64(cert("nes-rsa").der),
    });
    const bad = await post("/api/v1/finalize", { id: p.json.id, signatureValue: b64(new Uint8Array(256)) });
    expect([bad.status, bad.json.error.code]).toEqual([422, "SIGNATURE_INVALID"]);
  });
});
