// The generated vector set, checked by tools that share no code with us: openssl cms/ts/ocsp, xmlsec1,
// pdfsig and qpdf. Positive vectors must pass them; negative ones must fail them for the stated reason
// where the tool checks that reason. Generation runs once for this file (ensureVectors).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OID } from "../sign/cades.ts";
import {
  type Der,
  children,
  content,
  whole,
  readNode,
  readOid,
  seq,
  enumerated,
  explicit,
  oid,
  octets,
} from "../asn1/der.ts";
import { ensureVectors } from "./generate.ts";
import { readManifest, type Manifest, type VectorEntry } from "./manifest.ts";

let dir: string;
let manifest: Manifest;
let scratch: string;
beforeAll(async () => {
  dir = await ensureVectors();
  manifest = readManifest(path.join(dir, "manifest.json"));
  scratch = mkdtempSync(path.join(os.tmpdir(), "uyum-vectors-check-"));
}, 300_000);

const at = (v: VectorEntry) => String(Math.floor(Date.parse(v.validationTime) / 1000));
const sel = (pred: (v: VectorEntry) => boolean) => manifest.vectors.filter(pred);
/** A selection a loop asserts over: an empty one would make the loop assert nothing, so it fails. */
const some = (what: string, pred: (v: VectorEntry) => boolean) => {
  const l = sel(pred);
  expect(l.length, `no vector selected for ${what}`).toBeGreaterThan(0);
  return l;
};
const byId = (id: string) => {
  const v = manifest.vectors.find((x) => x.id === id);
  if (!v) throw new Error(`no vector ${id}`);
  return v;
};

function cmsVerify(v: VectorEntry) {
  const args = [
    "cms",
    "-verify",
    "-binary",
    "-inform",
    "DER",
    "-in",
    path.join(dir, v.file),
    "-CAfile",
    path.join(dir, v.trustAnchors[0]!),
    "-purpose",
    "any",
    "-attime",
    at(v),
    "-out",
    "/dev/null",
  ];
  if (v.detachedContent) args.push("-content", path.join(dir, v.detachedContent));
  return spawnSync("openssl", args, { encoding: "utf8" });
}

/** SignerInfos of a CAdES file: signature value and unsigned attributes (type → values DER). */
function signerInfos(der: Der) {
  const ci = readNode(der);
  const sd = children(children(children(ci)[1]!)[0]!);
  const sis = children(sd.at(-1)!);
  return sis.map((si) => {
    const f = children(si);
    const sig = f.find((x) => x.tag === 0x04)!;
    const unsigned = f.find((x) => x.tag === 0xa1);
    const attrs = unsigned
      ? children(unsigned).map((a) => {
          const [t, vals] = children(a);
          return { type: readOid(t), values: children(vals!).map((x) => whole(x)) };
        })
      : [];
    return { signature: content(sig), attrs };
  });
}

function tsVerify(token: Der, digestHex: string, caFile: string, name: string) {
  const f = path.join(scratch, name);
  writeFileSync(f, token);
  return spawnSync("openssl", ["ts", "-verify", "-digest", digestHex, "-in", f, "-token_in", "-CAfile", caFile], {
    encoding: "utf8",
  });
}

const sha256 = (b: Der) => createHash("sha256").update(b).digest("hex");
/** All of a vector's trust anchors in one PEM file (a TSA may chain to the second one) */
const caFile = (v: VectorEntry) => {
  if (v.trustAnchors.length === 1) return path.join(dir, v.trustAnchors[0]!);
  const f = path.join(scratch, `${v.id}.anchors.pem`);
  writeFileSync(f, v.trustAnchors.map((a) => readFileSync(path.join(dir, a), "utf8")).join(""));
  return f;
};

describe("vector set", () => {
  it("manifest is schema-valid, every file exists, and every required class is present", () => {
    expect(manifest.vectors.length).toBeGreaterThan(150);
    for (const v of manifest.vectors) {
      expect(existsSync(path.join(dir, v.file)), v.file).toBe(true);
      if (v.detachedContent) expect(existsSync(path.join(dir, v.detachedContent))).toBe(true);
      for (const t of v.trustAnchors) expect(existsSync(path.join(dir, t)), t).toBe(true);
    }
    for (const d of manifest.documents) expect(existsSync(path.join(dir, d.file))).toBe(true);
    const have = (f: string, l: string, p?: string) =>
      manifest.vectors.some((v) => v.format === f && v.level === l && (!p || v.packaging === p));
    for (const l of ["BES", "EPES", "T", "C", "X-Type1", "X-L", "A"])
      for (const p of ["attached", "detached"]) expect(have("CAdES", l, p), `CAdES ${l} ${p}`).toBe(true);
    for (const l of ["BES", "EPES", "T", "C", "X-L", "A"])
      for (const p of ["enveloped", "enveloping", "detached"])
        expect(have("XAdES", l, p), `XAdES ${l} ${p}`).toBe(true);
    for (const l of ["B-B", "B-T", "B-LT", "B-LTA"]) expect(have("PAdES", l), `PAdES ${l}`).toBe(true);
    for (const p of ["P2", "P3", "P4"]) expect(manifest.vectors.some((v) => v.profile === p)).toBe(true);
    const scen = new Set(manifest.vectors.map((v) => v.scenario));
    for (const n of [
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16_1",
      "16_2",
      "17_1",
      "17_2",
      "18",
      "19",
      "20",
      "21",
      "22",
      "23",
      "24_1",
      "25",
      "26",
      "27",
      "28",
      "39_s",
      "39_p",
      "50",
      "51",
      "72",
      "73",
      "P4_4",
      "P4_10",
      "P4_12",
      "109",
      "multi-serial",
      "multi-parallel",
      "62-71:valid",
      "84-93:ts-imprint-wrong",
      "cert-unknown-root",
    ])
      expect(scen.has(n), `scenario ${n}`).toBe(true);
    // documents: the malformed ones are what they claim
    const doc = (id: string) => readFileSync(path.join(dir, manifest.documents.find((d) => d.id === id)!.file));
    expect(doc("doc-empty").length).toBe(0);
    expect(doc("doc-pdf-truncated").includes(Buffer.from("%%EOF"))).toBe(false);
    expect(doc("doc-docx-macro").includes(Buffer.from("word/vbaProject.bin"))).toBe(true);
    // the docx is a valid ZIP (CRCs checked by Python's zipfile) with the macro part
    const z = spawnSync(
      "python3",
      [
        "-c",
        "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(' '.join(z.namelist()))",
        path.join(dir, "documents/makrolu.docx"),
      ],
      { encoding: "utf8" },
    );
    expect(z.stdout).toMatch(/^None\n.*word\/vbaProject\.bin/);
    // the PDFs are well-formed (qpdf) and the Turkish text extracts (pdftotext)
    expect(spawnSync("qpdf", ["--check", path.join(dir, "documents/belge.pdf")]).status).toBe(0);
    expect(spawnSync("qpdf", ["--check", path.join(dir, "documents/ekli-belge-pdfa3.pdf")]).status).toBe(0);
    expect(spawnSync("pdftotext", [path.join(dir, "documents/belge.pdf"), "-"], { encoding: "utf8" }).stdout).toContain(
      "ğ Ğ ı I i İ ö Ö ş Ş",
    );
    expect(
      spawnSync("pdfdetach", ["-list", path.join(dir, "documents/ekli-belge-pdfa3.pdf")], { encoding: "utf8" }).stdout,
    ).toContain("makrolu.docx");
  });

  it("positive CAdES vectors verify with openssl cms -verify at their validation time", () => {
    const pos = sel((v) => v.format === "CAdES" && v.expected.indication === "TOTAL-PASSED");
    expect(pos.length).toBeGreaterThan(30);
    for (const v of pos) {
      const r = cmsVerify(v);
      expect(r.stderr, `${v.id}: ${r.stderr}`).toContain("Verification successful");
    }
  });

  it("tampered CAdES vectors fail openssl for their stated reason", () => {
    for (const v of some("CAdES scenario 5", (x) => x.format === "CAdES" && x.scenario === "5")) {
      const r = cmsVerify(v);
      expect(r.status, v.id).not.toBe(0);
      expect(r.stderr).toMatch(/CMS_SignerInfo_verify_content/); // the messageDigest comparison
    }
    for (const v of some("CAdES scenario 7", (x) => x.format === "CAdES" && x.scenario === "7")) {
      const r = cmsVerify(v);
      expect(r.status, v.id).not.toBe(0);
      expect(r.stderr).toMatch(/signature failure|verification failure/i);
      expect(r.stderr).not.toMatch(/CMS_SignerInfo_verify_content/);
    }
    for (const v of some("CAdES scenario 4", (x) => x.format === "CAdES" && x.scenario === "4")) {
      // openssl cms -verify does not compare the ESS signing-certificate hash: the signature itself is
      // sound, so the ESS attribute is the only fault (the validator must catch it)
      const r = cmsVerify(v);
      expect(r.stderr, v.id).toContain("Verification successful");
    }
    for (const v of some(
      "malformed CAdES",
      (x) => x.format === "CAdES" && x.tags.includes("malformed") && !x.id.includes("without-content"),
    )) {
      const r = cmsVerify(v);
      expect(r.status, v.id).not.toBe(0);
      expect(r.stderr, v.id).toMatch(/asn1|decode|header|too long|wrong tag|nested asn1/i);
    }
    for (const v of some("CAdES scenario 15", (x) => x.format === "CAdES" && x.scenario === "15")) {
      const r = cmsVerify(v);
      expect(r.status, v.id).not.toBe(0);
      expect(r.stderr).toMatch(/certificate signature failure/i);
    }
  });

  it("counter-signatures verify with openssl dgst over their signed attributes and digest the parent signature value", () => {
    const v = byId("cades-multi-serial-bes");
    const der = new Uint8Array(readFileSync(path.join(dir, v.file)));
    const sd = children(children(children(readNode(der))[1]!)[0]!);
    const parent = children(children(sd.at(-1)!)[0]!);
    const parentSig = content(parent.find((x) => x.tag === 0x04)!);
    const cs = children(parent.find((x) => x.tag === 0xa1)!).find(
      (a) => readOid(children(a)[0]) === OID.counterSignature,
    )!;
    const csSi = whole(children(children(cs)[1]!)[0]!);
    const f = children(readNode(csSi));
    const signedAttrs = Uint8Array.from(whole(f.find((x) => x.tag === 0xa0)!));
    signedAttrs[0] = 0x31; // signed as a SET OF
    const sig = content(f.find((x) => x.tag === 0x04)!);
    writeFileSync(path.join(scratch, "cs.attrs"), signedAttrs);
    writeFileSync(path.join(scratch, "cs.sig"), sig);
    writeFileSync(path.join(scratch, "parent.sig"), parentSig);
    const counterLabel = v.pkiLabels.find((l) => l === "nes-ec")!;
    const pub = spawnSync(
      "openssl",
      ["x509", "-in", path.join(dir, "pki/certs", `${counterLabel}.pem`), "-pubkey", "-noout"],
      { encoding: "utf8" },
    ).stdout;
    writeFileSync(path.join(scratch, "cs.pub"), pub);
    const r = spawnSync(
      "openssl",
      [
        "dgst",
        "-sha256",
        "-verify",
        path.join(scratch, "cs.pub"),
        "-signature",
        path.join(scratch, "cs.sig"),
        path.join(scratch, "cs.attrs"),
      ],
      { encoding: "utf8" },
    );
    expect(r.stdout).toContain("Verified OK");
    // the messageDigest attribute is the SHA-256 of the parent's signature value (openssl computes it)
    const md = spawnSync("openssl", ["dgst", "-sha256", "-r", path.join(scratch, "parent.sig")], {
      encoding: "utf8",
    }).stdout.split(" ")[0]!;
    expect(Buffer.from(signedAttrs).toString("hex")).toContain("0420" + md);
    // and there is no contentType attribute in a counter-signature (RFC 5652 §11.1)
    expect(Buffer.from(signedAttrs).toString("hex")).not.toContain("06092a864886f70d010903");
  });

  it("signature time-stamps verify with openssl ts -verify over the signature value; a wrong imprint fails", () => {
    const checked: string[] = [];
    for (const v of sel(
      (x) =>
        x.format === "CAdES" &&
        ["T", "X-L", "A"].includes(x.level) &&
        x.expected.indication === "TOTAL-PASSED" &&
        x.signatureCount === 1,
    )) {
      const der = new Uint8Array(readFileSync(path.join(dir, v.file)));
      for (const si of signerInfos(der)) {
        const tst = si.attrs.find((a) => a.type === OID.signatureTimeStampToken)!.values[0]!;
        const r = tsVerify(tst, sha256(si.signature), caFile(v), `${v.id}.tst`);
        expect(r.stdout + r.stderr, v.id).toContain("Verification: OK");
        checked.push(v.id);
      }
    }
    expect(checked.length).toBeGreaterThan(10);
    const bad = byId("kamusm-40-49-ts-imprint-wrong-cades-t-attached");
    const si = signerInfos(new Uint8Array(readFileSync(path.join(dir, bad.file))))[0]!;
    const r = tsVerify(
      si.attrs.find((a) => a.type === OID.signatureTimeStampToken)!.values[0]!,
      sha256(si.signature),
      path.join(dir, bad.trustAnchors[0]!),
      "bad.tst",
    );
    expect(r.stdout + r.stderr).toMatch(/message imprint mismatch/i);
    const forged = byId("kamusm-40-49-ts-signature-forged-cades-t-attached");
    const si2 = signerInfos(new Uint8Array(readFileSync(path.join(dir, forged.file))))[0]!;
    const r2 = tsVerify(
      si2.attrs.find((a) => a.type === OID.signatureTimeStampToken)!.values[0]!,
      sha256(si2.signature),
      path.join(dir, forged.trustAnchors[0]!),
      "forged.tst",
    );
    expect(r2.stdout + r2.stderr).not.toContain("Verification: OK");
    // and it failed on the token's signature, not on something else (a missing file also is not "OK")
    expect(r2.status).not.toBe(0);
    expect(r2.stdout + r2.stderr).toMatch(/signature failure/i);
  });

  it("XAdES time-stamp imprints match xmlsec1's own exclusive C14N (SignatureTimeStamp, SigAndRefsTimeStamp); openssl ts -verify", () => {
    // xmlsec1 computes the digest: we add a throwaway ds:Signature whose Reference selects exactly what the
    // time-stamp covers (the SignatureValue; or, through an XPath Filter 2.0 union, SignatureValue,
    // SignatureTimeStamp, CompleteCertificateRefs, CompleteRevocationRefs) and let `xmlsec1 --sign` fill in
    // its DigestValue; openssl then checks the time-stamp token carries that imprint.
    const key = path.join(scratch, "check.key");
    spawnSync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key]);
    const DS = "http://www.w3.org/2000/09/xmldsig#";
    const EXC = "http://www.w3.org/2001/10/xml-exc-c14n#";
    const digestOf = (v: VectorEntry, transforms: string, uri: string) => {
      const text = readFileSync(path.join(dir, v.file), "utf8");
      const tmpl =
        `<ds:Signature xmlns:ds="${DS}" Id="Check"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC}"/>` +
        `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="${uri}"><ds:Transforms>${transforms}` +
        `<ds:Transform Algorithm="${EXC}"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue>` +
        `</ds:Reference></ds:SignedInfo><ds:SignatureValue></ds:SignatureValue></ds:Signature>`;
      const at = text.lastIndexOf("</");
      const f = path.join(scratch, `${v.id}-check.xml`);
      writeFileSync(f, text.slice(0, at) + tmpl + text.slice(at));
      const r = spawnSync(
        "xmlsec1",
        [
          "--sign",
          "--privkey-pem",
          key,
          "--id-attr:Id",
          `${DS}:SignatureValue`,
          "--id-attr:Id",
          `${DS}:Signature`,
          "--node-id",
          "Check",
          "--output",
          f + ".out",
          f,
        ],
        { encoding: "utf8" },
      );
      expect(r.status, r.stderr).toBe(0);
      const out = readFileSync(f + ".out", "utf8");
      const dv = /<ds:DigestValue>([^<]+)<\/ds:DigestValue>/.exec(out.slice(out.indexOf('Id="Check"')))![1]!;
      return Buffer.from(dv, "base64").toString("hex");
    };
    const token = (v: VectorEntry, tag: string) => {
      const text = readFileSync(path.join(dir, v.file), "utf8");
      const m = new RegExp(`<xades:${tag}[^>]*>.*?<xades:EncapsulatedTimeStamp>([^<]+)<`).exec(text)!;
      return new Uint8Array(Buffer.from(m[1]!, "base64"));
    };
    const single = sel(
      (v) => v.format === "XAdES" && v.expected.indication === "TOTAL-PASSED" && v.signatureCount === 1,
    );
    const withTs = single.filter((v) => ["T", "X-Type1"].includes(v.level));
    expect(withTs.length).toBeGreaterThan(5);
    for (const v of withTs) {
      const hex = digestOf(v, "", "#Signature-1-SigValue");
      const r = tsVerify(token(v, "SignatureTimeStamp"), hex, path.join(dir, v.trustAnchors[0]!), `${v.id}-sig.tst`);
      expect(r.stdout + r.stderr, v.id).toContain("Verification: OK");
    }
    const x1 = single.filter((v) => v.level === "X-Type1");
    expect(x1.length).toBeGreaterThan(2);
    for (const v of x1) {
      const xp = ["SigValue", "SigTS", "CertRefs", "RevRefs"].map((s) => `//*[@Id='Signature-1-${s}']`).join(" | ");
      const filter = `<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><f:XPath xmlns:f="http://www.w3.org/2002/06/xmldsig-filter2" Filter="intersect">${xp}</f:XPath></ds:Transform>`;
      const hex = digestOf(v, filter, "");
      const r = tsVerify(token(v, "SigAndRefsTimeStamp"), hex, path.join(dir, v.trustAnchors[0]!), `${v.id}-x1.tst`);
      expect(r.stdout + r.stderr, v.id).toContain("Verification: OK");
    }
  });

  it("embedded OCSP responses verify with openssl ocsp -respin; a forged one does not", () => {
    /** revocation-values carries BasicOCSPResponse: wrap it back into an OCSPResponse for openssl */
    const wrap = (basic: Der) => seq(enumerated(0), explicit(0, seq(oid(OID.basicOcsp), octets(basic))));
    const ocspOf = (v: VectorEntry): Der[] => {
      const der = new Uint8Array(readFileSync(path.join(dir, v.file)));
      const rv = signerInfos(der)[0]!.attrs.find((a) => a.type === OID.revocationValues);
      if (!rv) return [];
      const val = rv.values[0]!;
      const ocspVals = children(readNode(val)).find((x) => x.tag === 0xa1);
      if (!ocspVals) return [];
      return children(children(ocspVals)[0]!).map((x) => wrap(whole(x)));
    };
    const run = (resp: Der, v: VectorEntry, name: string) => {
      const f = path.join(scratch, name);
      writeFileSync(f, resp);
      // the delegated responder certificate travels inside the response; trust the PKI root, give the sub-root
      const intermediate = path.join(dir, "pki/certs", `${v.pkiLabels[1]}.pem`);
      return spawnSync(
        "openssl",
        [
          "ocsp",
          "-respin",
          f,
          "-CAfile",
          path.join(dir, v.trustAnchors[0]!),
          "-verify_other",
          intermediate,
          "-attime",
          at(v),
          "-resp_text",
        ],
        { encoding: "utf8" },
      );
    };
    const good = byId("cades-p4-x-l");
    const responses = ocspOf(good);
    expect(responses.length).toBeGreaterThan(0);
    responses.forEach((r, i) => {
      const out = run(r, good, `good-${i}.ocsp`);
      expect(out.stderr + out.stdout).toContain("Response verify OK");
      expect(out.stdout).toContain("Cert Status: good");
    });
    const forged = byId("kamusm-21-cades-x-l-detached");
    const bad = ocspOf(forged).map((r, i) => run(r, forged, `forged-${i}.ocsp`));
    expect(bad.some((o) => /Response Verify Failure/i.test(o.stderr + o.stdout))).toBe(true);
  });

  it("positive XAdES vectors verify with xmlsec1; a broken SignatureValue fails", () => {
    const xmlsec = (v: VectorEntry) =>
      spawnSync(
        "xmlsec1",
        [
          "--verify",
          "--trusted-pem",
          path.join(dir, v.trustAnchors[0]!),
          "--enabled-key-data",
          "x509",
          "--id-attr:Id",
          "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
          "--id-attr:Id",
          "http://www.w3.org/2000/09/xmldsig#:Object",
          "--verification-time",
          v.validationTime.replace("T", " ").replace("Z", ""),
          path.basename(v.file),
        ],
        { cwd: path.join(dir, path.dirname(v.file)), encoding: "utf8" },
      );
    const pos = sel((v) => v.format === "XAdES" && v.expected.indication === "TOTAL-PASSED");
    expect(pos.length).toBeGreaterThan(20);
    for (const v of pos) {
      const r = xmlsec(v);
      expect(r.status, `${v.id}: ${r.stderr.slice(-600)}`).toBe(0);
      expect(r.stderr).toMatch(/^OK$/m);
    }
    // the counter-signature inside a serial XAdES verifies on its own (xmlsec1 --node-id)
    for (const v of some("serial XAdES", (x) => x.format === "XAdES" && x.scenario === "multi-serial")) {
      const r = spawnSync(
        "xmlsec1",
        [
          "--verify",
          "--trusted-pem",
          path.join(dir, v.trustAnchors[0]!),
          "--enabled-key-data",
          "x509",
          "--id-attr:Id",
          "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
          "--id-attr:Id",
          "http://www.w3.org/2000/09/xmldsig#:SignatureValue",
          "--id-attr:Id",
          "http://www.w3.org/2000/09/xmldsig#:Signature",
          "--node-id",
          "CounterSignature-1",
          "--verification-time",
          v.validationTime.replace("T", " ").replace("Z", ""),
          path.basename(v.file),
        ],
        { cwd: path.join(dir, path.dirname(v.file)), encoding: "utf8" },
      );
      expect(r.status, `${v.id}: ${r.stderr.slice(-600)}`).toBe(0);
    }
    for (const v of some("XAdES scenario 7", (x) => x.format === "XAdES" && x.scenario === "7")) {
      const r = xmlsec(v);
      expect(r.status, v.id).not.toBe(0);
      expect(r.stderr).toMatch(/signature failed|FAIL/);
    }
  });

  it("PDFs pass qpdf --check; pdfsig validates positive signatures and rejects tampered ones; document time-stamps verify with openssl ts", () => {
    let positive = 0,
      tampered = 0;
    for (const v of some("PAdES", (x) => x.format === "PAdES")) {
      const f = path.join(dir, v.file);
      const q = spawnSync("qpdf", ["--check", f], { encoding: "utf8" });
      if (v.tags.includes("malformed")) {
        expect(q.status, v.id).not.toBe(0); // qpdf sees the damage too
        continue;
      }
      expect(q.status, `${v.id}: ${q.stdout}${q.stderr}`).toBe(0);
      const s = spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
      const valid = (s.match(/Signature is Valid/g) ?? []).length;
      if (v.expected.indication === "TOTAL-PASSED") {
        positive++;
        expect(valid, v.id).toBe(v.level === "B-LTA" ? v.signatureCount - 1 : v.signatureCount);
      }
      if (["5", "7"].includes(v.scenario)) {
        tampered++;
        expect(valid, v.id).toBe(0);
        // pdfsig did look at the signature and named its fault (an empty output also has no "Valid")
        expect(s, v.id).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
      }
    }
    expect(positive).toBeGreaterThan(0);
    expect(tampered).toBeGreaterThan(0);
    // B-LTA: pdfsig does not check RFC 3161 document time-stamps ("Unimplemented"); openssl ts does
    const lta = byId("pades-b-lta");
    const pdf = readFileSync(path.join(dir, lta.file));
    const text = pdf.toString("latin1");
    const at3161 = text.lastIndexOf("/SubFilter/ETSI.RFC3161");
    const br = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text.slice(at3161))!.slice(1).map(Number);
    const signed = Buffer.concat([pdf.subarray(br[0]!, br[0]! + br[1]!), pdf.subarray(br[2]!, br[2]! + br[3]!)]);
    const hex = pdf.subarray(br[1]! + 1, br[2]! - 1).toString("latin1");
    const token = Buffer.from(hex, "hex");
    const tokenLen = readNode(new Uint8Array(token)).end;
    const r = tsVerify(
      new Uint8Array(token.subarray(0, tokenLen)),
      sha256(signed),
      path.join(dir, lta.trustAnchors[0]!),
      "doc.tst",
    );
    expect(r.stdout + r.stderr).toContain("Verification: OK");
  });
});
