import { describe, expect, it } from "vitest";
import { validateBytes } from "./index.ts";
import { anchor, cades, crls, testPki, VALIDATION_TIME, SIGNING_TIME } from "../testing/ades/fixture.ts";

const opts = async () => ({ anchors: [anchor(await testPki())], at: VALIDATION_TIME });

describe("CAdES validation", () => {
  it("a good CAdES-BES with its chain and CRLs is TOTAL-PASSED, level BES, profile P1", async () => {
    const pki = await testPki();
    const r = await validateBytes("bes.p7s", cades(pki), await opts());
    expect(r.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(r.indication).toBe("TOTAL-PASSED");
    expect(r.format).toBe("CAdES");
    expect(r.level).toBe("BES");
    expect(r.profile).toBe("P1");
    expect(r.signer?.subject).toContain("Ayşe Yılmaz");
  });
  it("a corrupted message digest is TOTAL-FAILED / HASH_FAILURE", async () => {
    const r = await validateBytes("x", cades(await testPki(), { fault: { messageDigest: true } }), await opts());
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
  it("a corrupted signature value is TOTAL-FAILED / SIG_CRYPTO_FAILURE", async () => {
    const r = await validateBytes("x", cades(await testPki(), { fault: { signatureValue: true } }), await opts());
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "SIG_CRYPTO_FAILURE"]);
  });
  it("a wrong ESS signing-certificate hash is INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND", async () => {
    const r = await validateBytes("x", cades(await testPki(), { fault: { essCertHash: true } }), await opts());
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "NO_SIGNING_CERTIFICATE_FOUND"]);
  });
  it("no trust anchor that fits: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND", async () => {
    const pki = await testPki();
    const { parseCert } = await import("./x509.ts");
    const r = await validateBytes("x", cades(pki), {
      anchors: [parseCert(pki.get("tsa").certDer)],
      at: VALIDATION_TIME,
    });
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND"]);
  });
  it("revoked: REVOKED_NO_POE without a time-stamp, REVOKED before a time-stamp, TOTAL-PASSED when revoked after it", async () => {
    const pki = await testPki();
    const before = crls(pki, [{ label: "nes-rsa", date: new Date("2026-01-10T00:00:00Z") }]);
    const r1 = await validateBytes("x", cades(pki, { crls: before }), await opts());
    // Without a time-stamp nothing proves the signature predates the revocation (EN 319 102-1: REVOKED_NO_POE).
    expect([r1.indication, r1.subIndication]).toEqual(["INDETERMINATE", "REVOKED_NO_POE"]);
    const r1t = await validateBytes(
      "x",
      cades(pki, { crls: before, tsAt: new Date(SIGNING_TIME.getTime() + 60_000) }),
      await opts(),
    );
    expect([r1t.indication, r1t.subIndication]).toEqual(["TOTAL-FAILED", "REVOKED"]);
    const after = crls(pki, [{ label: "nes-rsa", date: new Date("2026-02-01T00:00:00Z") }]);
    const r2 = await validateBytes("x", cades(pki, { crls: after }), await opts());
    expect([r2.indication, r2.subIndication]).toEqual(["INDETERMINATE", "REVOKED_NO_POE"]);
    const r3 = await validateBytes(
      "x",
      cades(pki, { crls: after, tsAt: new Date(SIGNING_TIME.getTime() + 60_000) }),
      await opts(),
    );
    expect(r3.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect([r3.indication, r3.level]).toEqual(["TOTAL-PASSED", "T"]);
  });
  it("P2 grace period: a P2 ES-T validated 1 hour after its time-stamp is TRY_LATER, after 1 day it passes", async () => {
    const pki = await testPki();
    const { turkishPolicy } = await import("../sign/common.ts");
    const ts = new Date(SIGNING_TIME.getTime() + 60_000);
    const sig = cades(pki, { policy: turkishPolicy("P2"), tsAt: ts });
    const early = await validateBytes("p2", sig, { anchors: [anchor(pki)], at: new Date(ts.getTime() + 3600_000) });
    expect([early.profile, early.level, early.indication, early.subIndication]).toEqual([
      "P2",
      "T",
      "INDETERMINATE",
      "TRY_LATER",
    ]);
    expect(early.checks.find((c) => c.id === "grace-period")?.result).toBe("indeterminate");
    const late = await validateBytes("p2", sig, await opts());
    expect(late.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect(late.indication).toBe("TOTAL-PASSED");
  });
  it("without any CRL the revocation status is unknown: INDETERMINATE / TRY_LATER", async () => {
    const r = await validateBytes("x", cades(await testPki(), { crls: [] }), await opts());
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
  });
  it("a PEM-wrapped CMS (-----BEGIN CMS-----) is read as its DER", async () => {
    const der = cades(await testPki());
    const pem = `-----BEGIN CMS-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CMS-----\n`;
    const r = await validateBytes("x.pem", new TextEncoder().encode(pem), await opts());
    expect([r.format, r.indication]).toEqual(["CAdES", "TOTAL-PASSED"]);
  });
  it("a detached CAdES: without its document SIGNED_DATA_NOT_FOUND, with it TOTAL-PASSED, with another document HASH_FAILURE", async () => {
    const pki = await testPki();
    const doc = new TextEncoder().encode("ayrık belge");
    const sig = cades(pki, { content: doc, detached: true });
    const none = await validateBytes("d.p7s", sig, await opts());
    expect([none.indication, none.subIndication]).toEqual(["INDETERMINATE", "SIGNED_DATA_NOT_FOUND"]);
    expect((await validateBytes("d.p7s", sig, { ...(await opts()), detachedContent: doc })).indication).toBe(
      "TOTAL-PASSED",
    );
    const other = await validateBytes("d.p7s", sig, {
      ...(await opts()),
      detachedContent: new TextEncoder().encode("başka belge"),
    });
    expect([other.indication, other.subIndication]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
  it("garbage is a FORMAT_FAILURE result, not an exception", async () => {
    const r = await validateBytes("x", Uint8Array.of(0x30, 0x82, 0xff, 0xff, 1, 2, 3), await opts());
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
});
