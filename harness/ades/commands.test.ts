import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it, vi } from "vitest";
import { main } from "../cli.ts";
import { ETSI_NS } from "./etsi-report.ts";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { expectSchemaValid } from "../testing/ades/etsi-schema.ts";
import { cades, testPki } from "../testing/ades/fixture.ts";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

describe("uyum validate / validate-chain", async () => {
  const pki = await testPki();
  const dir = mkdtempSync(join(tmpdir(), "uyum-ades-cli-"));
  const good = join(dir, "good.p7s");
  const bad = join(dir, "bad.p7s");
  const junk = join(dir, "junk.p7s");
  const root = join(dir, "root.pem");
  writeFileSync(good, cades(pki));
  writeFileSync(bad, cades(pki, { fault: { signatureValue: true } }));
  writeFileSync(junk, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>");
  writeFileSync(root, pki.get("root").certPem);
  const base = ["--trust", root, "--at", "2026-06-01T12:00:00Z", "--no-fetch"];

  it("exit 0 when every file is TOTAL-PASSED", async () => {
    const r = await run(["validate", good, ...base, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.trim()).indication).toBe("TOTAL-PASSED");
  });
  it("many files in one call: one JSON line per file, a hostile file is a FORMAT_FAILURE, exit 1", async () => {
    const r = await run(["validate", good, bad, junk, ...base, "--json"]);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.indication, l.subIndication])).toEqual([
      [good, "TOTAL-PASSED", undefined],
      [bad, "TOTAL-FAILED", "SIG_CRYPTO_FAILURE"],
      [junk, "TOTAL-FAILED", "FORMAT_FAILURE"],
    ]);
  });
  it("--etsi-xml gives a TS 119 102-2 report whose indications match", async () => {
    const r = await run(["validate", good, bad, ...base, "--etsi-xml"]);
    const doc = new DOMParser().parseFromString(r.out, "text/xml");
    const reports = doc.getElementsByTagNameNS(ETSI_NS, "SignatureValidationReport");
    expect(reports.length).toBe(2);
    const main1 = (i: number) =>
      reports[i]!.getElementsByTagNameNS(ETSI_NS, "SignatureValidationStatus")[0]!.getElementsByTagNameNS(
        ETSI_NS,
        "MainIndication",
      )[0]!.textContent;
    expect(main1(0)).toBe("urn:etsi:019102:mainindication:total-passed");
    expect(main1(1)).toBe("urn:etsi:019102:mainindication:total-failed");
    expect(r.out).toContain("urn:etsi:019102:subindication:SIG_CRYPTO_FAILURE");
    if (sharedDirForTests().dir) expectSchemaValid(r.out);
  });
  it("a missing file or trust anchor is a clear user error (exit 2), not a crash", async () => {
    expect((await run(["validate", join(dir, "nope.p7s"), ...base])).err).toMatch(
      /signature file not found: .*nope\.p7s/,
    );
    const r = await run(["validate", good, "--at", "yesterday-ish", "--trust", root]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--at");
    expect((await run(["validate", good])).err).toContain("--trust");
  });
  it("validate-chain agrees with the PKI: valid signer chain, exit 0; wrong anchor, exit 1", async () => {
    const ee = join(dir, "ee.pem");
    const sub = join(dir, "sub.pem");
    const tsa = join(dir, "tsa.pem");
    writeFileSync(ee, pki.get("nes-rsa").certPem);
    writeFileSync(sub, pki.get("subroot").certPem);
    writeFileSync(tsa, pki.get("tsa").certPem);
    const ok = await run([
      "validate-chain",
      ee,
      "--intermediate",
      sub,
      "--trust",
      root,
      "--at",
      "2026-06-01T00:00:00Z",
      "--json",
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).path).toHaveLength(3);
    const no = await run(["validate-chain", ee, "--intermediate", sub, "--trust", tsa, "--at", "2026-06-01T00:00:00Z"]);
    expect(no.code).toBe(1);
    expect(no.out).toContain("INVALID");
  });

  const { dir: shared, skipReason } = sharedDirForTests();
  it.skipIf(!shared)(
    `validate-chain passes the RFC 5280 policy inputs through (PKITS 4.8.1 / 4.9.x)${skipReason ? ` (${skipReason})` : ""}`,
    async () => {
      const p = join(shared!, "ground-truth", "nist-pkits");
      const base = [
        "validate-chain",
        join(p, "certs", "ValidCertificatePathTest1EE.crt"),
        "--intermediate",
        join(p, "certs", "GoodCACert.crt"),
        "--trust",
        join(p, "certs", "TrustAnchorRootCertificate.crt"),
        "--crl",
        join(p, "crls", "GoodCACRL.crl"),
        "--crl",
        join(p, "crls", "TrustAnchorRootCRL.crl"),
        "--at",
        "2022-01-01T00:00:00Z",
      ];
      expect((await run([...base, "--explicit-policy", "--initial-policy", "2.16.840.1.101.3.2.1.48.1"])).code).toBe(0);
      const mismatch = await run([...base, "--explicit-policy", "--initial-policy", "2.16.840.1.101.3.2.1.48.2"]);
      expect(mismatch.code).toBe(1);
      expect(mismatch.out).toContain("no valid set of policies");
      expect((await run([...base, "--initial-policy", "not-an-oid"])).code).toBe(2);
      const revoked = await run([
        "validate-chain",
        join(p, "certs", "InvalidRevokedEETest3EE.crt"),
        "--intermediate",
        join(p, "certs", "GoodCACert.crt"),
        "--trust",
        join(p, "certs", "TrustAnchorRootCertificate.crt"),
        "--crl",
        join(p, "crls", "GoodCACRL.crl"),
        "--crl",
        join(p, "crls", "TrustAnchorRootCRL.crl"),
        "--at",
        "2022-01-01T00:00:00Z",
        "--json",
      ]);
      expect(revoked.code).toBe(1);
      expect(JSON.parse(revoked.out)).toMatchObject({
        valid: false,
        error: "revoked",
        revocationReason: "keyCompromise",
      });
    },
  );
});
