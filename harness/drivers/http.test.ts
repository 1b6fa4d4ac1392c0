// test-kind: integration
// The http driver against the reference application's server API (examples/apps/ornek-imzaci/http-face.ts),
// started by the profile's command with a fresh virtual card and the campaign PKI live: it signs CAdES and PAdES
// through prepare → the card (PKCS#11 on the interposed module) → finalize, and the signatures are TOTAL-PASSED
// by uyum's validator with live services; a wrong PIN stops at the card; the verify endpoint's verdicts agree
// with the expected ones on valid, tampered, revoked, expired, untrusted and malformed vectors, and the flawed
// verifier that calls revoked signatures valid disagrees exactly on the revoked ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import { authorisations, readTrace, signatures } from "../card/index.ts";
import { agrees, verifyVectors } from "../sessions/verify-vectors.ts";
import type { VerifyVectorsEvidence } from "../sessions/catalogue.ts";
import {
  HTTP_PROFILE,
  HTTP_WHOLE_PROFILE,
  openHttpReferenceApp,
  type OpenedHttpApp,
} from "../testing/drivers/http-app.ts";
import { verifierContext } from "../testing/sessions/verifier.ts";

const PIN = "48152637";
const SUBSET = new Set([
  // valid: attached, detached, PAdES
  "cades-bes-attached",
  "cades-t-detached",
  "pades-b-b",
  // tampered
  "kamusm-05-cades-bes-attached",
  "kamusm-05-pades-b-b-enveloped",
  // revoked
  "kamusm-16-1-cades-t-attached",
  "kamusm-16-1-cades-bes-attached",
  "kamusm-16-1-pades-b-t-enveloped",
  // expired, untrusted root, malformed
  "kamusm-14-cades-t-attached",
  "cades-bes-unknown-root",
  "cades-malformed-truncate",
  // a level the profile does not declare
  "pades-b-lt",
]);
const only = (s: { id: string }) => SUBSET.has(s.id);
const docText = "T.C. Örnek Kurum\nSayı: E-4242\nKonu: http sürücüsü denemesi\n";

async function verifyOn(opened: OpenedHttpApp): Promise<VerifyVectorsEvidence> {
  const ctx = verifierContext(HTTP_PROFILE, { face: { driver: "http", verifying: opened.app.verifying! } });
  return verifyVectors(ctx, { only });
}

describe("the http driver on the reference application's server API", () => {
  let opened: OpenedHttpApp;
  beforeAll(async () => {
    opened = await openHttpReferenceApp({ pin: PIN });
  }, 180_000);
  afterAll(async () => opened?.close());

  it.each([
    ["CAdES", "BES"],
    ["PAdES", "B-B"],
  ] as const)(
    "signs %s %s: prepare → the card signs → finalize; TOTAL-PASSED with live services; exchanges kept short, no PIN",
    async (format, level) => {
      const before = signatures(readTrace(opened.card.dir)).length;
      const a = await opened.app.signing!.sign({ format, level }, new TextEncoder().encode(docText), `http-${level}`);
      expect(a.run.stderr).toBe("");
      expect(a.run.exitCode).toBe(0);
      expect(a.output).toBeDefined();
      expect(a.outputExt).toBe(format === "PAdES" ? "pdf" : "p7s");
      if (format === "PAdES") expect(Buffer.from(a.document.subarray(0, 5)).toString()).toBe("%PDF-");
      const r = await validateBytes(`http-${level}`, a.output!, {
        anchors: pemOrDer(new TextEncoder().encode(opened.rootPem)).map(parseCert),
        detachedContent: a.document,
        fetch: true,
        fetchTimeoutMs: 5000,
      });
      expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.result !== "passed"))).toBe(
        "TOTAL-PASSED",
      );
      expect(r.signatures[0]!.level).toContain(level);
      // one signature value made by the card, through the interposer
      expect(signatures(readTrace(opened.card.dir)).length).toBe(before + 1);
      // the exchanges: both steps with their status, the document and signature as length + hash, never the PIN
      expect(a.run.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/prepare → 200/);
      expect(a.run.stdout).toMatch(/card: nes-rsa signed \d+ bytes \(SHA-256\)/);
      expect(a.run.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/finalize → 200/);
      expect(a.run.stdout).toMatch(/"signature":"<\d+ chars, sha256 [0-9a-f]{64}>"/);
      expect(a.run.stdout).not.toContain(Buffer.from(a.output!).toString("base64").slice(0, 400));
      expect(a.run.stdout + a.run.stderr).not.toContain(PIN);
    },
    60_000,
  );

  it("signs with the key asked for (an ECDSA key), its certificate read from the card", async () => {
    const a = await opened.app.signing!.sign(
      { format: "CAdES", level: "BES" },
      new TextEncoder().encode(docText),
      "ec",
      {
        key: "nes-ec",
      },
    );
    expect(a.run.stderr).toBe("");
    const r = await validateBytes("ec", a.output!, {
      anchors: pemOrDer(new TextEncoder().encode(opened.rootPem)).map(parseCert),
      fetch: true,
      fetchTimeoutMs: 5000,
    });
    expect(r.indication).toBe("TOTAL-PASSED");
    expect(a.run.stdout).toMatch(/card: certificate nes-ec read/);
  }, 60_000);

  it("a wrong PIN: the card refuses the login, nothing goes to finalize, said by its CKR code, never the PIN", async () => {
    const a = await opened.app.signing!.sign(
      { format: "CAdES", level: "BES" },
      new TextEncoder().encode(docText),
      "w",
      {
        pin: "wrong",
      },
    );
    expect(a.output).toBeUndefined();
    expect(a.run.exitCode).not.toBe(0);
    expect(a.run.stderr).toMatch(/CKR_PIN_INCORRECT/);
    expect(a.run.stdout).toMatch(/\/api\/v1\/prepare → 200/);
    expect(a.run.stdout).not.toMatch(/finalize/);
    expect(a.run.stdout + a.run.stderr).not.toContain(PIN);
  }, 60_000);

  it("its verify endpoint agrees with the expected verdict on every declared vector; the undeclared level is not given", async () => {
    expect(opened.app.verifying!.tellsTime).toBe(true);
    const e = await verifyOn(opened);
    expect(e.notDeclared.map((n) => n.vector)).toEqual(["pades-b-lt"]);
    expect(e.rows).toHaveLength(SUBSET.size - 1);
    const wrong = e.rows
      .filter((r) => !agrees(r))
      .map(
        (r) => `${r.vector}: expected ${r.expected.indication}, app ${r.app.verdict} (${r.app.ended ?? r.app.text})`,
      );
    expect(wrong).toEqual([]);
    const byVector = new Map(e.rows.map((r) => [r.vector, r]));
    expect(byVector.get("cades-bes-attached")!.app.verdict).toBe("valid");
    expect(byVector.get("kamusm-05-cades-bes-attached")!.app.verdict).toBe("invalid");
    expect(byVector.get("kamusm-16-1-cades-t-attached")!.app.verdict).toBe("invalid");
  }, 300_000);
});

describe("the http driver on the flawed verifier that calls revoked signatures valid", () => {
  let opened: OpenedHttpApp;
  beforeAll(async () => {
    opened = await openHttpReferenceApp({ flaw: "verify-revoked-valid" });
  }, 180_000);
  afterAll(async () => opened?.close());

  it("disagrees exactly on the revoked vectors, calling them valid", async () => {
    const e = await verifyOn(opened);
    const revoked = e.rows.filter((r) => /REVOKED/.test(r.expected.subIndication ?? "")).map((r) => r.vector);
    expect(revoked.sort()).toEqual([
      "kamusm-16-1-cades-bes-attached",
      "kamusm-16-1-cades-t-attached",
      "kamusm-16-1-pades-b-t-enveloped",
    ]);
    expect(
      e.rows
        .filter((r) => !agrees(r))
        .map((r) => r.vector)
        .sort(),
    ).toEqual(revoked);
    for (const r of e.rows.filter((x) => revoked.includes(x.vector))) expect(r.app.verdict, r.vector).toBe("valid");
  }, 300_000);
});

describe("the http driver's whole-document flow: a signing server that holds the card (ornek-imzaci-http-whole.yaml)", () => {
  let opened: OpenedHttpApp;
  beforeAll(async () => {
    opened = await openHttpReferenceApp({ pin: PIN, profile: HTTP_WHOLE_PROFILE });
  }, 180_000);
  afterAll(async () => opened?.close());

  it.each([
    ["CAdES", "BES"],
    ["PAdES", "B-B"],
  ] as const)(
    "signs %s %s in one request: the server logs in to its card and signs; TOTAL-PASSED; the PIN masked in the exchange",
    async (format, level) => {
      const trace = () => readTrace(opened.card.dir);
      const sigsBefore = signatures(trace()).length;
      const a = await opened.app.signing!.sign({ format, level }, new TextEncoder().encode(docText), `whole-${level}`);
      expect(a.run.stderr).toBe("");
      expect(a.output).toBeDefined();
      const r = await validateBytes(`whole-${level}`, a.output!, {
        anchors: pemOrDer(new TextEncoder().encode(opened.rootPem)).map(parseCert),
        detachedContent: a.document,
        fetch: true,
        fetchTimeoutMs: 5000,
      });
      expect(r.indication, JSON.stringify(r.signatures[0]?.checks.filter((c) => c.result !== "passed"))).toBe(
        "TOTAL-PASSED",
      );
      // the server, not uyum, logged in and signed: one signature value more in the card's trace, under a login of
      // the server's own process, made for it
      expect(signatures(trace()).length).toBe(sigsBefore + 1);
      const last = authorisations(trace()).at(-1)!;
      expect(last.login?.pid).toBe(last.signature.pid);
      expect(last.signature.pid).not.toBe(process.pid);
      expect(last.signaturesSinceLogin).toBe(0);
      expect(a.run.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/sign → 200/);
      expect(a.run.stdout).not.toMatch(/prepare|finalize|uyum \(local signer\)/);
      expect(a.run.stdout).toContain('"pin":"•••• (PIN)"');
      expect(a.run.stdout + a.run.stderr).not.toContain(PIN);
    },
    60_000,
  );

  it("a wrong PIN: the server's refusal in its words (403 PIN_INCORRECT), no signature, never the PIN", async () => {
    const a = await opened.app.signing!.sign(
      { format: "CAdES", level: "BES" },
      new TextEncoder().encode(docText),
      "whole-wrong",
      { pin: "wrong" },
    );
    expect(a.output).toBeUndefined();
    expect(a.run.exitCode).not.toBe(0);
    expect(a.run.stderr).toMatch(/sign answered 403 PIN_INCORRECT: wrong PIN \/ PIN hatalı/);
    expect(a.run.stdout + a.run.stderr).not.toContain(PIN);
  }, 60_000);
});
