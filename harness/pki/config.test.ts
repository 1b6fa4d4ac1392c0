import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../errors.ts";
import { DEFAULT_PKI_CONFIG, loadPkiConfig } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-pkicfg-"));
const original = readFileSync(DEFAULT_PKI_CONFIG, "utf8");
// schema and reference errors are reported before key files are read, so the copies need no keys beside them
function variant(name: string, edit: (y: string) => string): string {
  const f = join(dir, name);
  writeFileSync(f, edit(original));
  return f;
}
function errorOf(f: string): string {
  try {
    loadPkiConfig(f);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("loadPkiConfig", () => {
  it("loads the default PKI", () => {
    const cfg = loadPkiConfig(DEFAULT_PKI_CONFIG);
    expect(Object.keys(cfg.certificates).length).toBeGreaterThan(50);
    expect(cfg.keyPems?.root).toContain("BEGIN PRIVATE KEY");
  });

  it("a YAML syntax error names the file, line and column", () => {
    const f = variant("syntax.yaml", (y) => y.replace("version: 1", "version: [1"));
    expect(errorOf(f)).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+: YAML syntax error`));
  });

  it("an unknown field names the file and the field path", () => {
    const f = variant("unknown.yaml", (y) =>
      y.replace("  nes-rsa:\n    role: nes\n", "  nes-rsa:\n    role: nes\n    colour: blue\n"),
    );
    expect(errorOf(f)).toContain(`${f}: certificates.nes-rsa.colour: unknown field`);
  });

  it("an issuer label that does not exist names the field", () => {
    const f = variant("issuer.yaml", (y) =>
      y.replace(
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n",
        "  nes-rsa:\n    role: nes\n    issuer: no-such-ca\n",
      ),
    );
    expect(errorOf(f)).toBe(`${f}: certificates.nes-rsa.issuer: no certificate labelled "no-such-ca"`);
  });

  it("a bad enum value, a missing field and a bad date are named", () => {
    const f1 = variant("enum.yaml", (y) => y.replace("  nes-rsa:\n    role: nes\n", "  nes-rsa:\n    role: nest\n"));
    expect(errorOf(f1)).toContain(`${f1}: certificates.nes-rsa.role: must be equal to one of the allowed values`);
    const f2 = variant("missing.yaml", (y) => y.replace(/^referenceTime: .*\n/m, ""));
    expect(errorOf(f2)).toContain(`${f2}: referenceTime: missing required field`);
    const f3 = variant("date.yaml", (y) => y.replace(/^validationTime: .*$/m, 'validationTime: "yesterday"'));
    expect(errorOf(f3)).toContain(`${f3}: validationTime: must match format "date-time"`);
  });

  it("references to CRLs, responders, keys and profiles are checked", () => {
    const f1 = variant("crl.yaml", (y) => y.replace("    crl: subroot.expired", "    crl: subroot.nope"));
    expect(errorOf(f1)).toContain(`certificates.nes-crl-expired.crl: no CRL labelled "subroot.nope"`);
    const f2 = variant("ocsp.yaml", (y) => y.replace("    ocsp: subroot.forged", "    ocsp: subroot.nope"));
    expect(errorOf(f2)).toContain(`certificates.nes-ocsp-forged.ocsp: no OCSP responder labelled "subroot.nope"`);
    const f3 = variant("profile.yaml", (y) =>
      y.replace(
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n    profile: nes\n",
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n    profile: nesx\n",
      ),
    );
    expect(errorOf(f3)).toContain(`certificates.nes-rsa.profile: no profile named "nesx"`);
    const f4 = variant("signer.yaml", (y) => y.replace("signer: ocsp-subroot-forged", "signer: ghost"));
    expect(errorOf(f4)).toContain(`ocspResponders.subroot.signer-forged.signer: no certificate labelled "ghost"`);
  });

  it("a missing key file tells how to create it", () => {
    const f = join(dir, "nokeys.yaml");
    writeFileSync(f, original);
    expect(errorOf(f)).toMatch(/keys\.root\.file: cannot read .*keys\/root\.key\.pem \(run `uyum pki keygen/);
  });

  it("--base-url must be loopback http", () => {
    expect(() => loadPkiConfig(DEFAULT_PKI_CONFIG, { baseUrl: "http://10.0.0.1:80" })).toThrow(/loopback only/);
    expect(loadPkiConfig(DEFAULT_PKI_CONFIG, { baseUrl: "http://127.0.0.1:1234" }).baseUrl).toBe(
      "http://127.0.0.1:1234",
    );
  });

  it("the JSON copy of the schema for editors (vectors/pki/pki-config.schema.json) is in sync", async () => {
    const { pkiConfigSchema } = await import("./schema.ts");
    const copy = JSON.parse(readFileSync(join(DEFAULT_PKI_CONFIG, "..", "pki-config.schema.json"), "utf8"));
    expect(copy).toEqual(JSON.parse(JSON.stringify(pkiConfigSchema)));
  });

  it("an unreadable file is a clear error", () => {
    expect(() => loadPkiConfig(join(dir, "absent.yaml"))).toThrow(
      /absent\.yaml: cannot read the PKI config \(ENOENT\)/,
    );
  });
});
