import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPki, DEFAULT_PKI_CONFIG, loadPkiConfig, readPki, signRaw, writePki, type Pki } from "./index.ts";
import { createHash, createPublicKey, verify } from "node:crypto";

let pki: Pki;
let dir: string;
beforeAll(async () => {
  pki = await buildPki(loadPkiConfig(DEFAULT_PKI_CONFIG));
  dir = mkdtempSync(join(tmpdir(), "uyum-pki-"));
  await writePki(pki, dir);
});

const ossl = (args: string[]) => spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });

describe("buildPki", () => {
  it("is deterministic: two builds give identical bytes for every certificate", async () => {
    const again = await buildPki(loadPkiConfig(DEFAULT_PKI_CONFIG));
    expect([...again.entities.keys()]).toEqual([...pki.entities.keys()]);
    for (const [label, e] of pki.entities)
      expect(Buffer.from(again.get(label).certDer).equals(Buffer.from(e.certDer)), label).toBe(true);
  });

  it("matches the committed golden digest (a change here changes every downstream vector: update it deliberately)", () => {
    const digestOf = (keep: (label: string) => boolean) => {
      const h = createHash("sha256");
      for (const e of pki.entities.values()) if (keep(e.label)) h.update(e.certDer);
      return h.digest("hex");
    };
    expect(digestOf(() => true)).toBe("b9d68cdd8244b4f17804d7ef232f7c08e3d8aade949ad7ed29bdc65d4738bc28");
    // the expired sub-root of 11.7.3-2 and its NES were added later: every certificate before them is unchanged
    const added = new Set(["subroot-expired", "nes-subroot-expired"]);
    expect(digestOf((l) => !added.has(l))).toBe("0bbf637df3f0da3fb2781646ce63605def2dcc52846b5e9df7a6a81adde803b2");
  });

  it("get() names the missing label", () => {
    expect(() => pki.get("no-such")).toThrow(/no-such/);
  });

  it("the valid NES chains verify with openssl", () => {
    for (const l of ["nes-rsa", "nes-ec"]) {
      const r = ossl([
        "verify",
        "-attime",
        String(pki.validationTime.getTime() / 1000),
        "-CAfile",
        "certs/root.pem",
        "-untrusted",
        "certs/subroot.pem",
        `certs/${l}.pem`,
      ]);
      expect(r.stdout + r.stderr).toContain(`certs/${l}.pem: OK`);
    }
  });

  it("the NES profile is what openssl x509 -text shows", () => {
    const text = execFileSync("openssl", ["x509", "-in", "certs/nes-rsa.pem", "-noout", "-text", "-nameopt", "utf8"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Non Repudiation/);
    expect(text).toContain("Policy: 2.16.792.1.2.1.1.5.7.1.1");
    expect(text).toContain(
      "Explicit Text: Bu sertifika, 5070 sayılı Elektronik İmza Kanununa göre nitelikli elektronik sertifikadır.",
    );
    expect(text).toMatch(/Subject: .*serialNumber ?= ?10000000146/);
    expect(text).toContain("URI:http://127.0.0.1:18480/crl/subroot.crl");
    expect(text).toContain("OCSP - URI:http://127.0.0.1:18480/ocsp/subroot");
    // qcStatements: openssl prints the raw value; check the OIDs by parsing the extension with asn1parse
    const der = pki.get("nes-rsa").certDer;
    const parsed = execFileSync("openssl", ["asn1parse", "-inform", "DER"], { input: der, encoding: "utf8" });
    const qcAt = parsed.split("\n").findIndex((l) => l.includes("qcStatements"));
    expect(qcAt).toBeGreaterThan(0);
    const offset = /^\s*(\d+):/.exec(parsed.split("\n")[qcAt + 1]!)![1];
    const inner = execFileSync("openssl", ["asn1parse", "-inform", "DER", "-strparse", offset!], {
      input: der,
      encoding: "utf8",
    });
    expect(inner).toContain("0.4.0.1862.1.1");
    expect(inner).toContain("2.16.792.1.61.0.1.5070.1.1");
  });

  it("TSA certificates carry a critical timeStamping EKU", () => {
    const text = execFileSync("openssl", ["x509", "-in", "certs/tsa.pem", "-noout", "-text"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(text).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
  });

  it("chains/<label>.chain.pem bundles the certificate with its issuers (openssl verifies from the bundle)", () => {
    const r = ossl([
      "verify",
      "-attime",
      String(pki.validationTime.getTime() / 1000),
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "chains/nes-rsa.chain.pem",
      "certs/nes-rsa.pem",
    ]);
    expect(r.stdout + r.stderr).toContain("certs/nes-rsa.pem: OK");
    expect(readFileSync(join(dir, "chains/nes-rsa.chain.pem"), "utf8").match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  });

  it("CRLs verify with openssl crl -verify", () => {
    const r = ossl(["crl", "-in", "crls/subroot.crl.pem", "-CAfile", "certs/subroot.pem", "-verify", "-noout"]);
    expect(r.stderr + r.stdout).toContain("verify OK");
  });

  it("readPki returns the same bytes that writePki wrote", async () => {
    const back = await readPki(dir);
    for (const [label, e] of pki.entities) {
      const b = back.get(label);
      expect(Buffer.from(b.certDer).equals(Buffer.from(e.certDer))).toBe(true);
      expect(Buffer.from(b.privateKeyPkcs8Der).equals(Buffer.from(e.privateKeyPkcs8Der))).toBe(true);
      expect(Buffer.from(b.subjectDer).equals(Buffer.from(e.subjectDer))).toBe(true);
    }
    const idx = JSON.parse(readFileSync(join(dir, "pki.json"), "utf8"));
    expect(idx.entities.find((e: { label: string }) => e.label === "nes-rsa")).toMatchObject({
      role: "nes",
      issuerLabel: "subroot",
      keyAlgorithm: "rsa-2048",
      cert: "certs/nes-rsa.pem",
      scenario: "valid",
    });
  });

  it("signRaw is deterministic and verifies with the certificate's key (RSA and ECDSA)", () => {
    const data = new TextEncoder().encode("merhaba dünya");
    for (const l of ["nes-rsa", "nes-ec"]) {
      const e = pki.get(l);
      const s1 = signRaw(e, data, "SHA-256");
      const s2 = signRaw(e, data, "SHA-256");
      expect(Buffer.from(s1).equals(Buffer.from(s2))).toBe(true);
      const pub = createPublicKey({ key: Buffer.from(e.spkiDer), format: "der", type: "spki" });
      expect(verify("sha256", data, pub, s1)).toBe(true);
      expect(verify("sha384", data, pub, signRaw(e, data, "SHA-384"))).toBe(true);
    }
  });
});
