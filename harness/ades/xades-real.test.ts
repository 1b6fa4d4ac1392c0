// XML signatures written by real tools, judged by uyum and by xmlsec1 side by side (issue 8, the XML classes):
// xmlsec1 signing XAdES templates (C14N 1.0 / 1.1 inclusive and exclusive, enveloped into a document whose
// default namespace, xmlns:ds and xml:lang the SignedProperties inherit; enveloping a PDF), xadesjs (enveloped
// with a URI-less Reference, RSA and ECDSA), openssl making RSASSA-PSS / SHA-3 signature values over SignedInfo
// as xmllint canonicalises it, and the EU DSS samples for counter-signatures and the XAdES 1.1.1–1.2.2 namespaces.
import "reflect-metadata";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Crypto } from "@peculiar/webcrypto";
import { DOMImplementation, DOMParser, XMLSerializer } from "@xmldom/xmldom";
import * as xadesjs from "xadesjs";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { makeThrowawayPki, type ThrowawayPki } from "../testing/sign/throwaway-pki.ts";
import { validateBytes } from "./index.ts";
import { readXades } from "./xades.ts";
import { parseCert } from "./x509.ts";

const DS = "http://www.w3.org/2000/09/xmldsig#";
const C14N = {
  incl10: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  incl10c: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
  incl11: "http://www.w3.org/2006/12/xml-c14n11",
  exc: "http://www.w3.org/2001/10/xml-exc-c14n#",
};
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

let pki: ThrowawayPki;
let work: string;
beforeAll(() => {
  pki = makeThrowawayPki();
  work = mkdtempSync(path.join(os.tmpdir(), "uyum-xades-real-"));
});

function pemBody(file: string): Buffer {
  return Buffer.from(readFileSync(path.join(pki.dir, file), "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64");
}

/** The XAdES SignedProperties for the RSA certificate of the throwaway PKI (SigningCertificate v1 or V2). */
function signedProperties(id: string, v2: boolean, mime?: string): string {
  const der = pemBody("rsa.pem");
  const cert = parseCert(new Uint8Array(der));
  const digest = createHash("sha256").update(der).digest("base64");
  const serial = BigInt("0x" + cert.serialHex).toString();
  const sc = v2
    ? `<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>`
    : `<xades:SigningCertificate><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${digest}</ds:DigestValue></xades:CertDigest><xades:IssuerSerial><ds:X509IssuerName>${cert.issuer.text}</ds:X509IssuerName><ds:X509SerialNumber>${serial}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>`;
  const dof = mime
    ? `<xades:SignedDataObjectProperties><xades:DataObjectFormat ObjectReference="#ref-belge"><xades:MimeType>${mime}</xades:MimeType></xades:DataObjectFormat></xades:SignedDataObjectProperties>`
    : "";
  return `<xades:SignedProperties Id="${id}"><xades:SignedSignatureProperties><xades:SigningTime>2026-01-05T10:00:00Z</xades:SigningTime>${sc}</xades:SignedSignatureProperties>${dof}</xades:SignedProperties>`;
}

function reference(uri: string, transforms: string[], extra = ""): string {
  const t = transforms.map((a) => `<ds:Transform Algorithm="${a}"/>`).join("");
  return `<ds:Reference ${extra}URI="${uri}"><ds:Transforms>${t}</ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>`;
}

/** xmlsec1 computes the digests and the signature value of a template with the RSA key. */
function xmlsecSign(name: string, template: string, idAttrs: string[] = []): Uint8Array {
  const tmpl = path.join(work, `${name}.tmpl.xml`);
  const out = path.join(work, `${name}.xml`);
  writeFileSync(tmpl, template);
  const key = `${path.join(pki.dir, "rsa.key")},${path.join(pki.dir, "rsa.pem")}`;
  const ids = ["SignedProperties", ...idAttrs].flatMap((e) => ["--id-attr:Id", e]);
  execFileSync("xmlsec1", ["--sign", "--privkey-pem", key, ...ids, "--output", out, tmpl], { stdio: "pipe" });
  return readFileSync(out);
}

/** xmlsec1's own verdict on the XML-DSig core (references and signature value). */
function xmlsecVerifies(bytes: Uint8Array, name: string, idAttrs: string[] = []): boolean {
  const f = path.join(work, `${name}.verify.xml`);
  writeFileSync(f, bytes);
  const ids = ["SignedProperties", ...idAttrs].flatMap((e) => ["--id-attr:Id", e]);
  const r = spawnSync("xmlsec1", ["--verify", "--trusted-pem", pki.rootPath, ...ids, f], { encoding: "utf8" });
  return r.status === 0;
}

function core(bytes: Uint8Array) {
  const r = readXades({ bytes });
  expect(r.problems).toEqual([]);
  const m = r.models[0];
  return { m, ok: !m.formatProblems.length && m.digestOk && m.signatureOk };
}

/** Enveloped XAdES inside a document that declares a default namespace, xmlns:ds, xmlns:xades and xml:lang. */
function envelopedTemplate(
  si: string,
  refs: string,
  v2 = false,
  xadesNs = "http://uri.etsi.org/01903/v1.3.2#",
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!-- belge -->\n` +
    `<belge xmlns="urn:ornek:belge" xmlns:ds="${DS}" xmlns:xades="${xadesNs}" xml:lang="tr">\n` +
    `  <metin a="1" b="&quot;2&quot;">Merhaba dünya &amp; &lt;herkes&gt;</metin>\n  <!-- yorum -->\n` +
    `  <ds:Signature Id="imza"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${si}"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>${refs}</ds:SignedInfo>` +
    `<ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo><ds:Object>` +
    `<xades:QualifyingProperties Target="#imza">${signedProperties("imza-sp", v2)}</xades:QualifyingProperties>` +
    `</ds:Object></ds:Signature>\n</belge>\n`
  );
}

describe("xmlsec1-signed XAdES: inclusive C14N with inherited namespaces and xml:* attributes (class 1)", () => {
  const cases: [string, string, string][] = [
    ["C14N 1.0 inclusive", C14N.incl10, C14N.incl10],
    ["C14N 1.0 inclusive with comments", C14N.incl10c, C14N.incl10c],
    ["C14N 1.1 inclusive", C14N.incl11, C14N.incl11],
    ["exclusive C14N", C14N.exc, C14N.exc],
  ];
  for (const [label, siAlg, refAlg] of cases) {
    it(`${label}: uyum and xmlsec1 both verify the core`, () => {
      const refs =
        reference("", ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", refAlg]) +
        reference("#imza-sp", [refAlg], 'Type="http://uri.etsi.org/01903#SignedProperties" ');
      const bytes = xmlsecSign(label.replace(/\W+/g, "-"), envelopedTemplate(siAlg, refs));
      expect(xmlsecVerifies(bytes, label.replace(/\W+/g, "-"))).toBe(true);
      const { m, ok } = core(bytes);
      expect({ ok, digestProblem: m.digestProblem }).toEqual({ ok: true, digestProblem: undefined });
    });
  }

  it("a changed character in the signed document fails the digest for both", () => {
    const refs =
      reference("", ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", C14N.incl10]) +
      reference("#imza-sp", [C14N.incl10], 'Type="http://uri.etsi.org/01903#SignedProperties" ');
    const good = Buffer.from(xmlsecSign("tamper", envelopedTemplate(C14N.incl10, refs))).toString("utf8");
    const bad = new TextEncoder().encode(good.replace("Merhaba", "Merhabe"));
    expect(xmlsecVerifies(bad, "tamper-bad")).toBe(false);
    const { m } = core(bad);
    expect(m.digestOk).toBe(false);
    expect(m.digestProblem).toMatch(/Reference "" does not match/);
  });

  it("SigningCertificate is reported as v1 and SigningCertificateV2 as v2 (class 8)", () => {
    const refs =
      reference("", ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", C14N.exc]) +
      reference("#imza-sp", [C14N.exc], 'Type="http://uri.etsi.org/01903#SignedProperties" ');
    const v1 = core(xmlsecSign("sc-v1", envelopedTemplate(C14N.exc, refs, false)));
    const v2 = core(xmlsecSign("sc-v2", envelopedTemplate(C14N.exc, refs, true)));
    expect([v1.ok, v1.m.essVersion, v1.m.essOk, v1.m.essHash]).toEqual([true, 1, true, "SHA-256"]);
    expect([v2.ok, v2.m.essVersion, v2.m.essOk, v2.m.essHash]).toEqual([true, 2, true, "SHA-256"]);
  });
});

// A minimal PDF, carried base64 in the enveloping signature's ds:Object.
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function envelopingPdf(sigMethod = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"): string {
  return (
    `<ds:Signature xmlns:ds="${DS}" Id="imza"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${C14N.incl10}"/>` +
    `<ds:SignatureMethod Algorithm="${sigMethod}"/>` +
    reference("#belge", [C14N.incl10], 'Id="ref-belge" ') +
    reference("#imza-sp", [C14N.incl10], 'Type="http://uri.etsi.org/01903#SignedProperties" ') +
    `</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>` +
    `<ds:Object Id="belge" MimeType="application/pdf" Encoding="http://www.w3.org/2000/09/xmldsig#base64">${PDF.toString("base64")}</ds:Object>` +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#imza">` +
    `${signedProperties("imza-sp", true, "application/pdf")}</xades:QualifyingProperties></ds:Object></ds:Signature>`
  );
}

describe("XPath Filter 2.0 intersect, as xmlsec1 signs it", () => {
  const F2 = "http://www.w3.org/2002/06/xmldsig-filter2";
  const F2_TRANSFORM = (xpath: string) =>
    `<ds:Transform Algorithm="${F2}"><f2:XPath xmlns:f2="${F2}" Filter="intersect">${xpath}</f2:XPath></ds:Transform>`;
  /** Only the bolum Id="imzali" part of the document is signed; the ek beside it is not. */
  const doc = (dataRef: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<belge xmlns="urn:ornek:belge" xmlns:ds="${DS}" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">` +
    `<bolum Id="imzali"><metin>Merhaba</metin> ve <metin>dünya</metin></bolum><ek>imzasız ek</ek>` +
    `<ds:Signature Id="imza"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${C14N.incl10}"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>${dataRef}` +
    `<ds:Reference URI="" Type="http://uri.etsi.org/01903#SignedProperties"><ds:Transforms>` +
    F2_TRANSFORM("//*[@Id='imza-sp']") +
    `</ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>` +
    `</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo><ds:Object>` +
    `<xades:QualifyingProperties Target="#imza">${signedProperties("imza-sp", true)}</xades:QualifyingProperties>` +
    `</ds:Object></ds:Signature></belge>\n`;
  const cases: [string, string][] = [
    [
      "id('…')/node(): the children of an element, not the element",
      `<ds:Reference URI="#imzali"><ds:Transforms>${F2_TRANSFORM("id('imzali')/node()")}</ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>`,
    ],
    [
      "//*[@Id='…'] over the whole document",
      `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>${F2_TRANSFORM("//*[@Id='imzali']")}</ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue/></ds:Reference>`,
    ],
  ];
  for (const [label, dataRef] of cases) {
    it(`${label}: both verify; a change outside the intersection keeps it valid, a change inside breaks it for both`, () => {
      const name = `filter2-${cases.findIndex((c) => c[0] === label)}`;
      const text = Buffer.from(xmlsecSign(name, doc(dataRef), ["bolum"])).toString("utf8");
      const good = new TextEncoder().encode(text);
      expect(xmlsecVerifies(good, name, ["bolum"])).toBe(true);
      const { m, ok } = core(good);
      expect(ok).toBe(true);
      expect(m.notes.join("\n")).toMatch(/intersected \(XPath Filter 2\.0\) to <xades:SignedProperties>/);
      const outside = new TextEncoder().encode(text.replace("imzasız ek", "değişmiş ek"));
      expect(xmlsecVerifies(outside, `${name}-outside`, ["bolum"])).toBe(true);
      expect(core(outside).ok).toBe(true);
      const inside = new TextEncoder().encode(text.replace("dünya", "dunya"));
      expect(xmlsecVerifies(inside, `${name}-inside`, ["bolum"])).toBe(false);
      expect(core(inside).m.digestOk).toBe(false);
    });
  }

  it("an intersect that would make a SignedProperties reference sign another element is wrapping", () => {
    const bad = doc(cases[0]![1]).replace("//*[@Id='imza-sp']", "//*[@Id='imzali']");
    const { m } = (() => {
      const r = readXades({ bytes: xmlsecSign("filter2-wrap", bad, ["bolum"]) });
      return { m: r.models[0]! };
    })();
    expect(m.formatProblems.join()).toMatch(/wrapping/);
  });
});

describe("a QualifyingProperties Target that does not name the signature", () => {
  it("is read as the signature's own (it sits in its ds:Object, its SignedProperties signed by it) and the result says the Target is wrong", async () => {
    const refs =
      reference("", ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", C14N.incl10]) +
      reference("#imza-sp", [C14N.incl10], 'Type="http://uri.etsi.org/01903#SignedProperties" ');
    const bytes = xmlsecSign(
      "target-no-hash",
      envelopedTemplate(C14N.incl10, refs).replace('Target="#imza"', 'Target="imza"'),
    );
    expect(xmlsecVerifies(bytes, "target-no-hash")).toBe(true);
    const { m, ok } = core(bytes);
    expect(ok).toBe(true);
    expect(m.notes.join("\n")).toMatch(/Target="imza" does not name this signature \("#imza" expected/);
    const v = await validateBytes("target-no-hash.xml", bytes, { anchors: [parseCert(pki.rootDer)] });
    expect(v.signatures[0]!.inspection?.notes?.join("\n")).toMatch(/Target="imza"/);
    expect(v.signatures[0]!.checks.find((c) => c.id === "format")?.result).toBe("passed");
  });
});

describe("enveloping XAdES carrying a PDF (class 6)", () => {
  it("content-hints are judged against the signed PDF, not the XML envelope", async () => {
    const bytes = xmlsecSign("enveloping-pdf", envelopingPdf());
    expect(xmlsecVerifies(bytes, "enveloping-pdf")).toBe(true);
    expect(core(bytes).ok).toBe(true);
    const r = await validateBytes("enveloping-pdf.xml", bytes, { anchors: [parseCert(pki.rootDer)] });
    expect(r.documentType?.mediaType).toBe("application/pdf");
    expect(r.checks.filter((c) => c.id === "content-hints")).toEqual([]);
  });
});

/** Replace the signature value by openssl's, over SignedInfo as xmllint canonicalises it (C14N 1.0). */
function resignWithOpenssl(bytes: Uint8Array, sigMethod: string, dgst: string, name: string): Uint8Array {
  let xml = Buffer.from(bytes).toString("utf8");
  xml = xml.replace(/(<ds:SignatureMethod Algorithm=")[^"]+/, `$1${sigMethod}`);
  // SignedInfo's only in-scope namespace is ds (the signature is the root), so it canonicalises alone as in place.
  const si = /<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(xml)![0];
  const siFile = path.join(work, `${name}.si.xml`);
  writeFileSync(siFile, si.replace("<ds:SignedInfo>", `<ds:SignedInfo xmlns:ds="${DS}">`));
  const canon = execFileSync("xmllint", ["--c14n", siFile]);
  const canonFile = path.join(work, `${name}.si.c14n`);
  writeFileSync(canonFile, canon);
  const sig = execFileSync("openssl", [
    "dgst",
    `-${dgst}`,
    "-sign",
    path.join(pki.dir, "rsa.key"),
    "-sigopt",
    "rsa_padding_mode:pss",
    "-sigopt",
    "rsa_pss_saltlen:digest",
    "-sigopt",
    `rsa_mgf1_md:${dgst}`,
    canonFile,
  ]);
  xml = xml.replace(
    /<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/,
    `<ds:SignatureValue>${sig.toString("base64")}</ds:SignatureValue>`,
  );
  return new TextEncoder().encode(xml);
}

describe("RSASSA-PSS and SHA-3 signature values in XML (class 10)", () => {
  for (const [uri, dgst, hash] of [
    ["http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1", "sha256", "SHA-256"],
    ["http://www.w3.org/2007/05/xmldsig-more#sha3-256-rsa-MGF1", "sha3-256", undefined],
  ] as const) {
    it(`${uri.split("#")[1]} made by openssl verifies; a flipped bit does not`, () => {
      const signed = xmlsecSign(`pss-${dgst}`, envelopingPdf());
      const bytes = resignWithOpenssl(signed, uri, dgst, `pss-${dgst}`);
      const { m, ok } = core(bytes);
      expect(ok).toBe(true);
      // SHA-3 is named by the shared algorithm policy once harness/ades/algs.ts knows it; until then the
      // reader says which hash it verified with (and the policy must not pass what it cannot name).
      if (hash) expect(m.sigHash).toBe(hash);
      else if (m.sigHash === undefined) expect(m.notes.join()).toMatch(/signature hash SHA3-256/);
      else expect(m.sigHash).toBe("SHA3-256");
      const text = Buffer.from(bytes).toString("utf8");
      const broken = text.replace(
        /<ds:SignatureValue>(.)/,
        (_, c: string) => `<ds:SignatureValue>${c === "A" ? "B" : "A"}`,
      );
      expect(core(new TextEncoder().encode(broken)).m.signatureOk).toBe(false);
    });
  }
});

describe("SHA-3 reference digests (class 10)", () => {
  it("a sha3-256 DigestMethod computed by openssl over xmllint's C14N of the object verifies; a wrong one does not", () => {
    let xml = Buffer.from(xmlsecSign("sha3-digest", envelopingPdf())).toString("utf8");
    // The ds:Object's only in-scope namespace is ds, so xmllint canonicalises it alone as it is in place.
    const obj = /<ds:Object Id="belge"[\s\S]*?<\/ds:Object>/.exec(xml)![0];
    const objFile = path.join(work, "sha3-object.xml");
    writeFileSync(objFile, obj.replace("<ds:Object ", `<ds:Object xmlns:ds="${DS}" `));
    const canon = execFileSync("xmllint", ["--c14n", objFile]);
    const digest = execFileSync("openssl", ["dgst", "-sha3-256", "-binary"], { input: canon }).toString("base64");
    xml = xml.replace(
      /(<ds:Reference Id="ref-belge"[\s\S]*?<ds:DigestMethod Algorithm=")[^"]+("\/><ds:DigestValue>)[^<]+/,
      `$1http://www.w3.org/2007/05/xmldsig-more#sha3-256$2${digest}`,
    );
    expect(xml).toContain(`xmldsig-more#sha3-256"/><ds:DigestValue>${digest}<`);
    const bytes = resignWithOpenssl(
      new TextEncoder().encode(xml),
      "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
      "sha256",
      "sha3-digest",
    );
    const { m, ok } = core(bytes);
    expect({ ok, digestProblem: m.digestProblem }).toEqual({ ok: true, digestProblem: undefined });
    const wrong = Buffer.from(bytes).toString("utf8").replace(digest, Buffer.alloc(32).toString("base64"));
    expect(core(new TextEncoder().encode(wrong)).m.digestOk).toBe(false);
  });
});

describe("xadesjs: enveloped with a Reference without URI (class 2), RSA and ECDSA (class 10)", () => {
  const crypto = new Crypto();
  xadesjs.Application.setEngine("NodeJS", crypto as never);
  xadesjs.setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation });
  const algs = {
    rsa: { name: "RSASSA-PKCS1-v1_5", hash: { name: "SHA-256" } },
    ec: { name: "ECDSA", namedCurve: "P-256", hash: { name: "SHA-256" } },
  };
  async function xadesjsSign(kind: "rsa" | "ec", docText: string): Promise<Uint8Array> {
    const key = await crypto.subtle.importKey("pkcs8", new Uint8Array(pemBody(`${kind}.key`)), algs[kind], true, [
      "sign",
    ]);
    const certB64 = pemBody(`${kind}.pem`).toString("base64");
    const doc = new DOMParser().parseFromString(docText, "application/xml");
    const sx = new xadesjs.SignedXml();
    await sx.Sign(
      algs[kind] as never,
      key,
      doc as never,
      {
        references: [{ hash: "SHA-256", transforms: ["enveloped", "c14n"] }],
        x509: [certB64],
        signingCertificateV2: certB64,
      } as never,
    );
    doc.documentElement!.appendChild(sx.GetXml() as never);
    return new TextEncoder().encode(new XMLSerializer().serializeToString(doc as never));
  }

  for (const kind of ["rsa", "ec"] as const) {
    it(`${kind}: verified, and the result says how the URI-less reference was resolved`, async () => {
      const bytes = await xadesjsSign(kind, "<belge><metin>Merhaba</metin></belge>");
      expect(Buffer.from(bytes).toString()).not.toMatch(/<ds:Reference>\s*<ds:Transforms>[\s\S]*URI=""/);
      expect(xmlsecVerifies(bytes, `xadesjs-${kind}`)).toBe(true);
      const { m, ok } = core(bytes);
      expect(ok).toBe(true);
      expect(m.essVersion).toBe(2);
      expect(m.notes.join("\n")).toMatch(/no URI.*document enveloping the signature/);
      const v = await validateBytes(`xadesjs-${kind}.xml`, bytes, { anchors: [parseCert(pki.rootDer)] });
      expect(v.signatures[0].inspection?.notes?.join("\n")).toMatch(/no URI.*document enveloping the signature/);
      expect(v.signatures[0].checks.find((c) => c.id === "message-digest")?.result).toBe("passed");
    });
  }

  it("with --detached, a URI-less reference is the detached document", async () => {
    const bytes = await xadesjsSign("rsa", "<belge><metin>Merhaba</metin></belge>");
    const doc = Buffer.from(bytes).toString();
    const r = readXades({ bytes, detachedContent: new TextEncoder().encode(doc) });
    expect(r.models[0].notes.join("\n")).toMatch(/no URI: the detached document given/);
  });

  it("xadesjs into a document with a default namespace: uyum and xmlsec1 both verify", async () => {
    const bytes = await xadesjsSign("rsa", '<belge xmlns="urn:ornek:belge"><metin>Merhaba</metin></belge>');
    expect(xmlsecVerifies(bytes, "xadesjs-defns")).toBe(true);
    expect(core(bytes).ok).toBe(true);
  });

  it("xadesjs into a document with xml:lang: uyum agrees with xmlsec1 that it does not verify", async () => {
    // xadesjs digests SignedProperties outside the document, so the xml:lang it inherits in place (inclusive
    // C14N 1.0 carries inherited xml:* attributes to the apex) is missing from its digest.
    const bytes = await xadesjsSign("rsa", '<belge xml:lang="tr"><metin>Merhaba</metin></belge>');
    expect(xmlsecVerifies(bytes, "xadesjs-lang")).toBe(false);
    const { m, ok } = core(bytes);
    expect(ok).toBe(false);
    expect(m.digestProblem).toMatch(/Reference #xades-id-\S+ does not match/);
  });
});

const { dir: shared } = sharedDirForTests();
const dss = shared ? path.join(shared, "ground-truth", "dss-samples", "dss-xades", "validation") : "";

describe.skipIf(!shared)("counter-signatures on EU DSS samples (class 11)", () => {
  it("a counter-signature that does not sign the parent's SignatureValue fails, and the parent says so", async () => {
    for (const f of ["xades-fake-counter-signature.xml", "xades-counter-signature-injected.xml"]) {
      const bytes = readFileSync(path.join(dss, f));
      const m = readXades({ bytes }).models[0];
      expect(m.counterSignatures.length, f).toBe(1);
      expect(m.counterSignatures[0].formatProblems.join(), f).toMatch(/does not cover the SignatureValue/);
      expect(m.notes.join(), f).toMatch(/does NOT cover the SignatureValue/);
      const r = await validateBytes(f, bytes, { anchors: [] });
      expect(r.signatures[0].counterSignatures[0].indication, f).toBe("TOTAL-FAILED");
    }
  });

  it("a genuine counter-signature covers the parent's SignatureValue", () => {
    const m = readXades({ bytes: readFileSync(path.join(dss, "xades-counter-signature-no-type.xml")) }).models[0];
    expect(m.counterSignatures[0].formatProblems).toEqual([]);
    expect(m.counterSignatures[0].digestOk && m.counterSignatures[0].signatureOk).toBe(true);
    expect(m.notes.join()).toMatch(/covers the SignatureValue of S1/);
  });
});

describe.skipIf(!shared)("older XAdES namespaces (class 3)", () => {
  it("XAdES 1.1.1 and 1.2.2 QualifyingProperties are found and named", () => {
    const seen = new Set<string>();
    for (const f of execFileSync("grep", ["-rlE", "uri.etsi.org/01903/v1.(1.1|2.2)#", dss], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter((f) => !f.endsWith(".ddoc"))) {
      const m = readXades({ bytes: readFileSync(f) }).models[0];
      if (!m) continue;
      expect(m.formatProblems.join(), f).not.toMatch(/found 0 QualifyingProperties|no XAdES QualifyingProperties/);
      for (const n of m.notes) if (/^XAdES 1\.[12]\.[12] namespace/.test(n)) seen.add(n.slice(0, 11));
    }
    // 1.2.2 only in Signature-X-CZ_ICZ-1, read since a wrong Target is a note rather than a refusal
    expect([...seen].sort()).toEqual(["XAdES 1.1.1", "XAdES 1.2.2"]);
  });

  for (const v of ["1.1.1", "1.2.2"])
    it(`an xmlsec1-signed XAdES ${v} signature is read and verified`, () => {
      const refs =
        reference("", ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", C14N.incl10]) +
        reference("#imza-sp", [C14N.incl10], 'Type="http://uri.etsi.org/01903#SignedProperties" ');
      const bytes = xmlsecSign(
        `xades-${v}`,
        envelopedTemplate(C14N.incl10, refs, false, `http://uri.etsi.org/01903/v${v}#`),
      );
      const { m, ok } = core(bytes);
      expect(ok).toBe(true);
      expect(m.essVersion).toBe(1);
      expect(m.notes).toContain(`XAdES ${v} namespace (http://uri.etsi.org/01903/v${v}#)`);
    });

  it("a DigiDoc container gets an explicit unsupported-format result, not a format failure", async () => {
    const bytes = readFileSync(path.join(dss, "Signature-X-EE-3.ddoc"));
    const m = readXades({ bytes }).models[0];
    expect(m.formatProblems).toEqual([]);
    expect(m.digestProblem).toMatch(/not assessed: unsupported format: DDOC 1\.2/);
    const r = await validateBytes("x.ddoc", bytes, { anchors: [] });
    expect(r.indication).toBe("INDETERMINATE");
  });
});

describe("ODF packages signed like LibreOffice (class 4)", () => {
  /** An ODF package whose META-INF/documentsignatures.xml xmlsec1 signed over the package's entries. */
  function odfPackage(name: string, mutate?: (dir: string) => void): Uint8Array {
    const dir = mkdtempSync(path.join(work, `${name}-`));
    const write = (f: string, s: string) => {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), s);
    };
    const ODF_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"';
    const TEXT_NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
    write("mimetype", "application/vnd.oasis.opendocument.text");
    write(
      "content.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODF_NS} ${TEXT_NS} office:version="1.3"><office:body><office:text><text:p>Merhaba dünya</text:p></office:text></office:body></office:document-content>\n`,
    );
    write(
      "styles.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${ODF_NS} office:version="1.3"/>\n`,
    );
    write(
      "META-INF/manifest.xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>\n`,
    );
    const entryRef = (f: string) =>
      `<Reference URI="${f}"><Transforms><Transform Algorithm="${C14N.incl10}"/></Transforms><DigestMethod Algorithm="${SHA256}"/><DigestValue/></Reference>`;
    const tmpl =
      `<?xml version="1.0" encoding="UTF-8"?>\n<document-signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0">` +
      `<Signature xmlns="${DS}" Id="ID_imza"><SignedInfo><CanonicalizationMethod Algorithm="${C14N.incl10}"/>` +
      `<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
      entryRef("content.xml") +
      entryRef("styles.xml") +
      entryRef("META-INF/manifest.xml") +
      `<Reference Type="http://www.w3.org/2000/09/xmldsig#SignatureProperties" URI="#ID_tarih"><Transforms><Transform Algorithm="${C14N.incl10}"/></Transforms><DigestMethod Algorithm="${SHA256}"/><DigestValue/></Reference>` +
      `<Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#idSignedProperties"><Transforms><Transform Algorithm="${C14N.incl10}"/></Transforms><DigestMethod Algorithm="${SHA256}"/><DigestValue/></Reference>` +
      `</SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo>` +
      `<Object><SignatureProperties><SignatureProperty Id="ID_tarih" Target="#ID_imza"><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-01-05T10:00:00</dc:date></SignatureProperty></SignatureProperties></Object>` +
      `<Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" xmlns:ds="${DS}" Target="#ID_imza">` +
      signedProperties("idSignedProperties", true) +
      `</xades:QualifyingProperties></Object></Signature></document-signatures>\n`;
    write("sig.tmpl.xml", tmpl);
    const key = `${path.join(pki.dir, "rsa.key")},${path.join(pki.dir, "rsa.pem")}`;
    execFileSync(
      "xmlsec1",
      [
        "--sign",
        "--privkey-pem",
        key,
        "--id-attr:Id",
        "SignedProperties",
        "--id-attr:Id",
        "SignatureProperty",
        "--output",
        "META-INF/documentsignatures.xml",
        "sig.tmpl.xml",
      ],
      { cwd: dir, stdio: "pipe" },
    );
    mutate?.(dir);
    execFileSync("zip", ["-X", "-0", "-q", "paket.odt", "mimetype"], { cwd: dir });
    execFileSync("zip", ["-X", "-q", "-r", "paket.odt", "content.xml", "styles.xml", "META-INF"], { cwd: dir });
    return readFileSync(path.join(dir, "paket.odt"));
  }

  it("the package's signature is read, its references resolved to the zip entries, and it verifies", async () => {
    const bytes = odfPackage("odf-good");
    const r = readXades({ bytes });
    expect(r.problems).toEqual([]);
    const m = r.models[0];
    expect(m.formatProblems).toEqual([]);
    expect([m.digestOk, m.signatureOk, m.essVersion]).toEqual([true, true, 2]);
    expect(m.notes.join("\n")).toMatch(/package entry META-INF\/documentsignatures\.xml/);
    expect(m.notes.join("\n")).toMatch(/"content\.xml" resolved to the package entry/);
    const v = await validateBytes("paket.odt", bytes, { anchors: [parseCert(pki.rootDer)] });
    expect(v.format).toBe("XAdES");
    expect(v.checks.concat(v.signatures.flatMap((s) => s.checks)).filter((c) => c.id === "format")).not.toContainEqual(
      expect.objectContaining({ result: "failed" }),
    );
  });

  it("a package entry changed after signing fails that reference's digest", () => {
    const bytes = odfPackage("odf-changed", (dir) => {
      const f = path.join(dir, "content.xml");
      writeFileSync(f, readFileSync(f, "utf8").replace("Merhaba", "Merhabe"));
    });
    const m = readXades({ bytes }).models[0];
    expect(m.digestOk).toBe(false);
    expect(m.digestProblem).toMatch(/Reference content\.xml does not match/);
  });

  it("a damaged or hostile zip is a clear problem, never a crash", () => {
    const good = odfPackage("odf-zip");
    expect(readXades({ bytes: good.subarray(0, good.length - 30) }).problems.join()).toMatch(
      /zip: no end-of-central-directory/,
    );
    // A deflate bomb: 64 MiB of zeros in a few KiB, declared honestly in the directory.
    const dir = mkdtempSync(path.join(work, "bomb-"));
    writeFileSync(path.join(dir, "zeros.xml"), Buffer.alloc(20 * 1024 * 1024));
    execFileSync("zip", ["-X", "-q", "-9", "bomb.zip", "zeros.xml"], { cwd: dir });
    expect(readXades({ bytes: readFileSync(path.join(dir, "bomb.zip")) }).problems.join()).toMatch(
      /compression ratio above/,
    );
  });
});

describe("hostile shapes for the reference processor", () => {
  it("a SignedInfo with 1,001 whole-document References is refused by count, before any is canonicalised", () => {
    const refs = `<ds:Reference URI=""><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>`;
    const xml =
      `<ds:Signature xmlns:ds="${DS}" Id="s"><ds:SignedInfo>${refs.repeat(1001)}</ds:SignedInfo><ds:SignatureValue/>` +
      `<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#s">` +
      `<xades:SignedProperties Id="sp"/></xades:QualifyingProperties></ds:Object></ds:Signature>`;
    const m = readXades({ bytes: new TextEncoder().encode(xml) }).models[0];
    expect(m.formatProblems.join()).toMatch(/1001 References, more than the 1000 allowed/);
  });
});
