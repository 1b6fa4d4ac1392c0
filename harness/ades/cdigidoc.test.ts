// cdigidoc writes DDOC 1.3 containers (issue 8 class 3, the real writer): XAdES 1.1.1 over DigiDoc DataFile
// elements, signed with the test PKI's NES key (a PKCS#12 made from it) and SHA-1, as DigiDoc does. uyum reads
// them as XAdES 1.1.1 and judges them with live revocation from the PKI this file starts; xmlsec1 (the XML-DSig
// math) and cdigidoc's own verifier are the independent references, on the good container and on changed ones.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cdigidocSign,
  cdigidocVerify,
  digiDocSigner,
  haveCdigidoc,
  type DigiDocSigner,
} from "../testing/ades/cdigidoc.ts";
import { startLivePki, type LivePki } from "../testing/ades/live-pki.ts";
import { sniffDocument } from "./document.ts";
import { validateBytes } from "./index.ts";
import { parseCert } from "./x509.ts";

const SIGNER = "nes-rsa";
const TEXT = "DigiDoc ile imzalanan belge: ğüşöçıİ\n";
const NO_OCSP_CONFIRMATION = 128; // cdigidoc's code for a technical signature (no OCSP confirmation): not a fault
const WRONG_DOCUMENT_DIGEST = 21;

let pki: LivePki;
let work: string;
let signer: DigiDocSigner;
let ddoc: string;

beforeAll(async () => {
  if (!haveCdigidoc()) return;
  pki = await startLivePki();
  work = mkdtempSync(path.join(os.tmpdir(), "uyum-cdigidoc-"));
  signer = digiDocSigner(work, pki, SIGNER);
  writeFileSync(path.join(work, "belge.txt"), TEXT);
  ddoc = path.join(work, "belge.ddoc");
  await cdigidocSign(signer, path.join(work, "belge.txt"), "text/plain", ddoc);
}, 120_000);

afterAll(async () => {
  await pki?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const validate = (name: string, bytes: string | Uint8Array) =>
  validateBytes(name, typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, {
    anchors: [parseCert(pki.rootDer)],
    fetch: true,
    fetchTimeoutMs: 5000,
  });

/** xmlsec1 on the XML-DSig math alone: DataFile and SignedProperties are the Id-carrying elements. */
function xmlsec1Verifies(file: string): boolean {
  try {
    execFileSync(
      "xmlsec1",
      ["--verify", "--insecure", "--id-attr:Id", "DataFile", "--id-attr:Id", "SignedProperties", file],
      { stdio: "pipe" },
    );
    return true;
  } catch {
    return false;
  }
}

/** A changed copy of the container, cross-checked by xmlsec1 and cdigidoc before uyum sees it. */
async function changed(name: string, edit: (xml: string) => string) {
  const xml = readFileSync(ddoc, "utf8");
  const out = edit(xml);
  expect(out).not.toBe(xml);
  const file = path.join(work, name);
  writeFileSync(file, out);
  return { file, xml: out };
}

const SKIP = haveCdigidoc()
  ? ""
  : "(skipped: cdigidoc missing; scripts/setup.d/10-debian.sh installs libdigidoc-tools)";

describe.skipIf(!!SKIP)(`a DDOC 1.3 container written by cdigidoc ${SKIP}`, () => {
  it("cdigidoc wrote DIGIDOC-XML 1.3 with XAdES 1.1.1 properties; xmlsec1 and cdigidoc verify it", async () => {
    const xml = readFileSync(ddoc, "utf8");
    expect(xml).toMatch(/<SignedDoc format="DIGIDOC-XML" version="1\.3"/);
    expect(xml).toContain('xmlns="http://uri.etsi.org/01903/v1.1.1#"');
    expect(xml).toContain("http://www.w3.org/2000/09/xmldsig#rsa-sha1");
    expect(xmlsec1Verifies(ddoc)).toBe(true);
    expect(await cdigidocVerify(signer, ddoc)).toEqual([NO_OCSP_CONFIRMATION]);
  });

  it("uyum: TOTAL-PASSED as XAdES 1.1.1 with live revocation; SHA-1 accepted by the KAMU SM rule, and said so", async () => {
    const asked = () => pki.services.counts.crl + pki.services.counts.ocsp;
    const before = asked();
    const r = await validate("belge.ddoc", readFileSync(ddoc));
    expect(asked()).toBeGreaterThan(before);
    const s = r.signatures[0]!;
    expect([r.outcome, r.format, r.indication]).toEqual(["verdict", "XAdES", "TOTAL-PASSED"]);
    expect(s.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id)).toEqual([]);
    expect(s.signer?.subject).toMatch(/TEST Ayşe Yılmaz/);
    const notes = s.inspection?.notes?.join("\n") ?? "";
    expect(notes).toMatch(/XAdES 1\.1\.1 namespace/);
    expect(notes).toMatch(/DigiDoc container DIGIDOC-XML 1\.3/);
    const algorithms = s.checks.find((c) => c.id === "algorithms")!;
    expect(algorithms.reason.en).toMatch(/SHA-1/);
    expect(algorithms.reason.en).toMatch(/TS 119 312/);
    expect(algorithms.reason.en).toMatch(/KAMU SM/);
    // the signed data object is the DataFile's document, not the base64 element around it
    expect(r.documentType).toEqual(sniffDocument(new TextEncoder().encode(TEXT)));
    expect(r.documentType?.mediaType).not.toMatch(/xml/);
  });

  it("a changed document in the DataFile: xmlsec1, cdigidoc and uyum all reject it (HASH_FAILURE)", async () => {
    const other = Buffer.from(TEXT.replace("imzalanan", "değiştirilen")).toString("base64");
    const { file, xml } = await changed("degismis.ddoc", (x) =>
      x.replace(/(<DataFile[^>]*>)[^<]*/, (_, open: string) => `${open}${other}\n`),
    );
    expect(xmlsec1Verifies(file)).toBe(false);
    expect(await cdigidocVerify(signer, file)).toContain(WRONG_DOCUMENT_DIGEST);
    const r = await validate("degismis.ddoc", xml);
    expect([r.outcome, r.indication, r.subIndication]).toEqual(["verdict", "TOTAL-FAILED", "HASH_FAILURE"]);
  });

  it("a changed SigningTime in the signed properties: xmlsec1 and uyum reject it (HASH_FAILURE)", async () => {
    const { file, xml } = await changed("zaman.ddoc", (x) =>
      x.replace(/<SigningTime>(\d{4})/, (_, y: string) => `<SigningTime>${Number(y) - 1}`),
    );
    expect(xmlsec1Verifies(file)).toBe(false);
    const r = await validate("zaman.ddoc", xml);
    expect([r.outcome, r.indication, r.subIndication]).toEqual(["verdict", "TOTAL-FAILED", "HASH_FAILURE"]);
  });

  it("a DataFile added after signing: cdigidoc and uyum reject the container (xmlsec1 checks only the references)", async () => {
    const added =
      '<DataFile ContentType="EMBEDDED_BASE64" Filename="ek.txt" Id="D1" MimeType="text/plain" Size="3" ' +
      'xmlns="http://www.sk.ee/DigiDoc/v1.3.0#">ZWsK\n</DataFile>\n';
    const { file, xml } = await changed("ek.ddoc", (x) => x.replace("<Signature ", `${added}<Signature `));
    expect(xmlsec1Verifies(file)).toBe(true);
    expect(await cdigidocVerify(signer, file)).toContain(WRONG_DOCUMENT_DIGEST);
    const r = await validate("ek.ddoc", xml);
    expect([r.outcome, r.indication, r.subIndication]).toEqual(["verdict", "TOTAL-FAILED", "HASH_FAILURE"]);
    expect(JSON.stringify(r.checks)).toMatch(/DataFile D1 \(ek\.txt\) that this signature does not sign/);
  });

  it("another DigiDoc version or a HASHCODE DataFile is an unsupported format, never a failed signature", async () => {
    const xml = readFileSync(ddoc, "utf8");
    const older = xml.replace('version="1.3"', 'version="1.2"');
    const hashcode = xml.replace('ContentType="EMBEDDED_BASE64"', 'ContentType="HASHCODE"');
    for (const [name, bytes, why] of [
      ["v12.ddoc", older, /unsupported format: DDOC 1\.2 \(DIGIDOC-XML, XAdES 1\.1\.1 properties\)/],
      ["hashcode.ddoc", hashcode, /unsupported format: DDOC 1\.3 DataFile ContentType .{1,2}HASHCODE/],
    ] as const) {
      const r = await validate(name, bytes);
      expect([r.outcome, r.indication], name).toEqual(["unsupported", "INDETERMINATE"]);
      expect(JSON.stringify(r.checks), name).toMatch(why);
    }
  });
});
