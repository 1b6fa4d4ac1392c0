// The pure artefact makers (CRL, OCSP response, time-stamp token): deterministic, and judged by openssl.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildPki,
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  makeCrl,
  makeOcspResponse,
  makeTimestampToken,
  toPem,
  writePki,
  type Pki,
} from "./index.ts";

let pki: Pki;
let dir: string;
// openssl checks OCSP/CRL times against the real clock, so these artefacts are made around "now" (test code
// may read the clock; generation code never does)
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
beforeAll(async () => {
  pki = await buildPki(loadPkiConfig(DEFAULT_PKI_CONFIG));
  dir = mkdtempSync(join(tmpdir(), "uyum-pki-art-"));
  await writePki(pki, dir);
});
function ossl(args: string[]) {
  const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}
const put = (name: string, data: Uint8Array | string) => {
  writeFileSync(join(dir, name), data);
  return name;
};
const eqBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("negative matrix, judged by openssl verify", () => {
  const at = () => String(pki.validationTime.getTime() / 1000);
  const verify = (label: string, untrusted = true) => {
    const e = pki.get(label);
    const args = ["verify", "-attime", at(), "-CAfile", "certs/root.pem"];
    if (untrusted && e.issuerLabel && e.issuerLabel !== "root") args.push("-untrusted", `certs/${e.issuerLabel}.pem`);
    return ossl([...args, `certs/${label}.pem`]);
  };
  it("good certificates verify", () => {
    for (const l of [
      "nes-rsa",
      "nes-ec",
      "nes-ec-chain",
      "subroot-ec",
      "nes-no-nonrep",
      "nes-limit-0",
      "tsa",
      "tsa-ec",
      "ocsp-subroot",
      "ocsp-root",
      "subroot",
    ]) {
      const r = verify(l);
      expect(r.out, l).toContain(`certs/${l}.pem: OK`);
    }
  });
  it("expired, not yet valid, forged, forged sub-root, unknown root and forged TSA root fail for the right reason", () => {
    expect(verify("nes-expired").out).toContain("certificate has expired");
    expect(verify("tsa-expired").out).toContain("certificate has expired");
    expect(verify("ocsp-subroot-expired").out).toContain("certificate has expired");
    expect(verify("nes-not-yet-valid").out).toContain("certificate is not yet valid");
    expect(verify("nes-forged").out).toMatch(/error 7 at 0 depth lookup: certificate signature failure/);
    expect(verify("tsa-forged").out).toMatch(/error 7 at 0 depth lookup: certificate signature failure/);
    expect(verify("nes-subroot-forged").out).toMatch(/error 7 at 1 depth lookup: certificate signature failure/);
    // the unknown root is not in the trust store: openssl finds no issuer for it
    const unknown = ossl(["verify", "-attime", at(), "-CAfile", "certs/root.pem", "certs/nes-unknown-root.pem"]);
    expect(unknown.out).toContain("unable to get local issuer certificate");
    // the forged TSA root has the real root's name but another key: its AKI does not match the real root, so
    // openssl finds no issuer under the trust anchor; offered the forged root itself, it is an untrusted self-signed one
    const forgedRoot = ossl(["verify", "-attime", at(), "-CAfile", "certs/root.pem", "certs/tsa-forged-root.pem"]);
    expect(forgedRoot.out).toContain("error 20 at 0 depth lookup: unable to get local issuer certificate");
    const viaForged = ossl([
      "verify",
      "-attime",
      at(),
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/tsa-root-forged.pem",
      "certs/tsa-forged-root.pem",
    ]);
    expect(viaForged.out).toContain("self-signed certificate in certificate chain");
  });
  it("openssl x509 -text shows the profile differences of the matrix", () => {
    const text = (l: string) => ossl(["x509", "-in", `certs/${l}.pem`, "-noout", "-text"]).out;
    expect(text("nes-no-nonrep")).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(text("nes-no-usernotice")).not.toContain("User Notice");
    expect(text("nes-no-usernotice")).toContain("Policy: 2.16.792.1.2.1.1.5.7.1.1");
    expect(text("ocsp-subroot")).toContain("OCSP No Check");
    expect(text("ocsp-subroot-revoked-before")).not.toContain("OCSP No Check");
    expect(text("ocsp-subroot-revoked-before")).toMatch(/Extended Key Usage: *\n\s+OCSP Signing/); // openssl did print it (an error has no "No Check" either)
    expect(text("ocsp-subroot")).toMatch(/Extended Key Usage: *\n\s+OCSP Signing/);
    const qcOids = (l: string) => {
      const der = pki.get(l).certDer;
      return spawnSync("openssl", ["asn1parse", "-inform", "DER"], { input: der, encoding: "utf8" }).stdout;
    };
    // asn1parse shows the qcStatements extension value as an OCTET STRING; its content holds the statement OIDs
    const hexOf = (l: string) => Buffer.from(pki.get(l).certDer).toString("hex");
    const oidHex = { etsi: "060604008e460101", btk: "06096086180101", limit: "060604008e460102" };
    expect(hexOf("nes-rsa")).toContain(oidHex.etsi);
    expect(hexOf("nes-no-etsi-qc")).not.toContain(oidHex.etsi);
    expect(hexOf("nes-limit-0")).toContain(oidHex.limit);
    expect(qcOids("nes-rsa")).toContain("qcStatements");
  });
  it("NES subjects are C=TR with a unique 11-digit TCKN-shaped serialNumber (valid check digits)", () => {
    const seen = new Set<string>();
    for (const e of pki.entities.values()) {
      if (e.role !== "nes") continue;
      const m = /^C=TR, serialNumber=(\d{11}), CN=TEST /.exec(e.subject);
      expect(m, e.label).not.toBeNull();
      const d = m![1]!.split("").map(Number);
      expect(
        ((((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10) + 10) % 10,
        e.label,
      ).toBe(d[9]);
      expect(d.slice(0, 10).reduce((a, b) => a + b, 0) % 10, e.label).toBe(d[10]);
      expect(seen.has(m![1]!), `${e.label} reuses ${m![1]}`).toBe(false);
      seen.add(m![1]!);
    }
    expect(seen.size).toBeGreaterThan(40);
  });
  it("pki.json lists every scenario with its labels", async () => {
    const { pkiIndex } = await import("./store.ts");
    const idx = pkiIndex(pki);
    for (const s of [
      "valid",
      "no-nonrepudiation",
      "no-user-notice",
      "no-etsi-qc",
      "no-btk-qc",
      "expired",
      "not-yet-valid",
      "forged-signature",
      "revoked-crl-before",
      "revoked-crl-after",
      "revoked-ocsp-before",
      "revoked-ocsp-after",
      "on-hold",
      "monetary-limit-0",
      "usage-restriction",
      "unknown-root",
      "subroot-forged",
      "subroot-revoked-crl-before",
      "subroot-revoked-ocsp-after",
      "subroot-crl-expired",
      "subroot-crl-forged",
      "subroot-ocsp-expired",
      "ocsp-signer-expired",
      "ocsp-signer-forged",
      "ocsp-signer-revoked-nocheck",
      "ocsp-signer-revoked-before",
      "tsa-expired",
      "tsa-forged",
      "tsa-revoked-before",
      "tsa-revoked-after",
      "forged-tsa-root",
      "crl-expired",
      "crl-forged",
      "ocsp-response-expired",
      "ocsp-response-forged",
      "ocsp-wrong-cert",
      "ts-imprint-wrong",
      "ts-signature-forged",
    ]) {
      expect(idx.scenarios[s], s).toBeDefined();
    }
    expect(idx.scenarios["revoked-crl-before"]).toContain("nes-revoked-crl-before");
  });
});

describe("makeCrl", () => {
  const revoked = () => [
    {
      serialHex: pki.get("nes-revoked-crl-before").serialHex,
      date: new Date("2025-12-01T00:00:00Z"),
      reason: "keyCompromise" as const,
    },
  ];
  it("an ECDSA CA signs its CRL with ecdsa-with-SHA256, and openssl verifies it", () => {
    put(
      "ec.crl",
      toPem(
        makeCrl(pki, "subroot-ec", {
          thisUpdate: hours(-1),
          nextUpdate: hours(24),
          revoked: [{ serialHex: "77", date: hours(-2) }],
        }),
        "X509 CRL",
      ),
    );
    const r = ossl(["crl", "-in", "ec.crl", "-CAfile", "certs/subroot-ec.pem", "-verify", "-noout", "-text"]);
    expect(r.out).toContain("verify OK");
    expect(r.out).toContain("Signature Algorithm: ecdsa-with-SHA256");
    expect(r.out).toMatch(/Serial Number: 77\s+Revocation Date/);
    expect(r.out).not.toContain("CRL Reason Code"); // unspecified is left out (RFC 5280 5.3.1)
  });
  it("is deterministic and verifies; the forged one fails; the expired one is expired; wrong-issuer names another CA", () => {
    const o = { thisUpdate: hours(-1), nextUpdate: hours(24), revoked: revoked() };
    const a = makeCrl(pki, "subroot", o);
    expect(eqBytes(a, makeCrl(pki, "subroot", o))).toBe(true);
    put("m.crl", toPem(a, "X509 CRL"));
    expect(ossl(["crl", "-in", "m.crl", "-CAfile", "certs/subroot.pem", "-verify", "-noout"]).out).toContain(
      "verify OK",
    );
    expect(ossl(["crl", "-in", "m.crl", "-noout", "-text"]).out).toMatch(
      /Serial Number: 200A\s+Revocation Date: Dec  1 00:00:00 2025 GMT/,
    );
    put("f.crl", toPem(makeCrl(pki, "subroot", { ...o, fault: "forged-signature" }), "X509 CRL"));
    expect(ossl(["crl", "-in", "f.crl", "-CAfile", "certs/subroot.pem", "-verify", "-noout"]).out).toContain(
      "verify failure",
    );
    // expired: a CRL-checking chain verification reports it
    put("e.crl", toPem(makeCrl(pki, "subroot", { ...o, fault: "expired" }), "X509 CRL"));
    put(
      "root-ok.crl",
      toPem(makeCrl(pki, "root", { thisUpdate: hours(-1), nextUpdate: hours(24), revoked: [] }), "X509 CRL"),
    );
    const chk = ossl([
      "verify",
      "-crl_check_all",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/subroot.pem",
      "-CRLfile",
      "e.crl",
      "-CRLfile",
      "root-ok.crl",
      "certs/nes-rsa.pem",
    ]);
    expect(chk.out).toContain("CRL has expired");
    const good = ossl([
      "verify",
      "-crl_check_all",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/subroot.pem",
      "-CRLfile",
      "m.crl",
      "-CRLfile",
      "root-ok.crl",
      "certs/nes-rsa.pem",
    ]);
    expect(good.out).toContain("certs/nes-rsa.pem: OK");
    const rev = ossl([
      "verify",
      "-crl_check_all",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/subroot.pem",
      "-CRLfile",
      "m.crl",
      "-CRLfile",
      "root-ok.crl",
      "certs/nes-revoked-crl-before.pem",
    ]);
    expect(rev.out).toContain("certificate revoked");
    put("w.crl", toPem(makeCrl(pki, "subroot", { ...o, fault: "wrong-issuer" }), "X509 CRL"));
    expect(ossl(["crl", "-in", "w.crl", "-noout", "-issuer", "-nameopt", "utf8"]).out).toContain(
      "CN=TEST Kamu SM NES Kök",
    );
  });
});

describe("makeOcspResponse", () => {
  const base = () => ({
    certLabel: "nes-rsa",
    responderLabel: "ocsp-subroot",
    producedAt: now,
    thisUpdate: now,
    nextUpdate: hours(24),
  });
  const check = (name: string, der: Uint8Array, cert = "nes-rsa") =>
    ossl([
      "ocsp",
      "-respin",
      put(name, der),
      "-issuer",
      "certs/subroot.pem",
      "-cert",
      `certs/${cert}.pem`,
      "-CAfile",
      "certs/root.pem",
      "-no_nonce",
      "-resp_text",
    ]).out;
  it("is deterministic; good and revoked verify with openssl", () => {
    const good = makeOcspResponse(pki, { ...base(), status: "good", nonce: Uint8Array.of(1, 2, 3, 4) });
    expect(eqBytes(good, makeOcspResponse(pki, { ...base(), status: "good", nonce: Uint8Array.of(1, 2, 3, 4) }))).toBe(
      true,
    );
    const g = check("good.der", good);
    expect(g).toContain("Response verify OK");
    expect(g).toMatch(/certs\/nes-rsa\.pem: good/);
    expect(g).toContain("Responder Id: "); // byKey
    const revoked = makeOcspResponse(pki, {
      ...base(),
      certLabel: "nes-revoked-ocsp-before",
      status: "revoked",
      revokedAt: new Date("2025-12-01T00:00:00Z"),
      revocationReason: "keyCompromise",
    });
    const r = check("rev.der", revoked, "nes-revoked-ocsp-before");
    expect(r).toContain("Response verify OK");
    expect(r).toMatch(
      /nes-revoked-ocsp-before\.pem: revoked\s+This Update[^\n]*\n[^\n]*\n\s+Reason: keyCompromise\s+Revocation Time: Dec  1 00:00:00 2025 GMT/,
    );
    const ecCa = makeOcspResponse(pki, {
      ...base(),
      certLabel: "nes-ec",
      responderLabel: "subroot",
      status: "unknown",
    });
    const u = check("unk.der", ecCa, "nes-ec");
    expect(u).toContain("Response verify OK");
    expect(u).toContain("nes-ec.pem: unknown");
  });
  it("faults fail openssl's checks", () => {
    expect(
      check("forged.der", makeOcspResponse(pki, { ...base(), status: "good", fault: "forged-signature" })),
    ).toMatch(/Response Verify Failure[\s\S]*signature/i);
    expect(check("expired.der", makeOcspResponse(pki, { ...base(), status: "good", fault: "expired" }))).toContain(
      "status expired",
    );
    expect(check("wrong.der", makeOcspResponse(pki, { ...base(), status: "good", fault: "wrong-cert" }))).toContain(
      "No Status found",
    );
    expect(
      check("unauth.der", makeOcspResponse(pki, { ...base(), status: "good", fault: "unauthorised-responder" })),
    ).toMatch(/Response Verify Failure/);
    // an expired delegated responder certificate
    expect(
      check("sexp.der", makeOcspResponse(pki, { ...base(), responderLabel: "ocsp-subroot-expired", status: "good" })),
    ).toMatch(/Response Verify Failure[\s\S]*certificate has expired/);
  });
});

describe("makeTimestampToken", () => {
  const data = new TextEncoder().encode("zaman damgası için belge\n");
  const imprint = createHash("sha256").update(data).digest();
  const opts = () => ({
    tsaLabel: "tsa1",
    messageImprint: imprint,
    hash: "SHA-256" as const,
    genTime: new Date("2026-01-15T10:00:00Z"),
    serial: 42,
    nonce: "0123abcd",
  });
  const tsVerify = (name: string, token: Uint8Array, untrusted = "tsa") =>
    ossl([
      "ts",
      "-verify",
      "-in",
      put(name, token),
      "-token_in",
      "-data",
      put("ts-data.txt", data),
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      `certs/${untrusted}.pem`,
    ]).out;
  it("is deterministic and verifies with openssl ts -verify (RSA and ECDSA TSA)", () => {
    const t = makeTimestampToken(pki, opts());
    expect(eqBytes(t, makeTimestampToken(pki, opts()))).toBe(true);
    expect(tsVerify("t.tst", t)).toContain("Verification: OK");
    expect(tsVerify("tec.tst", makeTimestampToken(pki, { ...opts(), tsaLabel: "tsa1-ec" }), "tsa-ec")).toContain(
      "Verification: OK",
    );
    const text = ossl(["ts", "-reply", "-in", "t.tst", "-token_in", "-text"]).out;
    expect(text).toContain("Policy OID: 2.16.792.1.2.1.1.5.7.3.1");
    expect(text).toContain("Time stamp: Jan 15 10:00:00 2026 GMT");
    expect(text).toContain("Nonce: 0x0123ABCD");
    // ESS signingCertificateV2 is present (openssl ts -verify requires an ESS signing certificate attribute and checks it)
    expect(Buffer.from(t).toString("hex")).toContain("060b2a864886f70d010910022f");
  });
  it("wrong imprint and forged signature fail", () => {
    expect(tsVerify("wi.tst", makeTimestampToken(pki, { ...opts(), fault: "wrong-imprint" }))).toMatch(
      /message imprint mismatch/,
    );
    expect(tsVerify("fs.tst", makeTimestampToken(pki, { ...opts(), fault: "forged-signature" }))).toMatch(
      /Verification: FAILED[\s\S]*signature/i,
    );
    expect(tsVerify("tf.tst", makeTimestampToken(pki, { ...opts(), tsaLabel: "tsa-forged" }), "tsa-forged")).toMatch(
      /Verification: FAILED[\s\S]*certificate signature failure/,
    );
    expect(tsVerify("te.tst", makeTimestampToken(pki, { ...opts(), tsaLabel: "tsa-expired" }), "tsa-expired")).toMatch(
      /Verification: FAILED[\s\S]*certificate has expired/,
    );
    const fr = ossl([
      "ts",
      "-verify",
      "-in",
      put("fr.tst", makeTimestampToken(pki, { ...opts(), tsaLabel: "tsa-forged-root" })),
      "-token_in",
      "-data",
      "ts-data.txt",
      "-CAfile",
      "certs/root.pem",
      "-untrusted",
      "certs/tsa-forged-root.pem",
    ]).out;
    expect(fr).toMatch(/Verification: FAILED[\s\S]*unable to get local issuer certificate/);
  });
});
