import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../core/errors.ts";
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
    expect(errorOf(f)).toMatch(
      /^PKI config: 1 problem\n {2}.*syntax\.yaml: .*YAML syntax error: .*\(line \d+, column \d+\)$/,
    );
  });

  it("an unknown field names the file and the field path", () => {
    const f = variant("unknown.yaml", (y) =>
      y.replace("  nes-rsa:\n    role: nes\n", "  nes-rsa:\n    role: nes\n    colour: blue\n"),
    );
    expect(errorOf(f)).toMatch(
      /unknown\.yaml: item certificates\.nes-rsa: field "colour": unknown field .*\(line \d+, column 5\)/,
    );
  });

  it("an issuer label that does not exist names the field", () => {
    const f = variant("issuer.yaml", (y) =>
      y.replace(
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n",
        "  nes-rsa:\n    role: nes\n    issuer: no-such-ca\n",
      ),
    );
    expect(errorOf(f)).toMatch(
      /^PKI config: 1 problem\n {2}.*issuer\.yaml: item certificates\.nes-rsa: field "issuer": no certificate labelled "no-such-ca" \(line \d+, column 5\)$/,
    );
  });

  it("a bad enum value, a missing field and a bad date are named", () => {
    const f1 = variant("enum.yaml", (y) => y.replace("  nes-rsa:\n    role: nes\n", "  nes-rsa:\n    role: nest\n"));
    expect(errorOf(f1)).toMatch(/enum\.yaml: item certificates\.nes-rsa: field "role": must be one of root, subroot, /);
    const f2 = variant("missing.yaml", (y) => y.replace(/^referenceTime: .*\n/m, ""));
    expect(errorOf(f2)).toMatch(/missing\.yaml: field "referenceTime": missing required field \(line \d+, column 1\)/);
    const f3 = variant("date.yaml", (y) => y.replace(/^validationTime: .*$/m, 'validationTime: "yesterday"'));
    expect(errorOf(f3)).toMatch(
      /date\.yaml: field "validationTime": must match format "date-time" \(line \d+, column 1\)/,
    );
  });

  it("references to CRLs, responders, keys and profiles are checked", () => {
    const f1 = variant("crl.yaml", (y) => y.replace("    crl: subroot.expired", "    crl: subroot.nope"));
    expect(errorOf(f1)).toContain(`item certificates.nes-crl-expired: field "crl": no CRL labelled "subroot.nope"`);
    const f2 = variant("ocsp.yaml", (y) => y.replace("    ocsp: subroot.forged", "    ocsp: subroot.nope"));
    expect(errorOf(f2)).toContain(
      `item certificates.nes-ocsp-forged: field "ocsp": no OCSP responder labelled "subroot.nope"`,
    );
    const f3 = variant("profile.yaml", (y) =>
      y.replace(
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n    profile: nes\n",
        "  nes-rsa:\n    role: nes\n    issuer: subroot\n    profile: nesx\n",
      ),
    );
    expect(errorOf(f3)).toContain(`item certificates.nes-rsa: field "profile": no profile named "nesx"`);
    const f4 = variant("signer.yaml", (y) => y.replace("signer: ocsp-subroot-forged", "signer: ghost"));
    expect(errorOf(f4)).toContain(
      `item ocspResponders.subroot.signer-forged: field "signer": no certificate labelled "ghost"`,
    );
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
      /absent\.yaml: cannot read file: no such file \(ENOENT\)/,
    );
  });
});
