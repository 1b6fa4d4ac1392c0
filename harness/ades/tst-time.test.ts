// Time-stamp tokens whose genTime carries a fraction of a second with trailing zeros ("20190530080000.920Z"):
// DER forbids the trailing zero, real TSAs write it, BouncyCastle and OpenSSL read it. The token here is a
// TSTInfo signed by `openssl cms -sign -econtent_type id-smime-ct-TSTInfo` with a TSA key, so its signature is
// real; before this change parseTimestamp refused it ("bad GeneralizedTime") and the time-stamp was unreadable.
// What is really malformed (no seconds, no zone, an empty fraction, a comma) is still refused.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { int, octets, oid, seq, nul, tlv } from "../asn1/der-write.ts";
import { parseDer } from "../asn1/der.ts";
import { ALG, CMS_OID } from "../asn1/oids.ts";
import { parseTimestamp } from "./signer.ts";
import { parseCert, pemOrDer } from "./x509.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-tst-time-"));
const key = join(dir, "tsa.key");
const cert = join(dir, "tsa.pem");
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "30",
    "-subj",
    "/CN=test TSA",
    "-addext",
    "extendedKeyUsage=critical,timeStamping",
  ],
  { stdio: "pipe" },
);
const tsaCert = parseCert(pemOrDer(new Uint8Array(readFileSync(cert)))[0]);

function token(genTime: string): Uint8Array {
  const tstInfo = seq(
    int(1),
    oid("1.2.3.4.1"),
    seq(seq(oid(ALG.sha256), nul()), octets(new Uint8Array(32).fill(7))),
    int(42),
    tlv(0x18, new TextEncoder().encode(genTime)),
  );
  const inF = join(dir, "tst.der");
  const outF = join(dir, "tst.p7s");
  writeFileSync(inF, tstInfo);
  execFileSync(
    "openssl",
    [
      "cms",
      "-sign",
      "-binary",
      "-nodetach",
      "-econtent_type",
      CMS_OID.tstInfo,
      "-in",
      inF,
      "-signer",
      cert,
      "-inkey",
      key,
      "-outform",
      "DER",
      "-out",
      outF,
      "-cades",
      "-md",
      "sha256",
    ],
    { stdio: "pipe" },
  );
  return new Uint8Array(readFileSync(outF));
}
const parse = (b: Uint8Array) => parseDer(b, "TSTInfo");

describe("time-stamp genTime as TSAs write it", () => {
  it.each([
    ["20190530080000.920Z", "2019-05-30T08:00:00.920Z"],
    ["20190530080000.900Z", "2019-05-30T08:00:00.900Z"],
    ["20190530080000.0Z", "2019-05-30T08:00:00.000Z"],
    ["20190530080000.92Z", "2019-05-30T08:00:00.920Z"],
    ["20190530080000Z", "2019-05-30T08:00:00.000Z"],
  ])("%s is read as %s and the token's signature verifies", (g, iso) => {
    const ts = parseTimestamp(token(g), [tsaCert], parse);
    expect(ts.tst.genTime.toISOString()).toBe(iso);
    expect(ts.signer.signatureOk).toBe(true);
  });
  it.each(["201905300800Z", "20190530080000.920", "20190530080000.Z", "20190530080000,920Z", "20190530080000+0100"])(
    "%s is still refused as malformed",
    (g) => {
      expect(() => parseTimestamp(token(g), [tsaCert], parse)).toThrow(/genTime: bad GeneralizedTime/);
    },
  );
});
