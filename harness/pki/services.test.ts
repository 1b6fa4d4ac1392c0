// The live services on 127.0.0.1, judged by real clients: openssl ocsp / ts / crl / verify and fetch.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  certIdFor,
  DEFAULT_PKI_CONFIG,
  encodeOcspRequest,
  encodeTsRequest,
  loadPkiConfig,
  SettableClock,
  startPkiServices,
  writePki,
  type Services,
} from "./index.ts";
import { children, parseDer, readIntHex } from "../asn1/der.ts";

let svc: Services;
let dir: string;
let base: string;
// the clock runs at the real "now" so openssl's own time checks (which use the real clock) agree with ours
const realNow = new Date(Math.floor(Date.now() / 1000) * 1000);

beforeAll(async () => {
  svc = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), {
    clock: new SettableClock(realNow),
    maxDelayMs: 2000,
  });
  base = svc.baseUrl;
  dir = mkdtempSync(join(tmpdir(), "uyum-pki-live-"));
  await writePki(svc.pki, dir);
});
afterAll(async () => {
  await svc?.stop();
});
beforeEach(() => {
  svc.clearFaults();
  svc.clock.set(realNow);
});

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: dir, encoding: "utf8", timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}
const ocspCli = (cert: string, responder: string, issuer = "subroot", extra: string[] = []) =>
  run("openssl", [
    "ocsp",
    "-issuer",
    `certs/${issuer}.pem`,
    "-cert",
    `certs/${cert}.pem`,
    "-url",
    `${base}/ocsp/${responder}`,
    "-CAfile",
    "certs/root.pem",
    "-resp_text",
    ...extra,
  ]);
const put = (name: string, data: Uint8Array | string) => {
  writeFileSync(join(dir, name), data);
  return name;
};
const post = (path: string, type: string, body: Uint8Array) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type }, body: body as unknown as BodyInit });
const bytes = async (r: Response) => new Uint8Array(await r.arrayBuffer());

describe("the services serve the PKI they were built for", () => {
  it("certificates embed this server's URLs", () => {
    expect(svc.urlsMatchCertificates).toBe(true);
    const idx = JSON.parse(readFileSync(join(dir, "pki.json"), "utf8"));
    const nes = idx.entities.find((e: { label: string }) => e.label === "nes-rsa");
    expect(nes.ocspUrl).toBe(`${base}/ocsp/subroot`);
    expect(nes.crlUrl).toBe(`${base}/crl/subroot.crl`);
  });
});

describe("live OCSP (openssl ocsp as the client)", () => {
  it("good, with a verified nonce and a delegated responder", async () => {
    const r = await ocspCli("nes-rsa", "subroot");
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toMatch(/certs\/nes-rsa\.pem: good/);
    expect(r.out).not.toContain("WARNING: no nonce in response");
    expect(r.out).toContain("OCSP Nonce:");
    expect(r.out).toMatch(/CN ?= ?TEST Kamu SM NES OCSP Sunucusu/); // the delegated responder's certificate is included
  });
  it("revoked (via OCSP) with its revocation time; a CRL-only revocation is good over OCSP", async () => {
    const r = await ocspCli("nes-revoked-ocsp-before", "subroot");
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toMatch(/nes-revoked-ocsp-before\.pem: revoked[\s\S]*Revocation Time: Dec  1 00:00:00 2025 GMT/);
    const c = await ocspCli("nes-revoked-crl-before", "subroot");
    expect(c.out).toMatch(/nes-revoked-crl-before\.pem: good/);
    const h = await ocspCli("nes-on-hold", "subroot");
    expect(h.out).toMatch(/nes-on-hold\.pem: revoked[\s\S]*Reason: certificateHold/);
  });
  it("unknown for a serial the CA never issued; the CA-signed responder verifies too", async () => {
    const r = await run("openssl", [
      "ocsp",
      "-issuer",
      "certs/subroot.pem",
      "-serial",
      "0x7777777",
      "-url",
      `${base}/ocsp/subroot`,
      "-CAfile",
      "certs/root.pem",
    ]);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toMatch(/0x7777777: unknown/);
    const ca = await ocspCli("nes-ec", "subroot.ca-signed");
    expect(ca.out).toContain("Response verify OK");
    expect(ca.out).toMatch(/nes-ec\.pem: good/);
    const ec = await ocspCli("nes-ec-chain", "subroot-ec", "subroot-ec"); // an ECDSA CA signing its own responses
    expect(ec.out).toContain("Response verify OK");
    expect(ec.out).toMatch(/nes-ec-chain\.pem: good/);
    expect(ec.out).toContain("Signature Algorithm: ecdsa-with-SHA256");
    const sub = await ocspCli("subroot-revoked-ocsp-after", "root", "root");
    expect(sub.out).toMatch(/subroot-revoked-ocsp-after\.pem: revoked/);
  });
  it("several certificates in one request get one SingleResponse each", async () => {
    const r = await run("openssl", [
      "ocsp",
      "-issuer",
      "certs/subroot.pem",
      "-cert",
      "certs/nes-rsa.pem",
      "-cert",
      "certs/nes-revoked-ocsp-after.pem",
      "-url",
      `${base}/ocsp/subroot`,
      "-CAfile",
      "certs/root.pem",
    ]);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toMatch(/nes-rsa\.pem: good/);
    expect(r.out).toMatch(/nes-revoked-ocsp-after\.pem: revoked[\s\S]*Revocation Time: Mar  1 00:00:00 2026 GMT/);
  });
  it("the settable clock decides: before the revocation date the certificate is good", async () => {
    svc.clock.set(new Date("2025-11-01T00:00:00Z"));
    const r = await ocspCli("nes-revoked-ocsp-before", "subroot", "subroot", ["-validity_period", "100000000"]);
    expect(r.out).toMatch(/nes-revoked-ocsp-before\.pem: good/);
    expect(r.out).toContain("This Update: Nov  1 00:00:00 2025 GMT");
  });
  it("the GET form (base64 in the path) answers like POST", async () => {
    const req = encodeOcspRequest(certIdFor(svc.pki, "nes-rsa"));
    const res = await fetch(`${base}/ocsp/subroot/${encodeURIComponent(Buffer.from(req).toString("base64"))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/ocsp-response");
    const r = await run("openssl", [
      "ocsp",
      "-respin",
      put("get.der", await bytes(res)),
      "-issuer",
      "certs/subroot.pem",
      "-cert",
      "certs/nes-rsa.pem",
      "-CAfile",
      "certs/root.pem",
      "-no_nonce",
    ]);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toMatch(/nes-rsa\.pem: good/);
    // base64 with "/" left unescaped, and a broken percent-escape
    const raw = await fetch(`${base}/ocsp/subroot/${Buffer.from(req).toString("base64")}`);
    expect(
      Buffer.from(await bytes(raw)).equals(
        Buffer.from(await bytes(await post("/ocsp/subroot", "application/ocsp-request", req))),
      ),
    ).toBe(true);
    const broken = await fetch(`${base}/ocsp/subroot/%E0%A4%A`);
    expect(broken.status).toBe(400);
    expect(Buffer.from(await bytes(broken)).toString("hex")).toBe("30030a0101");
  });
  it("configured responder faults fail openssl's checks", async () => {
    expect((await ocspCli("nes-ocsp-expired", "subroot.expired")).out).toContain("status expired");
    expect((await ocspCli("nes-ocsp-forged", "subroot.forged")).out).toMatch(/Response Verify Failure/);
    expect((await ocspCli("nes-ocsp-wrong-cert", "subroot.wrong-cert")).out).toContain("No Status found");
    expect((await ocspCli("nes-ocsp-unauthorised", "subroot.unauthorised")).out).toMatch(/Response Verify Failure/);
    expect((await ocspCli("nes-ocsp-signer-expired", "subroot.signer-expired")).out).toMatch(
      /Response Verify Failure[\s\S]*certificate has expired/,
    );
    expect((await ocspCli("nes-ocsp-signer-forged", "subroot.signer-forged")).out).toMatch(
      /Response Verify Failure[\s\S]*certificate signature failure/,
    );
    // a revoked signer WITH ocsp-nocheck still verifies (the client may not check it); the revocation is in the CRL
    expect((await ocspCli("nes-ocsp-signer-revoked-nocheck", "subroot.signer-revoked-nocheck")).out).toContain(
      "Response verify OK",
    );
  });
});

describe("live CRL distribution", () => {
  it("serves DER CRLs that verify and list the revocations due at the clock time", async () => {
    const res = await fetch(`${base}/crl/subroot.crl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pkix-crl");
    put("live.crl", await bytes(res));
    const v = await run("openssl", [
      "crl",
      "-inform",
      "DER",
      "-in",
      "live.crl",
      "-CAfile",
      "certs/subroot.pem",
      "-verify",
      "-noout",
      "-text",
    ]);
    expect(v.out).toContain("verify OK");
    expect(v.out).toContain("Serial Number: 200A");
    expect(v.out).toContain("Serial Number: 200B"); // revoked after the signing time, but before "now"
    expect(v.out).not.toContain("Serial Number: 200C"); // OCSP-only revocation
    // before the revocation dates the CRL is empty of them
    svc.clock.set(new Date("2025-11-01T00:00:00Z"));
    put("early.crl", await bytes(await fetch(`${base}/crl/subroot.crl`)));
    const e = await run("openssl", ["crl", "-inform", "DER", "-in", "early.crl", "-noout", "-text"]);
    expect(e.out).toContain("No Revoked Certificates");
  });
  it("the faulty CRLs fail: forged signature and expired", async () => {
    put("forged.crl", await bytes(await fetch(`${base}/crl/subroot.forged.crl`)));
    expect(
      (
        await run("openssl", [
          "crl",
          "-inform",
          "DER",
          "-in",
          "forged.crl",
          "-CAfile",
          "certs/subroot.pem",
          "-verify",
          "-noout",
        ])
      ).out,
    ).toContain("verify failure");
    put("expired.crl", await bytes(await fetch(`${base}/crl/subroot.expired.crl`)));
    await run("openssl", ["crl", "-inform", "DER", "-in", "expired.crl", "-out", "expired.crl.pem"]);
    const chain = await run("openssl", [
      "verify",
      "-crl_check",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/subroot.pem",
      "-CRLfile",
      "expired.crl.pem",
      "certs/nes-crl-expired.pem",
    ]);
    expect(chain.out).toContain("CRL has expired");
  });
  it("AIA caIssuers serves the issuer certificate", async () => {
    const res = await fetch(`${base}/certs/subroot.cer`);
    expect(Buffer.from(await bytes(res)).equals(Buffer.from(svc.pki.get("subroot").certDer))).toBe(true);
  });
});

describe("live TSA (openssl ts as the client)", () => {
  const data = "imzalanacak belge\n";
  async function stamp(tsa: string, queryArgs: string[] = ["-sha256", "-cert"]) {
    put("doc.txt", data);
    await run("openssl", ["ts", "-query", "-data", "doc.txt", ...queryArgs, "-out", "q.tsq"]);
    const res = await post(`/tsa/${tsa}`, "application/timestamp-query", readFileSync(join(dir, "q.tsq")));
    expect(res.headers.get("content-type")).toBe("application/timestamp-reply");
    put(`${tsa}.tsr`, await bytes(res));
    return res;
  }
  const verify = (tsa: string, cert = "tsa") =>
    run("openssl", [
      "ts",
      "-verify",
      "-data",
      "doc.txt",
      "-in",
      `${tsa}.tsr`,
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      `certs/${cert}.pem`,
    ]);
  it("grants a token that openssl ts -verify accepts (nonce, ESS signingCertificateV2, clock time)", async () => {
    await stamp("tsa1");
    const v = await verify("tsa1");
    expect(v.out).toContain("Verification: OK");
    const text = await run("openssl", ["ts", "-reply", "-in", "tsa1.tsr", "-text"]);
    expect(text.out).toContain("Status: Granted.");
    expect(text.out).toContain(`Time stamp: ${realNow.toUTCString().slice(8, 11)}`);
    await stamp("tsa1-ec", ["-sha384", "-cert"]);
    expect((await verify("tsa1-ec", "tsa-ec")).out).toContain("Verification: OK");
  });
  it("wrong imprint and forged signature fail openssl ts -verify", async () => {
    await stamp("tsa-wrong-imprint");
    expect((await verify("tsa-wrong-imprint")).out).toContain("message imprint mismatch");
    await stamp("tsa-forged-signature");
    expect((await verify("tsa-forged-signature")).out).toMatch(/Verification: FAILED/);
  });
  it("an unsupported hash algorithm is a PKIStatus rejection (badAlg), not a crash", async () => {
    const res = await stamp("tsa1", ["-md5"]);
    expect(res.status).toBe(200);
    const text = await run("openssl", ["ts", "-reply", "-in", "tsa1.tsr", "-text"]);
    expect(text.out).toContain("Status: Rejected.");
    expect(text.out).toContain("unrecognized or unsupported algorithm identifier");
  });
});

describe("fault injection, observed by real clients", () => {
  it("down: 503 for fetch, an error for openssl ocsp", async () => {
    svc.setFault("ocsp", { fault: "down" });
    expect(
      (await post("/ocsp/subroot", "application/ocsp-request", encodeOcspRequest(certIdFor(svc.pki, "nes-rsa"))))
        .status,
    ).toBe(503);
    const r = await ocspCli("nes-rsa", "subroot");
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/503|Error querying OCSP responder/);
  });
  it("close: the connection drops without an answer", async () => {
    svc.setFault("crl/subroot", { fault: "close" });
    await expect(fetch(`${base}/crl/subroot.crl`)).rejects.toThrow();
    expect((await fetch(`${base}/crl/root.crl`)).status).toBe(200); // only that CRL is affected
  });
  it("slow: the answer comes after the delay and is still correct", async () => {
    svc.setFault("tsa", { fault: "slow", delayMs: 300 });
    const t0 = performance.now();
    const res = await post(
      "/tsa/tsa1",
      "application/timestamp-query",
      encodeTsRequest({ hash: "SHA-256", imprint: createHash("sha256").update("x").digest() }),
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290); // a functional check of the fault, not a speed claim
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await bytes(res))
        .subarray(0, 10)
        .toString("hex"),
    ).toMatch(/^30.{2,6}3003020100/);
  });
  it("malformed: garbage bodies that openssl cannot parse", async () => {
    svc.setFault("*", { fault: "malformed" });
    expect((await ocspCli("nes-rsa", "subroot")).out).toMatch(/Error reading OCSP response|error/i);
    put("m.crl", await bytes(await fetch(`${base}/crl/subroot.crl`)));
    expect((await run("openssl", ["crl", "-inform", "DER", "-in", "m.crl", "-noout"])).code).not.toBe(0);
  });
  it("stale: CRL and OCSP answers whose nextUpdate has passed", async () => {
    svc.setFault("ocsp", { fault: "stale" });
    expect((await ocspCli("nes-rsa", "subroot")).out).toContain("status expired");
    svc.setFault("crl", { fault: "stale" });
    put("stale.crl", await bytes(await fetch(`${base}/crl/subroot.crl`)));
    await run("openssl", ["crl", "-inform", "DER", "-in", "stale.crl", "-out", "stale.crl.pem"]);
    const chain = await run("openssl", [
      "verify",
      "-crl_check",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/subroot.pem",
      "-CRLfile",
      "stale.crl.pem",
      "certs/nes-rsa.pem",
    ]);
    expect(chain.out).toContain("CRL has expired");
  });
  it("stale at a given time: the answers were issued then (thisUpdate), and list only what was revoked by then", async () => {
    const issuedAt = new Date("2026-01-10T09:00:00Z");
    svc.setFault("crl", { fault: "stale", issuedAt });
    put("old.crl", await bytes(await fetch(`${base}/crl/subroot.crl`)));
    const crl = await run("openssl", ["crl", "-inform", "DER", "-in", "old.crl", "-noout", "-lastupdate"]);
    expect(crl.out).toContain("lastUpdate=Jan 10 09:00:00 2026 GMT");
    svc.setFault("ocsp", { fault: "stale", issuedAt });
    expect((await ocspCli("nes-rsa", "subroot")).out).toContain("This Update: Jan 10 09:00:00 2026 GMT");
  });
  it("slow: answers the client gave up on are not counted as sent; those it waited for are", async () => {
    svc.setFault("crl", { fault: "slow", delayMs: 400 });
    const before = svc.slowAnswersSent;
    await expect(fetch(`${base}/crl/subroot.crl`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(svc.slowAnswersSent).toBe(before);
    expect((await fetch(`${base}/crl/subroot.crl`)).status).toBe(200);
    expect(svc.slowAnswersSent).toBe(before + 1);
  });
  it("wrongly signed: OCSP, CRL and TSA answers fail verification", async () => {
    svc.setFault("*", { fault: "wrongly-signed" });
    expect((await ocspCli("nes-rsa", "subroot")).out).toMatch(/Response Verify Failure/);
    put("ws.crl", await bytes(await fetch(`${base}/crl/subroot.crl`)));
    expect(
      (
        await run("openssl", [
          "crl",
          "-inform",
          "DER",
          "-in",
          "ws.crl",
          "-CAfile",
          "certs/subroot.pem",
          "-verify",
          "-noout",
        ])
      ).out,
    ).toContain("verify failure");
    put("doc.txt", "x");
    await run("openssl", ["ts", "-query", "-data", "doc.txt", "-sha256", "-cert", "-out", "ws.tsq"]);
    put(
      "ws.tsr",
      await bytes(await post("/tsa/tsa1", "application/timestamp-query", readFileSync(join(dir, "ws.tsq")))),
    );
    expect(
      (
        await run("openssl", [
          "ts",
          "-verify",
          "-data",
          "doc.txt",
          "-in",
          "ws.tsr",
          "-CAfile",
          "certs/root.pem",
          "-untrusted",
          "certs/tsa.pem",
        ])
      ).out,
    ).toContain("Verification: FAILED");
  });
  it("TSA faults wrong-imprint and other-tsa: openssl ts -verify refuses what it verified without them", async () => {
    put("tsdoc.txt", "belge");
    await run("openssl", ["ts", "-query", "-data", "tsdoc.txt", "-sha256", "-cert", "-out", "f.tsq"]);
    const verify = async (name: string) => {
      put(name, await bytes(await post("/tsa/tsa1", "application/timestamp-query", readFileSync(join(dir, "f.tsq")))));
      const v = await run("openssl", ["ts", "-verify", "-data", "tsdoc.txt", "-in", name, "-CAfile", "certs/root.pem"]);
      return v.out;
    };
    expect(await verify("ok.tsr")).toContain("Verification: OK");
    svc.setFault("tsa", { fault: "wrong-imprint" });
    expect(await verify("wi.tsr")).toMatch(/Verification: FAILED[\s\S]*message imprint mismatch/);
    svc.setFault("tsa", { fault: "other-tsa", tsa: "tsa-forged-root" });
    expect(await verify("ot.tsr")).toMatch(
      /Verification: FAILED[\s\S]*(unable to get local issuer|certificate verify)/i,
    );
    const admin = await fetch(`${base}/_admin/fault`, {
      method: "POST",
      body: JSON.stringify({ target: "tsa", fault: "other-tsa" }),
    });
    expect(admin.status).toBe(400);
    expect(await admin.text()).toMatch(/other-tsa needs tsa: one of tsa1/);
  });
  it("the admin endpoint sets faults (with a count) and the clock at run time", async () => {
    const admin = (path: string, body: unknown) =>
      fetch(`${base}/_admin/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await admin("fault", { target: "crl/root", fault: "down", count: 2 })).status).toBe(200);
    expect((await fetch(`${base}/crl/root.crl`)).status).toBe(503);
    expect((await fetch(`${base}/crl/root.crl`)).status).toBe(503);
    expect((await fetch(`${base}/crl/root.crl`)).status).toBe(200); // cleared after two requests
    expect((await admin("fault", { target: "x", fault: "explode" })).status).toBe(400);
    expect((await admin("clock", { set: "2027-02-03T04:05:06Z" })).status).toBe(200);
    const state = await (await fetch(`${base}/_admin/state`)).json();
    expect(state.now).toBe("2027-02-03T04:05:06.000Z");
    await admin("clock", { advanceMs: 60_000 });
    put("adv.crl", await bytes(await fetch(`${base}/crl/root.crl`)));
    expect((await run("openssl", ["crl", "-inform", "DER", "-in", "adv.crl", "-noout", "-lastupdate"])).out).toContain(
      "lastUpdate=Feb  3 04:06:06 2027 GMT",
    );
  });
});

describe("bad input gets proper error responses", () => {
  const ocspReq = () => encodeOcspRequest(certIdFor(svc.pki, "nes-rsa"), randomBytes(8));
  const MALFORMED = "30030a0101";
  it("OCSP: garbage, truncated DER, wrong content type, huge body", async () => {
    const hex = async (r: Response) => Buffer.from(await bytes(r)).toString("hex");
    const g = await post("/ocsp/subroot", "application/ocsp-request", new TextEncoder().encode("merhaba"));
    expect(g.status).toBe(200);
    expect(await hex(g)).toBe(MALFORMED);
    const full = ocspReq();
    expect(await hex(await post("/ocsp/subroot", "application/ocsp-request", full.subarray(0, full.length - 5)))).toBe(
      MALFORMED,
    );
    const ct = await post("/ocsp/subroot", "text/plain", full);
    expect(ct.status).toBe(415);
    expect(await hex(ct)).toBe(MALFORMED);
    const huge = await post("/ocsp/subroot", "application/ocsp-request", new Uint8Array(2 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(await hex(huge)).toBe(MALFORMED);
    put("mal.der", Buffer.from(MALFORMED, "hex"));
    expect((await run("openssl", ["ocsp", "-respin", "mal.der", "-resp_text", "-noverify"])).out).toContain(
      "malformedrequest",
    );
    // a foreign issuer is "unauthorized"
    const foreign = encodeOcspRequest(certIdFor(svc.pki, "nes-unknown-root"));
    expect(await hex(await post("/ocsp/subroot", "application/ocsp-request", foreign))).toBe("30030a0106");
  });
  it("TSA: garbage, truncated DER, wrong content type, huge body, wrong imprint length", async () => {
    const status = async (r: Response) => {
      put("rej.tsr", await bytes(r));
      return (await run("openssl", ["ts", "-reply", "-in", "rej.tsr", "-text"])).out;
    };
    expect(
      await status(await post("/tsa/tsa1", "application/timestamp-query", new TextEncoder().encode("merhaba"))),
    ).toMatch(/Status: Rejected\.[\s\S]*the data submitted has the wrong format/);
    const good = encodeTsRequest({ hash: "SHA-256", imprint: new Uint8Array(32) });
    expect(await status(await post("/tsa/tsa1", "application/timestamp-query", good.subarray(0, 20)))).toContain(
      "Status: Rejected.",
    );
    const ct = await post("/tsa/tsa1", "application/json", good);
    expect(ct.status).toBe(415);
    expect(await status(ct)).toContain("Status: Rejected.");
    const huge = await post("/tsa/tsa1", "application/timestamp-query", new Uint8Array(1024 * 1024));
    expect(huge.status).toBe(413);
    expect(
      await status(
        await post(
          "/tsa/tsa1",
          "application/timestamp-query",
          encodeTsRequest({ hash: "SHA-256", imprint: new Uint8Array(20) }),
        ),
      ),
    ).toContain("Status: Rejected.");
  });
  it("mutated and truncated requests (fast-check) always get a well-formed OCSP / TSA answer, never a 500", async () => {
    const ocspOk = encodeOcspRequest(certIdFor(svc.pki, "nes-rsa"), Uint8Array.of(9, 9, 9, 9));
    const tsOk = encodeTsRequest({
      hash: "SHA-256",
      imprint: new Uint8Array(32).fill(7),
      nonce: Uint8Array.of(1, 2),
      certReq: true,
    });
    const mutate = (src: Uint8Array) =>
      fc
        .tuple(
          fc.array(fc.tuple(fc.nat(src.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.nat(src.length),
        )
        .map(([edits, cut]) => {
          const b = Uint8Array.from(src);
          for (const [i, v] of edits) b[i] = v;
          return b.subarray(0, Math.max(1, cut));
        });
    await fc.assert(
      fc.asyncProperty(mutate(ocspOk), async (body) => {
        const r = await post("/ocsp/subroot", "application/ocsp-request", body);
        const b = Buffer.from(await bytes(r));
        // OCSPResponse: SEQUENCE { ENUMERATED status, ... } with a status RFC 6960 defines
        const parts = children(parseDer(b));
        return (
          r.status === 200 &&
          parts[0]!.tag === 0x0a &&
          b[parts[0]!.contentStart]! <= 6 &&
          (b[parts[0]!.contentStart] === 0) === (parts.length === 2)
        );
      }),
      { numRuns: 150, seed: 3161 },
    );
    await fc.assert(
      fc.asyncProperty(mutate(tsOk), async (body) => {
        const r = await post("/tsa/tsa1", "application/timestamp-query", body);
        const b = Buffer.from(await bytes(r));
        // TimeStampResp: SEQUENCE { PKIStatusInfo SEQUENCE { INTEGER status 0 or 2 ...
        const statusInfo = children(children(parseDer(b))[0]!);
        return (
          r.status === 200 &&
          ["0", "2"].includes(readIntHex(statusInfo[0]!)) &&
          (readIntHex(statusInfo[0]!) === "2") === (children(parseDer(b)).length === 1)
        );
      }),
      { numRuns: 150, seed: 3161 },
    );
  });
  it("unknown paths are 404 and the server is still up afterwards", async () => {
    expect((await fetch(`${base}/ocsp/nope`, { method: "POST", body: "x" })).status).toBe(404);
    expect((await fetch(`${base}/crl/nope.crl`)).status).toBe(404);
    expect((await fetch(`${base}/etc/passwd`)).status).toBe(404);
    expect((await ocspCli("nes-rsa", "subroot")).out).toContain("Response verify OK");
  });
});

describe("bounded load on loopback: 1,000 concurrent requests per service, all answered correctly", () => {
  const N = 1000;
  it("CRL, OCSP and TSA", async () => {
    const crl = await Promise.all(
      Array.from({ length: N }, () =>
        fetch(`${base}/crl/subroot.crl`).then(async (r) => r.status === 200 && (await bytes(r))[0] === 0x30),
      ),
    );
    expect(crl.filter((ok) => !ok).length).toBe(0);
    const certId = certIdFor(svc.pki, "nes-rsa");
    const ocsp = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const nonce = Buffer.from(i.toString(16).padStart(8, "0"), "hex");
        const r = await post("/ocsp/subroot", "application/ocsp-request", encodeOcspRequest(certId, nonce));
        const body = Buffer.from(await bytes(r));
        // successful (0a 01 00) and our nonce echoed
        return r.status === 200 && body.subarray(0, 12).toString("hex").includes("0a0100") && body.includes(nonce);
      }),
    );
    expect(ocsp.filter((ok) => !ok).length).toBe(0);
    const tsa = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const imprint = createHash("sha256").update(String(i)).digest();
        const r = await post(
          "/tsa/tsa1",
          "application/timestamp-query",
          encodeTsRequest({ hash: "SHA-256", imprint, nonce: Uint8Array.of(1, i & 0xff) }),
        );
        const body = Buffer.from(await bytes(r));
        return (
          r.status === 200 && body.subarray(0, 10).toString("hex").includes("3003020100") && body.includes(imprint)
        );
      }),
    );
    expect(tsa.filter((ok) => !ok).length).toBe(0);
  }, 120_000);
});
