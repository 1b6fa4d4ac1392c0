// xadesjs signing through the virtual card (issue 8, class 1 and 2 on a real signer): node-webcrypto-p11 loads the
// card's PKCS#11 module (the uyum interposer in front of SoftHSM2), so every signature value below is made by a
// C_Sign on the card, as a web or desktop application built on xadesjs would make it. Each output is judged by
// uyum (with live revocation from the PKI this file starts) and by xmlsec1 --verify on the signature math.
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMImplementation, DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { Crypto as P11Crypto } from "node-webcrypto-p11";
import * as xadesjs from "xadesjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCard, type CardInfo } from "../card/index.ts";
import { readTrace, traceMark, whichKeySigned } from "../card/trace.ts";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  SettableClock,
  startPkiServices,
  writePki,
  type PkiJson,
  type Services,
} from "../pki/index.ts";
import { validateBytes, type ValidationResult } from "./index.ts";
import { parseCert, pemOrDer } from "./x509.ts";

const GOOD_RSA = "nes-rsa";
const GOOD_EC = "nes-ec";
const REVOKED_TAG = "revoked-crl-before";
const C14N_INCL = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const C14N_EXC = "http://www.w3.org/2001/10/xml-exc-c14n#";

let root: string;
let pkiDir: string;
let rootPem: string;
let svc: Services;
let card: CardInfo;
let p11: P11Crypto;
let revokedLabel: string;
let signingTime: Date;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "uyum-xades-card-"));
  // no wall clock: xadesjs is given the PKI's reference time as SigningTime, the services answer at its
  // validation time, and uyum validates at the services' clock
  const config = loadPkiConfig(DEFAULT_PKI_CONFIG);
  signingTime = new Date(config.referenceTime);
  svc = await startPkiServices(config, { clock: new SettableClock(new Date(config.validationTime)) });
  pkiDir = join(root, "pki");
  await writePki(svc.pki, pkiDir);
  rootPem = join(pkiDir, "certs", "root.pem");
  const index = JSON.parse(readFileSync(join(pkiDir, "pki.json"), "utf8")) as PkiJson;
  revokedLabel = index.scenarios[REVOKED_TAG]![0]!;
  card = await provisionCard({
    pkiDir,
    outDir: join(root, "card"),
    certLabels: [GOOD_RSA, GOOD_EC, revokedLabel],
  });
  // the interposer reads its real module, state and trace from the environment of the process that loads it
  Object.assign(process.env, card.env);
  p11 = new P11Crypto({ library: card.module, slot: 0, readWrite: false });
  p11.login(card.pin!);
  xadesjs.Application.setEngine("uyum-card", p11 as never);
  xadesjs.setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation });
}, 120_000);

afterAll(async () => {
  p11?.close();
  await svc?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

type SignAlg =
  | { name: "RSASSA-PKCS1-v1_5"; hash: { name: string } }
  | { name: "RSA-PSS"; hash: { name: string }; saltLength: number }
  | { name: "ECDSA"; namedCurve: string; hash: { name: string } };
const RSA: SignAlg = { name: "RSASSA-PKCS1-v1_5", hash: { name: "SHA-256" } };
const PSS: SignAlg = { name: "RSA-PSS", hash: { name: "SHA-256" }, saltLength: 32 };
const EC: SignAlg = { name: "ECDSA", namedCurve: "P-256", hash: { name: "SHA-256" } };

/** The card's private key for a PKI label (found by its CKA_ID) and its certificate in base64. */
async function cardKey(label: string, alg: SignAlg): Promise<{ key: CryptoKey; certB64: string }> {
  const k = card.keys.find((x) => x.label === label);
  if (!k) throw new Error(`card has no key ${label}`);
  const index = (await p11.keyStorage.keys()).find((i) => i.startsWith("private-") && i.endsWith(`-${k.id}`));
  if (!index) throw new Error(`no private key object with CKA_ID ${k.id}`);
  const keyAlg = alg.name === "ECDSA" ? { name: "ECDSA", namedCurve: alg.namedCurve } : alg;
  const key = (await p11.keyStorage.getItem(index, keyAlg as never, false, ["sign"])) as unknown as CryptoKey;
  const certDer = pemOrDer(readFileSync(join(pkiDir, "certs", `${label}.pem`)))[0]!;
  return { key, certB64: Buffer.from(certDer).toString("base64") };
}

interface Made {
  bytes: Uint8Array;
  name: string;
  /** the PKCS#11 mechanisms the card used while xadesjs signed */
  mechs: string[];
}

/** xadesjs makes the signature; the card makes its value. */
async function signWith(
  name: string,
  label: string,
  alg: SignAlg,
  sign: (sx: xadesjs.SignedXml, key: CryptoKey, certB64: string) => Promise<Uint8Array>,
): Promise<Made> {
  const { key, certB64 } = await cardKey(label, alg);
  const mark = traceMark(card.dir);
  const bytes = await sign(new xadesjs.SignedXml(), key, certB64);
  const mechs = whichKeySigned(readTrace(card.dir, mark)).map((u) => `${u.label}:${u.mech}`);
  writeFileSync(join(root, `${name}.xml`), bytes);
  return { bytes, name, mechs };
}

const serialize = (node: unknown) => new TextEncoder().encode(new XMLSerializer().serializeToString(node as never));

/** Enveloped into `docText`: the signature is appended to the document element, as xadesjs's README does. */
function enveloped(docText: string, alg: SignAlg, opts: { uri?: string; siC14n?: string } = {}) {
  return async (sx: xadesjs.SignedXml, key: CryptoKey, certB64: string) => {
    const doc = new DOMParser().parseFromString(docText, "application/xml");
    if (opts.siC14n) sx.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = opts.siC14n;
    await sx.Sign(
      alg as never,
      key,
      doc as never,
      {
        references: [
          {
            uri: opts.uri,
            hash: "SHA-256",
            transforms: ["enveloped", opts.siC14n === C14N_INCL ? "c14n" : "exc-c14n"],
          },
        ],
        x509: [certB64],
        signingCertificateV2: certB64,
        signingTime: { value: signingTime },
      } as never,
    );
    doc.documentElement!.appendChild(sx.GetXml() as never);
    return serialize(doc);
  };
}

/** Enveloping: the signed data is a ds:Object of the signature itself, the signature is the document. */
function enveloping(alg: SignAlg) {
  return async (sx: xadesjs.SignedXml, key: CryptoKey, certB64: string) => {
    const holder = new DOMParser().parseFromString(
      `<ds:Object xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="belge"><belge xmlns="urn:ornek:belge"><metin>Merhaba dünya</metin></belge></ds:Object>`,
      "application/xml",
    );
    const obj = new xadesjs.xml.DataObject();
    obj.LoadXml(holder.documentElement as never);
    sx.XmlSignature.ObjectList.Add(obj);
    await sx.Sign(
      alg as never,
      key,
      new DOMParser().parseFromString("<x/>", "application/xml") as never,
      {
        references: [{ uri: "#belge", hash: "SHA-256", transforms: ["c14n"] }],
        x509: [certB64],
        signingCertificateV2: certB64,
        signingTime: { value: signingTime },
      } as never,
    );
    return serialize(sx.GetXml());
  };
}

/** Detached: the reference names a file beside the signature by its relative URI, its bytes digested as they are. */
function detached(content: Uint8Array, fileName: string, alg: SignAlg) {
  return async (sx: xadesjs.SignedXml, key: CryptoKey, certB64: string) => {
    await sx.Sign(
      alg as never,
      key,
      content as never,
      {
        references: [{ uri: fileName, hash: "SHA-256" }],
        x509: [certB64],
        signingCertificateV2: certB64,
        signingTime: { value: signingTime },
      } as never,
    );
    return serialize(sx.GetXml());
  };
}

/** xmlsec1's verdict on the signature math (references and signature value) with the PKI's chain. */
function xmlsecVerifies(m: Made): { ok: boolean; out: string } {
  const r = spawnSync(
    "xmlsec1",
    [
      "--verify",
      "--trusted-pem",
      rootPem,
      "--untrusted-pem",
      join(pkiDir, "certs", "subroot.pem"),
      "--id-attr:Id",
      "SignedProperties",
      "--id-attr:Id",
      "Object",
      join(root, `${m.name}.xml`),
    ],
    { encoding: "utf8", cwd: root },
  );
  return { ok: r.status === 0, out: r.stderr };
}

async function uyum(m: Made, detachedContent?: Uint8Array): Promise<ValidationResult> {
  return validateBytes(`${m.name}.xml`, m.bytes, {
    anchors: [parseCert(pemOrDer(readFileSync(rootPem))[0]!)],
    at: svc.clock.now(),
    fetch: true,
    fetchTimeoutMs: 5000,
    detachedContent,
  });
}

const brief = (v: ValidationResult) => [v.outcome, v.signatures[0]?.indication, v.signatures[0]?.subIndication];
const failedChecks = (v: ValidationResult) =>
  (v.signatures[0]?.checks ?? []).filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id);
const consulted = () => svc.counts.crl + svc.counts.ocsp;

/** An invoice-like document with a default namespace and a second prefix the signature inherits in place. */
const DOC =
  '<belge xmlns="urn:ornek:belge" xmlns:ek="urn:ornek:ek"><ek:baslik>Dilekçe</ek:baslik><metin>Merhaba dünya</metin></belge>';
const DETACHED_TEXT = new TextEncoder().encode("Bu belge ayrık (detached) imzalanır: ğüşöçıİ\n");

describe("xadesjs + node-webcrypto-p11 through the card: uyum and xmlsec1 agree", () => {
  const cases: {
    name: string;
    label: string;
    alg: SignAlg;
    mech: RegExp;
    make: () => (sx: xadesjs.SignedXml, key: CryptoKey, certB64: string) => Promise<Uint8Array>;
    detachedContent?: Uint8Array;
    note?: RegExp;
  }[] = [
    {
      // xadesjs's defaults: a Reference without URI, SignedInfo in inclusive C14N 1.0, which carries the
      // document's default namespace and xmlns:ek to the SignedInfo apex (issue 8 class 1 and 2)
      name: "enveloped-default-ns",
      label: GOOD_RSA,
      alg: RSA,
      mech: /^CKM_SHA256_RSA_PKCS$/,
      make: () => enveloped(DOC, RSA),
      note: /no URI.*document enveloping the signature/,
    },
    {
      name: "enveloped-uri-exc",
      label: GOOD_RSA,
      alg: RSA,
      mech: /^CKM_SHA256_RSA_PKCS$/,
      make: () => enveloped(DOC, RSA, { uri: "", siC14n: C14N_EXC }),
    },
    { name: "enveloped-ecdsa", label: GOOD_EC, alg: EC, mech: /^CKM_ECDSA/, make: () => enveloped(DOC, EC) },
    { name: "enveloping", label: GOOD_RSA, alg: RSA, mech: /^CKM_SHA256_RSA_PKCS$/, make: () => enveloping(RSA) },
    {
      name: "detached",
      label: GOOD_RSA,
      alg: RSA,
      mech: /^CKM_SHA256_RSA_PKCS$/,
      make: () => detached(DETACHED_TEXT, "belge.txt", RSA),
      detachedContent: DETACHED_TEXT,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: signed on the card, xmlsec1 verifies it, uyum says TOTAL-PASSED with live revocation`, async () => {
      writeFileSync(join(root, "belge.txt"), DETACHED_TEXT);
      const m = await signWith(c.name, c.label, c.alg, c.make());
      expect(m.mechs).toHaveLength(1);
      expect(m.mechs[0]).toMatch(new RegExp(`^${c.label}:`));
      expect(m.mechs[0]!.split(":")[1]).toMatch(c.mech);
      const x = xmlsecVerifies(m);
      expect(x.out).toMatch(/SignedInfo References \(ok\/all\): 2\/2/);
      expect(x.ok, x.out).toBe(true);
      const before = consulted();
      const v = await uyum(m, c.detachedContent);
      expect({ verdict: brief(v), failed: failedChecks(v) }).toEqual({
        verdict: ["verdict", "TOTAL-PASSED", undefined],
        failed: [],
      });
      expect(v.signatures[0]!.format).toBe("XAdES");
      expect(consulted()).toBeGreaterThan(before);
      if (c.note) expect(v.signatures[0]!.inspection?.notes?.join("\n")).toMatch(c.note);
    });
  }

  it("a changed character in the enveloped document, or another detached document: both reject the digest", async () => {
    const m = await signWith("tamper", GOOD_RSA, RSA, enveloped(DOC, RSA));
    const bad: Made = {
      ...m,
      name: "tamper-bad",
      bytes: new TextEncoder().encode(Buffer.from(m.bytes).toString("utf8").replace("Merhaba", "Merhabe")),
    };
    writeFileSync(join(root, "tamper-bad.xml"), bad.bytes);
    expect(xmlsecVerifies(bad).ok).toBe(false);
    expect(brief(await uyum(bad))).toEqual(["verdict", "TOTAL-FAILED", "HASH_FAILURE"]);

    writeFileSync(join(root, "belge.txt"), DETACHED_TEXT);
    const d = await signWith("detached-other", GOOD_RSA, RSA, detached(DETACHED_TEXT, "belge.txt", RSA));
    const other = new TextEncoder().encode("Başka bir belge\n");
    writeFileSync(join(root, "belge.txt"), other);
    expect(xmlsecVerifies(d).ok).toBe(false);
    expect(brief(await uyum(d, other))).toEqual(["verdict", "TOTAL-FAILED", "HASH_FAILURE"]);
    // without its document the detached signature is not broken: its data is missing
    expect(brief(await uyum(d))).toEqual(["verdict", "INDETERMINATE", "SIGNED_DATA_NOT_FOUND"]);
  });

  it("signed with the key of a certificate revoked before signing: the math verifies, uyum says INDETERMINATE/REVOKED_NO_POE from the live CRL", async () => {
    const m = await signWith("revoked", revokedLabel, RSA, enveloped(DOC, RSA));
    expect(m.mechs.map((x) => x.split(":")[0])).toEqual([revokedLabel]);
    expect(xmlsecVerifies(m).ok).toBe(true);
    const before = svc.counts.crl;
    const v = await uyum(m);
    expect(brief(v)).toEqual(["verdict", "INDETERMINATE", "REVOKED_NO_POE"]);
    expect(failedChecks(v)).toEqual(["revocation"]);
    expect(svc.counts.crl).toBeGreaterThan(before);
  });
});

/** SignedInfo as it stands in `m`, canonicalised by xmllint (its in-scope namespaces declared on it, as inclusive C14N carries them). */
function xmllintSignedInfo(m: Made, exclusive: boolean, inherited: string): Buffer {
  const xml = Buffer.from(m.bytes).toString("utf8");
  const si = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(xml)![0];
  const f = join(root, `${m.name}.si.xml`);
  writeFileSync(
    f,
    si.replace("<ds:SignedInfo>", `<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"${inherited}>`),
  );
  const r = spawnSync("xmllint", [exclusive ? "--exc-c14n" : "--c14n", f]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout;
}

/** openssl's verdict on an RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signature value over `data`. */
function opensslPssVerifies(m: Made, label: string, data: Uint8Array): boolean {
  const value = /<ds:SignatureValue>([^<]*)<\/ds:SignatureValue>/.exec(Buffer.from(m.bytes).toString("utf8"))![1]!;
  const [sig, dat, pub] = ["sig", "dat", "pub"].map((e) => join(root, `${m.name}.${e}`)) as [string, string, string];
  writeFileSync(sig, Buffer.from(value.replace(/\s/g, ""), "base64"));
  writeFileSync(dat, data);
  const p = spawnSync("openssl", ["x509", "-in", join(pkiDir, "certs", `${label}.pem`), "-pubkey", "-noout"]);
  writeFileSync(pub, p.stdout);
  const r = spawnSync("openssl", [
    "dgst",
    "-sha256",
    "-sigopt",
    "rsa_padding_mode:pss",
    "-sigopt",
    "rsa_pss_saltlen:32",
    "-sigopt",
    "rsa_mgf1_md:sha256",
    "-verify",
    pub,
    "-signature",
    sig,
    dat,
  ]);
  return r.status === 0;
}

describe("xadesjs RSA-PSS output (RFC 9231 rsa-pss with RSAPSSParams) through the card", () => {
  // xmlsec1 does not implement the parameterised rsa-pss URI (only the …-rsa-MGF1 family), so the cross-check on
  // the signature math is openssl over SignedInfo as xmllint canonicalises it.
  const PSS_NS = ' xmlns:pss="http://www.w3.org/2007/05/xmldsig-more#"';
  const DOC_NS = ' xmlns="urn:ornek:belge" xmlns:ek="urn:ornek:ek"';

  it("with an exclusive-C14N SignedInfo: uyum TOTAL-PASSED, openssl verifies the value over xmllint's C14N", async () => {
    const m = await signWith("pss-exc", GOOD_RSA, PSS, enveloped(DOC, PSS, { siC14n: C14N_EXC }));
    expect(m.mechs).toEqual([`${GOOD_RSA}:CKM_SHA256_RSA_PKCS_PSS`]);
    expect(xmlsecVerifies(m).out).toMatch(/href=http:\/\/www\.w3\.org\/2007\/05\/xmldsig-more#rsa-pss/);
    expect(opensslPssVerifies(m, GOOD_RSA, xmllintSignedInfo(m, true, DOC_NS))).toBe(true);
    const v = await uyum(m);
    expect(brief(v)).toEqual(["verdict", "TOTAL-PASSED", undefined]);
  });

  it("with xadesjs's default inclusive C14N: its value is over a non-canonical SignedInfo, so uyum and openssl both reject it", async () => {
    // xadesjs declares xmlns:pss on the SignedInfo it signs, but writes the declaration on RSAPSSParams; inclusive
    // C14N of the SignedInfo in the written document (W3C C14N 1.0 §2.3: a declaration is rendered where it is
    // in scope and not yet rendered) keeps it on RSAPSSParams, so a conformant verifier cannot match the value.
    const m = await signWith("pss-incl", GOOD_RSA, PSS, enveloped(DOC, PSS));
    const canonical = xmllintSignedInfo(m, false, DOC_NS);
    expect(canonical.toString("utf8")).toContain(`<pss:RSAPSSParams${PSS_NS}>`);
    expect(opensslPssVerifies(m, GOOD_RSA, canonical)).toBe(false);
    // what xadesjs really signed: the same SignedInfo with xmlns:pss moved up to its apex
    const asSigned = xmllintSignedInfo(
      { ...m, bytes: new TextEncoder().encode(Buffer.from(m.bytes).toString("utf8").replace(PSS_NS, "")) },
      false,
      DOC_NS + PSS_NS,
    );
    expect(opensslPssVerifies(m, GOOD_RSA, asSigned)).toBe(true);
    const v = await uyum(m);
    expect(brief(v)).toEqual(["verdict", "TOTAL-FAILED", "SIG_CRYPTO_FAILURE"]);
    expect(failedChecks(v)).toEqual(["signature-value"]);
  });
});
