// Where an independent tool checks the same thing, it must agree with us: openssl cms -verify (CAdES
// signature + chain), xmlsec1 --verify (XML-DSig core of XAdES), pdfsig (PAdES), openssl verify (PKITS
// path validation, the sections openssl implements).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { ensureVectors } from "../vectors/generate.ts";
import { parseCrl } from "./crl.ts";
import { validateBytes } from "./index.ts";
import { runPkitsCase, PKITS_TIME, type PkitsCase } from "./pkits.ts";
import { anchor, cades, crls, SIGNING_TIME, testPki, VALIDATION_TIME, xades } from "../testing/ades/fixture.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-ades-cross-"));
const run = (cmd: string, args: string[]) => {
  const o = spawnSync(cmd, args, { encoding: "utf8" });
  // the tool must really have run: a missing binary (or a kill) would "agree" with every rejection
  if (o.error || o.status === null) throw new Error(`${cmd} did not run: ${o.error?.message ?? `signal ${o.signal}`}`);
  return o;
};

describe("openssl cms -verify agrees on CAdES", async () => {
  const pki = await testPki();
  const root = join(dir, "root.pem");
  writeFileSync(root, pki.get("root").certPem);
  const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME };
  // the third field: what the tool must say where the case leaves no doubt (else agreeing on a wrong verdict passes)
  const cases: [string, Uint8Array, boolean?][] = [
    ["good", cades(pki), true],
    ["signature value corrupted", cades(pki, { fault: { signatureValue: true } }), false],
    ["message digest corrupted", cades(pki, { fault: { messageDigest: true } }), false],
    ["ECDSA signer", cades(pki, { label: "nes-ec" }), true],
    ["SHA-1", cades(pki, { hash: "SHA-1" })],
  ];
  for (const [name, der, toolPasses] of cases) {
    it(name, async () => {
      const f = join(dir, `${name.replace(/\W+/g, "-")}.p7s`);
      writeFileSync(f, der);
      const o = run("openssl", [
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        f,
        "-CAfile",
        root,
        "-purpose",
        "any",
        "-crl_check_all",
        "-attime",
        String(VALIDATION_TIME.getTime() / 1000),
        "-out",
        "/dev/null",
      ]);
      const ours = await validateBytes(f, der, opts);
      expect(
        ours.indication === "TOTAL-PASSED",
        `openssl: ${o.stderr.trim()} | ours: ${ours.indication}/${ours.subIndication}`,
      ).toBe(o.status === 0);
      if (toolPasses !== undefined) expect(o.status === 0, `openssl: ${o.stderr.trim()}`).toBe(toolPasses);
    });
  }
});

describe("xmlsec1 --verify agrees on the XML-DSig core of XAdES", async () => {
  const pki = await testPki();
  writeFileSync(join(dir, "root.pem"), pki.get("root").certPem);
  writeFileSync(join(dir, "sub.pem"), pki.get("subroot").certPem);
  const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME, extraCrls: crls(pki).map(parseCrl) };
  const good = xades(pki);
  const changed = new TextDecoder().decode(good).replace("arz ederim", "arz etmem");
  const cases: [string, Uint8Array, boolean][] = [
    ["good", good, true],
    ["signature value corrupted", xades(pki, { fault: { signatureValue: true } }), false],
    ["data digest corrupted", xades(pki, { fault: { dataDigest: true } }), false],
    ["signed properties digest corrupted", xades(pki, { fault: { signedPropertiesDigest: true } }), false],
    ["document changed after signing", new TextEncoder().encode(changed), false],
    [
      "enveloping",
      xades(pki, { packaging: "enveloping", content: new TextEncoder().encode("düz metin"), mimeType: "text/plain" }),
      true,
    ],
  ];
  it("the changed document really differs from the good one", () =>
    expect(changed).not.toBe(new TextDecoder().decode(good)));
  for (const [name, xml, toolPasses] of cases) {
    it(name, async () => {
      const f = join(dir, `${name.replace(/\W+/g, "-")}.xml`);
      writeFileSync(f, xml);
      const gmt = VALIDATION_TIME.toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "");
      const o = run("xmlsec1", [
        "--verify",
        "--trusted-pem",
        join(dir, "root.pem"),
        "--untrusted-pem",
        join(dir, "sub.pem"),
        "--id-attr:Id",
        "SignedProperties",
        "--id-attr:Id",
        "Object",
        "--verification-gmt-time",
        gmt,
        f,
      ]);
      const ours = await validateBytes(f, xml, opts);
      expect(
        ours.indication === "TOTAL-PASSED",
        `xmlsec1 rc ${o.status}: ${o.stderr.split("\n").slice(-3).join(" ")} | ours: ${ours.indication}/${ours.subIndication}`,
      ).toBe(o.status === 0);
      expect(o.status === 0, `xmlsec1: ${o.stderr.split("\n").slice(-3).join(" ")}`).toBe(toolPasses);
    });
  }
});

describe("pdfsig agrees on PAdES signature integrity", async () => {
  const vdir = await ensureVectors();
  const manifest = JSON.parse(readFileSync(join(vdir, "manifest.json"), "utf8")) as {
    vectors: {
      id: string;
      file: string;
      format: string;
      trustAnchors: string[];
      validationTime: string;
      expected: { subIndication?: string };
    }[];
  };
  const tampered = ["kamusm-05-pades-b-b-enveloped", "kamusm-07-pades-b-b-enveloped"]; // digest (5), signature value (7)
  const picks = manifest.vectors.filter(
    (v) => v.format === "PAdES" && ["pades-b-b", "pades-b-lt", ...tampered].includes(v.id),
  );
  it("has the four PAdES vectors it compares", () => expect(picks.length).toBe(4));
  for (const v of picks) {
    it(v.id, async () => {
      const f = join(vdir, v.file);
      const o = run("pdfsig", [f]);
      const pdfsigIntact = /Signature Validation: Signature is Valid/.test(o.stdout);
      // pdfsig must have judged the signature either way (no output at all is not "not intact")
      expect(o.stdout).toMatch(/Signature Validation: (Signature is Valid|Signature is Invalid|Digest Mismatch)/);
      expect(pdfsigIntact, v.id).toBe(!tampered.includes(v.id));
      const r = await validateBytes(f, new Uint8Array(readFileSync(f)), {
        anchors: [anchor(await testPki())],
        at: new Date(v.validationTime),
        fetch: false,
      });
      // pdfsig checks the CMS over the byte ranges (not our trust or revocation): compare integrity only.
      const oursIntact = !r.checks.some(
        (c) => ["message-digest", "signature-value", "format"].includes(c.id) && c.result === "failed",
      );
      expect(
        oursIntact,
        `pdfsig: ${o.stdout.match(/Signature Validation: .*/)?.[0]} | ours: ${r.indication}/${r.subIndication}`,
      ).toBe(pdfsigIntact);
    });
  }
});

const { dir: shared, skipReason } = sharedDirForTests();
describe.skipIf(!shared)(
  `openssl verify agrees with validate-chain on NIST PKITS (sections openssl implements)${skipReason ? ` (${skipReason})` : ""}`,
  () => {
    const pk = shared ? join(shared, "ground-truth", "nist-pkits") : "";
    const cases: PkitsCase[] = shared ? JSON.parse(readFileSync(join(pk, "pkits.json"), "utf8")) : [];
    // 4.1 signatures, 4.2 validity, 4.4 basic revocation, 4.6 basic constraints, 4.7 key usage, 4.13 name
    // constraints: no policy inputs, no indirect or delta CRLs.
    const picked = cases.filter(
      (c) => /^40(1|2|4|6|7)|^413/.test(c.id) && !c.params && c.revocation !== false && !c.path_intermediates,
    );
    const pem = (f: string, kind: "certs" | "crls") => {
      const out = join(dir, `${f}.pem`);
      const args =
        kind === "certs"
          ? ["x509", "-inform", "DER", "-in", join(pk, kind, f), "-out", out]
          : ["crl", "-inform", "DER", "-in", join(pk, kind, f), "-out", out];
      run("openssl", args);
      return out;
    };
    it(`compares ${picked.length} cases`, () => expect(picked.length).toBeGreaterThan(60));
    for (const c of picked) {
      it(`${c.id} ${c.name}`, () => {
        const untrusted = join(dir, `${c.id}-chain.pem`);
        writeFileSync(untrusted, (c.other_certs ?? []).map((f) => readFileSync(pem(f, "certs"), "utf8")).join(""));
        const crlFile = join(dir, `${c.id}-crls.pem`);
        writeFileSync(
          crlFile,
          ["TrustAnchorRootCRL.crl", ...(c.crls ?? [])].map((f) => readFileSync(pem(f, "crls"), "utf8")).join(""),
        );
        const o = run("openssl", [
          "verify",
          "-attime",
          String(PKITS_TIME.getTime() / 1000),
          "-CAfile",
          pem("TrustAnchorRootCertificate.crt", "certs"),
          "-untrusted",
          untrusted,
          "-CRLfile",
          crlFile,
          "-crl_check_all",
          "-extended_crl",
          pem(c.cert, "certs"),
        ]);
        const ours = runPkitsCase(pk, c);
        expect(ours.result.ok, `openssl: ${o.stdout.trim()} ${o.stderr.trim()} | ours: ${ours.result.message}`).toBe(
          o.status === 0,
        );
      });
    }
  },
);
void SIGNING_TIME;
