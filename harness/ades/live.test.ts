// Live revocation: the validator fetches CRL/OCSP from the certificates' 127.0.0.1 URLs (the test PKI's own
// services on a free port), and a hanging or broken service gives TRY_LATER in bounded time, not a hang.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PKI_CONFIG, loadPkiConfig, SettableClock, startPkiServices } from "../pki/index.ts";
import { createCades, encodeCades } from "../sign/cades.ts";
import { validateBytes } from "./index.ts";
import type { ValidationResult } from "./report.ts";
import { SIGNING_TIME, signerOf } from "../testing/ades/fixture.ts";
import { parseCert } from "./x509.ts";

describe("live CRL/OCSP from the PKI services", async () => {
  const at = new Date("2026-06-01T12:00:00Z");
  const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), {
    clock: new SettableClock(at),
    maxDelayMs: 5000,
  });
  afterAll(() => services.stop());
  const pki = services.pki;
  const sign = (label: string) =>
    encodeCades(
      createCades(signerOf(pki, label), {
        content: new TextEncoder().encode("canlı"),
        signingTime: SIGNING_TIME,
        certificates: [pki.get(label).certDer, pki.get("subroot").certDer],
        crls: [],
      }),
    );
  const opts = { anchors: [parseCert(pki.get("root").certDer)], at, fetch: true, fetchTimeoutMs: 800 };

  it("a BES without embedded revocation data validates from the live services", async () => {
    const before = services.counts.crl + services.counts.ocsp;
    const r = await validateBytes("live", sign("nes-rsa"), opts);
    expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(r.indication).toBe("TOTAL-PASSED");
    expect(services.counts.crl + services.counts.ocsp).toBeGreaterThan(before);
  });
  it("a signer the live CRL/OCSP says is revoked is not passed", async () => {
    const r = await validateBytes("live", sign("nes-revoked-crl-before"), opts);
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "REVOKED_NO_POE"]);
  });
  it("hanging services (slow beyond the timeout) give TRY_LATER, not a hang", async () => {
    services.setFault("*", { fault: "slow", delayMs: 4000 });
    try {
      const r = await validateBytes("live", sign("nes-rsa"), opts);
      expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
    } finally {
      services.clearFaults();
    }
  });
  it("garbage from the services is ignored as unusable data: TRY_LATER", async () => {
    services.setFault("*", { fault: "malformed" });
    try {
      const r = await validateBytes("live", sign("nes-rsa"), opts);
      expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
    } finally {
      services.clearFaults();
    }
  });
});

describe("validation time without --at, against a ticking service", async () => {
  // The services' clock ticks with real time from a fixed start; the validator reads "now" from the same clock, so
  // the test depends on neither the date nor the machine's clock, only on time passing during the fetch.
  const clock = new SettableClock(new Date("2026-06-01T12:00:00Z"), true);
  const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), { clock, maxDelayMs: 5000 });
  afterAll(() => services.stop());
  const pki = services.pki;

  it("a CRL/OCSP response issued during the fetch is not from the future: no TRY_LATER", async () => {
    const p7s = encodeCades(
      createCades(signerOf(pki, "nes-rsa"), {
        content: new TextEncoder().encode("saat"),
        signingTime: SIGNING_TIME,
        certificates: [pki.get("nes-rsa").certDer, pki.get("subroot").certDer],
        crls: [],
      }),
    );
    // Each answer takes 1.2 s, so it is issued (thisUpdate/producedAt) a second or more after validation began.
    services.setFault("*", { fault: "slow", delayMs: 1200 });
    try {
      const r = await validateBytes("tick.p7s", p7s, {
        anchors: [parseCert(pki.get("root").certDer)],
        now: () => clock.now(),
        fetch: true,
        fetchTimeoutMs: 4000,
      });
      expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
      expect(r.indication).toBe("TOTAL-PASSED");
      expect(new Date(r.validationTime).getTime()).toBeGreaterThan(new Date("2026-06-01T12:00:01Z").getTime());
    } finally {
      services.clearFaults();
    }
  });
});

describe("live issuers (AIA caIssuers) and named fetch failures", async () => {
  const at = new Date("2026-06-01T12:00:00Z");
  const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), {
    clock: new SettableClock(at),
    maxDelayMs: 5000,
  });
  afterAll(() => services.stop());
  const pki = services.pki;
  const dir = mkdtempSync(join(tmpdir(), "uyum-ades-aia-"));
  // openssl cms puts only the signer's certificate in the signature: the sub-CA must come from caIssuers.
  const e = pki.get("nes-rsa");
  writeFileSync(join(dir, "signer.pem"), e.certPem);
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(e.privateKeyPkcs8Der).toString("base64")}\n-----END PRIVATE KEY-----\n`;
  writeFileSync(join(dir, "signer.key"), keyPem, { mode: 0o600 });
  writeFileSync(join(dir, "doc.txt"), "belge");
  execFileSync("openssl", [
    "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-md", "sha256",
    "-signer", join(dir, "signer.pem"), "-inkey", join(dir, "signer.key"),
    "-in", join(dir, "doc.txt"), "-out", join(dir, "s.p7s"),
  ]); // prettier-ignore
  const p7s = readFileSync(join(dir, "s.p7s"));
  const opts = { anchors: [parseCert(pki.get("root").certDer)], at, fetchTimeoutMs: 1500 };
  const check = (r: ValidationResult, id: string) => r.signatures[0]?.checks.find((c) => c.id === id);

  it("openssl cms output (signer certificate only) builds its chain from AIA caIssuers", async () => {
    const offline = await validateBytes("s.p7s", p7s, { ...opts, fetch: false });
    expect(check(offline, "chain")?.subIndication).toBe("NO_CERTIFICATE_CHAIN_FOUND");
    const before = services.counts.certs;
    const live = await validateBytes("s.p7s", p7s, { ...opts, fetch: true });
    expect(check(live, "chain")?.result).toBe("passed");
    expect(check(live, "revocation")?.result).toBe("passed");
    expect(services.counts.certs).toBeGreaterThan(before);
  });

  it("when live revocation fails, the reason names the URL and the failure", async () => {
    services.setFault("*", { fault: "down" });
    try {
      const r = await validateBytes("live", p7s, {
        ...opts,
        extraCerts: [parseCert(pki.get("subroot").certDer)],
        fetch: true,
      });
      const rc = check(r, "revocation");
      expect(rc?.subIndication).toBe("TRY_LATER");
      expect(rc?.reason.en).toMatch(/live (CRL|OCSP) http:\/\/127\.0\.0\.1:\d+\/\S+: HTTP 503/);
    } finally {
      services.clearFaults();
    }
  });
});
