// Real signing applications stream CMS: `openssl cms -sign -stream` (like Java/BouncyCastle streaming) writes
// the envelope in BER with indefinite lengths and the content as a constructed OCTET STRING. The validator
// must read it (signed attributes and certificates inside stay DER) and reach the verdict it reaches on the
// same signature written in DER.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DerError, parseDer } from "../asn1/der.ts";
import { buildPki, DEFAULT_PKI_CONFIG, loadPkiConfig, makeCrl, writePki, type Pki } from "../pki/index.ts";
import { parseSignedData } from "./cms.ts";
import { parseCrl } from "./crl.ts";
import { validateBytes, type ValidateFileOptions } from "./index.ts";
import { parseCert } from "./x509.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-ades-stream-"));
const content = "Merhaba dünya: akış halinde imzalanan belge\n".repeat(300); // several 4 KiB BER segments
let pki: Pki;
let opts: ValidateFileOptions;

/** openssl cms -sign as CAdES-BES (-cades: ESS signingCertificateV2) by the test PKI's nes-rsa signer. */
function sign(out: string, extra: string[]): Uint8Array {
  execFileSync(
    "openssl",
    [
      "cms",
      "-sign",
      ...extra,
      "-cades",
      "-binary",
      "-md",
      "sha256",
      "-outform",
      "DER",
      "-in",
      join(dir, "doc.txt"),
      "-signer",
      join(dir, "certs/nes-rsa.pem"),
      "-inkey",
      join(dir, "keys/nes-rsa.key.pem"),
      "-certfile",
      join(dir, "certs/subroot.pem"),
      "-out",
      join(dir, out),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Uint8Array(readFileSync(join(dir, out)));
}

beforeAll(async () => {
  pki = await buildPki(loadPkiConfig(DEFAULT_PKI_CONFIG));
  await writePki(pki, dir);
  writeFileSync(join(dir, "doc.txt"), content);
  // openssl stamps the signing time with the clock, so validate a minute later with CRLs current then, issued
  // after the signing time (revocation data older than the signature cannot tell its status then: 11.7.4-2)
  const at = new Date(Date.now() + 60_000);
  const day = 86_400_000;
  const fresh = ["root", "subroot"].map((ca) =>
    parseCrl(
      makeCrl(pki, ca, {
        thisUpdate: new Date(at.getTime() - 30_000),
        nextUpdate: new Date(at.getTime() + 7 * day),
        revoked: [],
      }),
    ),
  );
  opts = { anchors: [parseCert(pki.get("root").certDer)], at, extraCrls: fresh };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a streamed (BER, indefinite-length) CAdES from openssl cms -sign -stream", () => {
  it("is BER where expected, and the validator gives it the same verdict as the DER one: TOTAL-PASSED", async () => {
    const streamed = sign("streamed.p7s", ["-stream", "-nodetach"]);
    const der = sign("der.p7s", ["-nodetach"]);
    expect(() => parseDer(streamed, "streamed")).toThrow(/indefinite length is not DER/);
    expect(parseDer(der, "der").tag).toBe(0x30);
    const sd = parseSignedData(streamed);
    expect(sd.root.indefinite).toBe(true);
    expect(Buffer.from(sd.eContent!).toString("utf8")).toBe(content);

    const a = await validateBytes("streamed.p7s", streamed, opts);
    const b = await validateBytes("der.p7s", der, opts);
    expect(a.checks.filter((c) => c.result !== "passed")).toEqual([]);
    expect([a.indication, a.subIndication, a.format, a.level]).toEqual([
      b.indication,
      b.subIndication,
      b.format,
      b.level,
    ]);
    expect(a.indication).toBe("TOTAL-PASSED");
    expect(a.signer?.subject).toContain("Ayşe Yılmaz");
  });
  it("detached and streamed: the same verdict as detached DER", async () => {
    const streamed = sign("streamed-detached.p7s", ["-stream"]);
    const der = sign("der-detached.p7s", []);
    const detachedContent = new TextEncoder().encode(content);
    const a = await validateBytes("s", streamed, { ...opts, detachedContent });
    const b = await validateBytes("d", der, { ...opts, detachedContent });
    expect([a.indication, a.subIndication]).toEqual([b.indication, b.subIndication]);
    expect(a.indication).toBe("TOTAL-PASSED");
  });
  it("a streamed signature whose content was changed fails on the digest, like the DER one", async () => {
    const streamed = sign("streamed.p7s", ["-stream", "-nodetach"]);
    const at = Buffer.from(streamed).indexOf(Buffer.from("akış"));
    const bad = Uint8Array.from(streamed);
    bad[at] ^= 0x01;
    const r = await validateBytes("x", bad, opts);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
  it("BER stays out of what is signed: indefinite-length signed attributes are a format failure", async () => {
    const streamed = sign("streamed.p7s", ["-stream", "-nodetach"]);
    // Rewrite the SignerInfo's signed attributes [0] (definite, long form) as [0] indefinite ... 00 00.
    const sd = parseSignedData(streamed);
    const sa = sd.signerInfos[0]!.signedAttrsNode!;
    expect(sa.contentStart - sa.start).toBe(4); // a0 82 LL LL: the rewrite keeps every enclosing length right
    const b = Buffer.from(streamed);
    const patched = Buffer.concat([
      b.subarray(0, sa.start),
      Buffer.from([0xa0, 0x80]),
      b.subarray(sa.contentStart, sa.end),
      Buffer.from([0, 0]),
      b.subarray(sa.end),
    ]);
    expect(() => parseSignedData(patched)).toThrow(DerError);
    expect(() => parseSignedData(patched)).toThrow(/signed attributes: DER: indefinite length where DER is required/);
    const r = await validateBytes("x", patched, opts);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  });
});
