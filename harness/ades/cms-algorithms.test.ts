// Algorithms as real tools write them: `openssl cms -sign` with SHA-3 digests, RSASSA-PSS (-keyopt
// rsa_padding_mode:pss), ECDSA keys and SHA-1; each judged by the algorithm policy, which names what it accepts.
// openssl is the independent verifier of the signature math. Before SHA-3 and the PSS/plain-ECDSA names were
// added, the SHA-3 inputs were HASH_FAILURE ("unknown digest algorithm") and the policy passed algorithms it
// could not name.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sigAlgName, sigAlgUnsupported, verifySignature, type AlgId } from "./algs.ts";
import { parseSignedData } from "./cms.ts";
import { validateBytes } from "./index.ts";
import { parseCert, pemOrDer } from "./x509.ts";
import { children, parseDer } from "../asn1/der.ts";
import { ALG } from "../asn1/oids.ts";
import { createSign, generateKeyPairSync } from "node:crypto";

const dir = mkdtempSync(join(tmpdir(), "uyum-cms-alg-"));
const doc = join(dir, "doc.txt");
writeFileSync(doc, "uyum algorithm test document\n");
const run = (args: string[]): string => execFileSync("openssl", args, { stdio: "pipe" }).toString();

// A CA and leaf certificates (the signer is not its own trust anchor).
const ca = { key: join(dir, "ca.key"), cert: join(dir, "ca.pem") };
run([
  "req",
  "-x509",
  "-newkey",
  "rsa:2048",
  "-nodes",
  "-keyout",
  ca.key,
  "-out",
  ca.cert,
  "-days",
  "30",
  "-subj",
  "/CN=alg test CA",
]);
function keyAndCert(name: string, keyArgs: string[]): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const csr = join(dir, `${name}.csr`);
  run(["req", "-new", ...keyArgs, "-nodes", "-keyout", key, "-out", csr, "-subj", `/CN=${name}`]);
  run(["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-out", cert, "-days", "30", "-set_serial", "7"]);
  return { key, cert };
}
const rsa = keyAndCert("rsa", ["-newkey", "rsa:2048"]);
const ec = keyAndCert("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"]);

function sign(name: string, k: { key: string; cert: string }, extra: string[]): Uint8Array {
  const out = join(dir, `${name}.p7s`);
  run([
    "cms",
    "-sign",
    "-binary",
    "-in",
    doc,
    "-signer",
    k.cert,
    "-inkey",
    k.key,
    "-outform",
    "DER",
    "-out",
    out,
    ...extra,
  ]);
  return new Uint8Array(readFileSync(out));
}
/** openssl's own verdict on the signature math (no chain). */
function opensslVerifies(file: Uint8Array, detached: boolean): boolean {
  const f = join(dir, "verify.p7s");
  writeFileSync(f, file);
  try {
    run([
      "cms",
      "-verify",
      "-noverify",
      "-binary",
      "-inform",
      "DER",
      "-in",
      f,
      ...(detached ? ["-content", doc] : []),
      "-out",
      "/dev/null",
    ]);
    return true;
  } catch {
    return false;
  }
}

async function checks(bytes: Uint8Array, _k: { cert: string }, detached: boolean) {
  const anchor = parseCert(pemOrDer(new Uint8Array(readFileSync(ca.cert)))[0]);
  const r = await validateBytes("x.p7s", bytes, {
    anchors: [anchor],
    at: new Date(),
    requireQualified: false,
    detachedContent: detached ? new Uint8Array(readFileSync(doc)) : undefined,
  });
  const byId = (id: string) => r.checks.find((c) => c.id === id);
  return { r, byId };
}

describe("CMS algorithms written by openssl", () => {
  const cases: { name: string; k: { key: string; cert: string }; args: string[]; digest: string; sig: RegExp }[] = [
    {
      name: "rsa-sha3-256",
      k: rsa,
      args: ["-md", "sha3-256", "-cades"],
      digest: "SHA3-256",
      sig: /RSA PKCS#1 v1.5 with SHA3-256/,
    },
    { name: "rsa-sha3-512", k: rsa, args: ["-md", "sha3-512", "-nodetach"], digest: "SHA3-512", sig: /with SHA3-512/ },
    {
      name: "rsa-pss-sha256",
      k: rsa,
      args: ["-md", "sha256", "-keyopt", "rsa_padding_mode:pss", "-cades"],
      digest: "SHA-256",
      sig: /RSASSA-PSS with SHA-256 \(MGF1 SHA-256, salt \d+\)/,
    },
    {
      name: "rsa-pss-sha512",
      k: rsa,
      args: ["-md", "sha512", "-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:20"],
      digest: "SHA-512",
      sig: /RSASSA-PSS with SHA-512 \(MGF1 SHA-512, salt 20\)/,
    },
    {
      name: "ecdsa-p384-sha384",
      k: ec,
      args: ["-md", "sha384", "-cades", "-nodetach"],
      digest: "SHA-384",
      sig: /ECDSA with SHA-384/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: openssl verifies it, uyum verifies it and names the algorithms`, async () => {
      const detached = !c.args.includes("-nodetach");
      const bytes = sign(c.name, c.k, c.args);
      expect(opensslVerifies(bytes, detached)).toBe(true);
      const { byId } = await checks(bytes, c.k, detached);
      expect(byId("message-digest")?.result).toBe("passed");
      expect(byId("signature-value")?.result).toBe("passed");
      expect(byId("algorithms")?.result).toBe("passed");
      expect(byId("algorithms")?.reason.en).toContain(`digest ${c.digest}`);
      expect(byId("algorithms")?.reason.en).toMatch(c.sig);
    });
  }

  it("a tampered PSS signature fails as SIG_CRYPTO_FAILURE, as openssl says", async () => {
    const bytes = sign("pss-tampered", rsa, ["-md", "sha256", "-keyopt", "rsa_padding_mode:pss", "-cades"]);
    const sd = parseSignedData(bytes);
    const bad = new Uint8Array(bytes);
    bad[sd.signerInfos[0].signatureNode.contentStart + 10] ^= 1;
    expect(opensslVerifies(bad, true)).toBe(false);
    const { r } = await checks(bad, rsa, true);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "SIG_CRYPTO_FAILURE"]);
  });

  it("SHA-1 (openssl -md sha1) passes by KAMU SM's rule and the result says it is outside TS 119 312", async () => {
    const bytes = sign("sha1", rsa, ["-md", "sha1", "-cades"]);
    expect(opensslVerifies(bytes, true)).toBe(true);
    const { byId } = await checks(bytes, rsa, true);
    const alg = byId("algorithms");
    expect(alg?.result).toBe("passed");
    expect(alg?.reason.en).toMatch(/SHA-1 is outside ETSI TS 119 312.*KAMU SM's rule/);
    expect(alg?.reason.tr).toMatch(/TS 119 312.*KAMU SM kuralıyla/);
  });

  it("a signature algorithm uyum cannot name is never passed by the algorithm check", async () => {
    // The openssl signature with its signatureAlgorithm OID replaced by one nobody defines (1.2.3.4.5.2047.127.127.1).
    const bytes = sign("unknown-alg", rsa, ["-md", "sha256", "-cades"]);
    const sd = parseSignedData(bytes);
    const fields = children(sd.signerInfos[0].node);
    const sigAlgNode = fields[fields.findIndex((n) => n.start === sd.signerInfos[0].signatureNode.start) - 1];
    const oidNode = children(sigAlgNode)[0];
    const bad = new Uint8Array(bytes);
    const rsaOid = Buffer.from("2a864886f70d010101", "hex"); // rsaEncryption, 9 bytes
    expect(Buffer.from(bad.subarray(oidNode.contentStart, oidNode.contentStart + 9)).equals(rsaOid)).toBe(true);
    bad.set(Buffer.from("2a0304058f7f7f7f01", "hex"), oidNode.contentStart); // same length
    const { r, byId } = await checks(bad, rsa, true);
    expect(byId("algorithms")?.result).not.toBe("passed");
    expect(byId("algorithms")?.reason.en).toMatch(/cannot judge the signature algorithm/);
    // Unsupported, not a broken signature.
    expect(byId("signature-value")?.result).toBe("indeterminate");
    expect(r.indication).toBe("INDETERMINATE");
  });
});

describe("algorithm names and plain-format ECDSA (BSI TR-03111)", () => {
  it("verifies an r||s ECDSA signature under ecdsa-plain-SHA256 and refuses it under the DER OID", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const data = Buffer.from("plain ecdsa");
    const plain = createSign("sha256").update(data).sign({ key: privateKey, dsaEncoding: "ieee-p1363" });
    const plainAlg: AlgId = { oid: ALG.ecdsaPlainSHA256 };
    expect(plain.length).toBe(64);
    expect(verifySignature(plainAlg, publicKey, data, plain)).toBe(true);
    expect(verifySignature({ oid: ALG.ecdsaWithSHA256 }, publicKey, data, plain)).toBe(false);
    expect(sigAlgName(plainAlg)).toBe("ECDSA plain (BSI TR-03111) with SHA-256");
  });
  it("PSS parameters: a mask function hash other than the message hash is unsupported, not invalid", () => {
    // RSASSA-PSS-params { [0] sha256, [1] mgf1(sha1) } (DER by hand).
    const sha256 = "300d06096086480165030402010500";
    const mgf1sha1 = "301606092a864886f70d010108300906052b0e03021a0500";
    const tlv = (tag: string, hex: string) => tag + (hex.length / 2).toString(16).padStart(2, "0") + hex;
    const params = tlv("30", tlv("a0", sha256) + tlv("a1", mgf1sha1));
    const alg: AlgId = { oid: ALG.rsaPss, params: parseDer(Buffer.from(params, "hex")) };
    expect(sigAlgUnsupported(alg)).toMatch(/MGF1 SHA-1 over SHA-256/);
    expect(sigAlgUnsupported({ oid: ALG.rsaPss })).toBeUndefined(); // defaults: SHA-1 / MGF1 SHA-1
    expect(sigAlgUnsupported({ oid: "1.2.3.4" })).toMatch(/not supported/);
  });
});
