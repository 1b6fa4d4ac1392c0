// RFC 5280 beyond PKITS (issue 8 item 13): a trust anchor's name constraints (RFC 5937) and the §4 profile rules
// on path certificates, each decided as written in harness/ades/README.md. Certificates are made by openssl; the
// shapes openssl refuses to write (a duplicated or missing extension) are the same certificates re-signed.
import { execFileSync } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { children, concat, parseDer, tlv, whole } from "../asn1/der.ts";
import { validatePath } from "./path.ts";
import { parseCert, pemOrDer } from "./x509.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-ades-profile-"));
const f = (n: string) => join(dir, n);
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

execFileSync("openssl", [
  "req", "-x509", ...EC, "-keyout", f("root.key"), "-out", f("root.pem"), "-days", "3650",
  "-subj", "/C=TR/O=Kok/CN=NC Root",
  "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  "-addext", "nameConstraints=critical,permitted;DNS:.ornek.gov.tr",
], { stdio: "pipe" }); // prettier-ignore

function ee(name: string, extra: string[]): string {
  execFileSync("openssl", [
    "req", "-x509", ...EC, "-keyout", f(`${name}.key`), "-out", f(`${name}.pem`), "-days", "365",
    "-subj", `/C=TR/O=Kok/CN=${name}`, "-CA", f("root.pem"), "-CAkey", f("root.key"),
    "-addext", "basicConstraints=critical,CA:false", ...extra,
  ], { stdio: "pipe" }); // prettier-ignore
  return f(`${name}.pem`);
}
const der = (file: string) => pemOrDer(readFileSync(file))[0];
const root = parseCert(der(f("root.pem")));
// openssl makes each certificate valid from the second it runs, for a year: judge each a minute into its life, so
// the verdict never depends on how the wall clock fell between making the certificate and reading it
const check = (file: string | Uint8Array) => {
  const cert = parseCert(typeof file === "string" ? der(file) : file);
  return validatePath(cert, { at: new Date(cert.notBefore.getTime() + 60_000), anchors: [root], revocation: "off" });
};

/** The certificate with its extension list edited, re-signed by the root (ECDSA P-256, SHA-256 as openssl did). */
function resigned(file: string, edit: (exts: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const [tbs, alg] = children(parseDer(der(file)));
  const fields = children(tbs).map((x) => whole(x));
  const extsNode = children(children(tbs).at(-1)!)[0];
  const exts = edit(children(extsNode).map((x) => whole(x)));
  fields[fields.length - 1] = tlv(0xa3, tlv(0x30, concat(exts)));
  const newTbs = tlv(0x30, concat(fields));
  const sig = sign("sha256", newTbs, createPrivateKey(readFileSync(f("root.key"))));
  return tlv(0x30, concat([newTbs, whole(alg), tlv(0x03, concat([Uint8Array.of(0), sig]))]));
}
const AKI_OID_DER = Buffer.from("0603551d23", "hex");
const isAki = (e: Uint8Array) => Buffer.from(e).includes(AKI_OID_DER);

describe("RFC 5280 beyond PKITS", () => {
  it("applies the trust anchor's own name constraints (RFC 5937), as openssl verify does", () => {
    const good = ee("iyi", ["-addext", "subjectAltName=DNS:www.ornek.gov.tr"]);
    const bad = ee("kotu", ["-addext", "subjectAltName=DNS:kotu.example.com"]);
    expect(check(good).ok).toBe(true);
    const r = check(bad);
    expect([r.ok, r.kind]).toEqual([false, "name-constraints"]);
    // the independent verdict agrees
    const v = (file: string) =>
      execFileSync("openssl", ["verify", "-CAfile", f("root.pem"), file], { stdio: "pipe" }).toString();
    expect(v(good)).toContain("OK");
    expect(() => v(bad)).toThrow(/permitted subtree violation/);
  });

  it("rejects a certificate carrying one extension twice (RFC 5280 §4.2)", () => {
    const base = ee("cift", ["-addext", "subjectAltName=DNS:cift.ornek.gov.tr"]);
    expect(check(base).ok).toBe(true);
    const dup = resigned(base, (exts) => [...exts, exts.find((e) => !isAki(e))!]);
    const r = check(dup);
    expect([r.ok, r.kind]).toEqual([false, "duplicate-extension"]);
    expect(r.message).toContain("more than once");
  });

  it("tolerates what RFC 5280 asks relying parties to handle gracefully: negative or 21+-octet serials, a critical or missing AKI", () => {
    const neg = ee("negatif", ["-set_serial", "-5", "-addext", "subjectAltName=DNS:n.ornek.gov.tr"]);
    const long = ee("uzun", [
      "-set_serial", "0x7fffffffffffffffffffffffffffffffffffffffffffffffff", // 25 octets
      "-addext", "subjectAltName=DNS:u.ornek.gov.tr",
    ]); // prettier-ignore
    const crit = ee("kritik", [
      "-addext", "authorityKeyIdentifier=critical,keyid:always",
      "-addext", "subjectAltName=DNS:k.ornek.gov.tr",
    ]); // prettier-ignore
    expect(parseCert(der(neg)).serialHex).toBeDefined();
    expect(parseCert(der(long)).serialHex.length).toBeGreaterThan(40);
    for (const c of [neg, long, crit]) expect(check(c), c).toMatchObject({ ok: true });
    const noAki = resigned(crit, (exts) => exts.filter((e) => !isAki(e)));
    expect(parseCert(noAki).akiKeyId).toBeUndefined();
    expect(check(noAki).ok).toBe(true);
  });
});
