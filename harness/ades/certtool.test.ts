// CMS written by GnuTLS's certtool (--p7-detached-sign / --p7-sign, signing time, signer certificate included):
// a real signer other than OpenSSL. openssl cms -verify is the reference for the math; uyum must agree on it,
// and say by name why certtool's PKCS#7 is not a CAdES-BES (no ESS signing-certificate attribute).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeThrowawayPki } from "../testing/sign/throwaway-pki.ts";
import { validateBytes } from "./index.ts";
import { parseCert, pemOrDer } from "./index.ts";

const pki = makeThrowawayPki();
const doc = join(pki.dir, "belge.txt");
writeFileSync(doc, "Sayın ilgili, certtool ile imzalanan belge.\n");

function certtool(mode: "--p7-detached-sign" | "--p7-sign", out: string): Uint8Array {
  const file = join(pki.dir, out);
  execFileSync(
    "certtool",
    [
      mode,
      "--load-privkey",
      "rsa.key",
      "--load-certificate",
      "rsa.pem",
      "--infile",
      doc,
      "--outfile",
      file,
      "--outder",
      "--p7-time",
      "--p7-include-cert",
    ],
    { cwd: pki.dir, stdio: "pipe" },
  );
  return new Uint8Array(readFileSync(file));
}
function opensslVerifies(file: string, detached: boolean): boolean {
  try {
    execFileSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        file,
        "-CAfile",
        pki.rootPath,
        "-binary",
        "-out",
        "/dev/null",
        ...(detached ? ["-content", doc] : []),
      ],
      { stdio: "pipe" },
    );
    return true;
  } catch {
    return false;
  }
}
const validate = (bytes: Uint8Array, detached: boolean) =>
  validateBytes("certtool.p7s", bytes, {
    anchors: pemOrDer(new TextEncoder().encode(pki.rootPem)).map(parseCert),
    detachedContent: detached ? new Uint8Array(readFileSync(doc)) : undefined,
  });
const check = (r: Awaited<ReturnType<typeof validate>>, id: string) => r.signatures[0]!.checks.find((c) => c.id === id);

describe("certtool (GnuTLS) CMS signatures", () => {
  for (const [mode, detached] of [
    ["--p7-detached-sign", true],
    ["--p7-sign", false],
  ] as const)
    it(`${mode}: the math verifies as openssl says; not CAdES for want of the signing-certificate attribute, named`, async () => {
      const bytes = certtool(mode, `${mode.slice(2)}.p7s`);
      expect(opensslVerifies(join(pki.dir, `${mode.slice(2)}.p7s`), detached)).toBe(true);
      const r = await validate(bytes, detached);
      expect(r.outcome).toBe("verdict");
      expect(check(r, "signature-value")?.result).toBe("passed");
      expect(check(r, "message-digest")?.result).toBe("passed");
      expect(check(r, "signing-certificate")?.reason.en).toMatch(/signing-certificate .* missing/);
      expect(r.signatures[0]!.inspection?.signedAttributes).toEqual(expect.arrayContaining(["signingTime"]));
    });

  it("a flipped byte in certtool's signature value: openssl and uyum both reject the math", async () => {
    const bytes = certtool("--p7-detached-sign", "bozuk.p7s");
    bytes[bytes.length - 1] ^= 0x01;
    writeFileSync(join(pki.dir, "bozuk.p7s"), bytes);
    expect(opensslVerifies(join(pki.dir, "bozuk.p7s"), true)).toBe(false);
    const r = await validate(bytes, true);
    expect(r.indication).toBe("TOTAL-FAILED");
    expect(check(r, "signature-value")?.result).toBe("failed");
  });
});
