import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addCounterSignature, addParallelSigner, createCades, encodeCades, OID, signerAttributes } from "./cades.ts";
import { readCades } from "../ades/cades.ts";
import { turkishPolicy } from "./common.ts";
import { makeThrowawayPki, type ThrowawayPki } from "../testing/sign/throwaway-pki.ts";

let pki: ThrowawayPki;
beforeAll(() => {
  pki = makeThrowawayPki();
});
const content = new TextEncoder().encode("Bu belge imzalanacak: çğıöşü ÇĞİÖŞÜ\n");
const at = new Date("2026-03-01T10:00:00Z");

function verify(der: Uint8Array, name: string, detached = false) {
  const f = path.join(pki.dir, name);
  writeFileSync(f, der);
  writeFileSync(f + ".content", content);
  const args = [
    "cms",
    "-verify",
    "-binary",
    "-inform",
    "DER",
    "-in",
    f,
    "-CAfile",
    pki.rootPath,
    "-purpose",
    "any",
    "-out",
    f + ".out",
  ];
  if (detached) args.push("-content", f + ".content");
  return spawnSync("openssl", args, { encoding: "utf8" });
}

describe("CAdES creation (cross-checked with openssl cms -verify)", () => {
  it("signer-attributes: the claimed roles are signed (openssl verifies) and read back by uyum's reader", () => {
    const roles = ["Daire Başkanı", "Şube Müdürü"];
    const der = encodeCades(
      createCades(pki.rsa, {
        content,
        certificates: [pki.rsa.certDer],
        signingTime: at,
        extraSignedAttrs: [signerAttributes(roles)],
      }),
    );
    expect(verify(der, "signer-role.p7s").stderr).toContain("Verification successful");
    expect(readCades({ bytes: der }).models[0]?.claimedRoles).toEqual(roles);
    const none = encodeCades(createCades(pki.rsa, { content, certificates: [pki.rsa.certDer], signingTime: at }));
    expect(readCades({ bytes: none }).models[0]?.claimedRoles).toBeUndefined();
  });
  it("BES attached and detached, RSA and ECDSA, verify", () => {
    for (const signer of [pki.rsa, pki.ec]) {
      for (const detached of [false, true]) {
        const doc = createCades(signer, { content, detached, certificates: [signer.certDer], signingTime: at });
        const r = verify(encodeCades(doc), `bes-${signer.label}-${detached}.p7s`, detached);
        expect(r.stderr + r.stdout).toContain("Verification successful");
      }
    }
  });
  it("EPES with the P4 policy, parallel and counter signatures verify; openssl prints the policy and counter-signature", () => {
    const doc = createCades(pki.rsa, {
      content,
      certificates: [pki.rsa.certDer],
      signingTime: at,
      policy: turkishPolicy("P4"),
      contentHints: { description: "metin", contentType: OID.data },
    });
    addParallelSigner(doc, pki.ec, { signingTime: at }, [pki.ec.certDer]);
    addCounterSignature(doc, doc.signerInfos[0]!, pki.ec, { signingTime: at });
    const der = encodeCades(doc);
    const r = verify(der, "multi.p7s");
    expect(r.stderr + r.stdout).toContain("Verification successful");
    const f = path.join(pki.dir, "multi.p7s");
    const printed = execFileSync("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", f], {
      encoding: "utf8",
    });
    expect(printed).toContain("2.16.792.1.61.0.1.5070.3.3.1");
    expect(printed).toContain("countersignature (1.2.840.113549.1.9.6)");
    expect(printed.match(/signatureAlgorithm:/g)?.length).toBe(2); // two parallel SignerInfos; the counter-signature sits inside an attribute
  });
  it("corrupted messageDigest and signature value fail openssl for that reason", () => {
    const md = createCades(pki.rsa, {
      content,
      certificates: [pki.rsa.certDer],
      signingTime: at,
      fault: { messageDigest: true },
    });
    const r1 = verify(encodeCades(md), "bad-md.p7s");
    expect(r1.status).not.toBe(0);
    // messageDigest is checked in CMS_SignerInfo_verify_content ("content verify error"), the signature in CMS_SignerInfo_verify
    expect(r1.stderr).toMatch(/CMS_SignerInfo_verify_content/);
    const sv = createCades(pki.rsa, {
      content,
      certificates: [pki.rsa.certDer],
      signingTime: at,
      fault: { signatureValue: true },
    });
    const r2 = verify(encodeCades(sv), "bad-sv.p7s");
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/signature failure|verification failure/i);
  });
});
