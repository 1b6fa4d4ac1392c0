import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { turkishPolicy } from "./common.ts";
import { createXades, serializeXades, type XadesOptions } from "./xades.ts";
import { makeThrowawayPki, type ThrowawayPki } from "../testing/sign/throwaway-pki.ts";

let pki: ThrowawayPki;
beforeAll(() => {
  pki = makeThrowawayPki();
});
const xml = new TextEncoder().encode(
  `<?xml version="1.0" encoding="UTF-8"?>\n<belge xmlns="urn:ornek"><baslik>Dilekçe</baslik><metin a="1">Şişli &amp; Üsküdar</metin></belge>`,
);
const txt = new TextEncoder().encode("Düz metin: ığüşöç\n");
const at = new Date("2026-03-01T10:00:00Z");

/** xmlsec1 with the XAdES Id attribute registered, trusting only the throwaway root. */
function xmlsecVerify(dir: string, file: string) {
  return spawnSync(
    "xmlsec1",
    [
      "--verify",
      "--trusted-pem",
      path.join(dir, "root.pem"),
      "--enabled-key-data",
      "x509",
      "--id-attr:Id",
      "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
      "--id-attr:Id",
      "http://www.w3.org/2000/09/xmldsig#:Object",
      file,
    ],
    { cwd: dir, encoding: "utf8" },
  );
}

function write(name: string, text: string) {
  const f = path.join(pki.dir, name);
  writeFileSync(f, text);
  return f;
}

describe("XAdES creation (cross-checked with xmlsec1 --verify)", () => {
  const cases: Array<[string, Partial<XadesOptions>, Uint8Array]> = [
    ["enveloped", { packaging: "enveloped", mimeType: "text/xml" }, xml],
    ["enveloping", { packaging: "enveloping", mimeType: "text/plain" }, txt],
    ["detached", { packaging: "detached", mimeType: "text/plain", detachedUri: "belge.txt" }, txt],
  ];
  for (const [name, opts, content] of cases) {
    it(`${name}: RSA and ECDSA, BES and EPES verify`, () => {
      writeFileSync(path.join(pki.dir, "belge.txt"), txt);
      for (const signer of [pki.rsa, pki.ec]) {
        for (const policy of [undefined, turkishPolicy("P4")]) {
          const s = createXades(signer, {
            ...(opts as XadesOptions),
            content,
            signingTime: at,
            keyInfoCerts: [signer.certDer],
            policy,
          });
          const f = write(`x-${name}-${signer.label}-${policy ? "epes" : "bes"}.xml`, serializeXades(s));
          const r = xmlsecVerify(pki.dir, f);
          expect(r.stderr, r.stderr).toContain("OK");
          expect(r.status).toBe(0);
        }
      }
    });
  }
  it("a broken SignatureValue and a wrong data digest fail xmlsec1", () => {
    for (const fault of [{ signatureValue: true }, { dataDigest: true }, { signedPropertiesDigest: true }]) {
      const s = createXades(pki.rsa, {
        packaging: "enveloped",
        mimeType: "text/xml",
        content: xml,
        signingTime: at,
        keyInfoCerts: [pki.rsa.certDer],
        fault,
      });
      const r = xmlsecVerify(pki.dir, write(`bad-${Object.keys(fault)[0]}.xml`, serializeXades(s)));
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("FAIL");
    }
  });
});

describe("XAdES counter-signature (cross-checked with xmlsec1 --node-id)", () => {
  it("the counter-signature over the parent's SignatureValue verifies, and the parent still does", async () => {
    const { addCounterSignature } = await import("./xades.ts");
    const parent = createXades(pki.rsa, {
      packaging: "enveloped",
      mimeType: "text/xml",
      content: xml,
      signingTime: at,
      keyInfoCerts: [pki.rsa.certDer],
    });
    addCounterSignature(parent, pki.ec, {
      mimeType: "text/xml",
      signingTime: at,
      keyInfoCerts: [pki.ec.certDer],
      id: "CounterSignature-1",
    });
    const f = write("counter.xml", serializeXades(parent));
    const base = [
      "--verify",
      "--trusted-pem",
      path.join(pki.dir, "root.pem"),
      "--enabled-key-data",
      "x509",
      "--id-attr:Id",
      "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
      "--id-attr:Id",
      "http://www.w3.org/2000/09/xmldsig#:SignatureValue",
      "--id-attr:Id",
      "http://www.w3.org/2000/09/xmldsig#:Signature",
    ];
    const outer = spawnSync("xmlsec1", [...base, "--node-id", "Signature-1", f], { encoding: "utf8" });
    expect(outer.status, outer.stderr).toBe(0);
    const inner = spawnSync("xmlsec1", [...base, "--node-id", "CounterSignature-1", f], { encoding: "utf8" });
    expect(inner.status, inner.stderr).toBe(0);
    expect(inner.stderr).toMatch(/^OK$/m);
    // tampering with the parent's SignatureValue breaks the counter-signature's reference
    const text = serializeXades(parent).replace(
      /(<ds:SignatureValue Id="Signature-1-SigValue">)(.)/,
      (_m, a: string, c: string) => a + (c === "A" ? "B" : "A"),
    );
    const bad = spawnSync("xmlsec1", [...base, "--node-id", "CounterSignature-1", write("counter-bad.xml", text)], {
      encoding: "utf8",
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/^FAIL$/m); // a verification failure, not xmlsec1 failing to run or read the file
  });
});
