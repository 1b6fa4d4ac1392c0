// LibreOffice signs an ODF document headless (issue 8 class 4, the real writer): its own xmlsecurity code, driven
// through UNO, with the certificate and key of an NSS database (certutil/pk12util) made from a test PKI. uyum
// validates the package; LibreOffice's own verifier is the independent reference, on the good and on a changed one.
// The PKI is the project's test PKI moved to now, its CRL/OCSP services live on a free loopback port: LibreOffice
// stamps the wall clock, so uyum judges the signature now with revocation fetched from those services.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertWithLibreOffice, makeNssDatabase, startOffice, type Office } from "../testing/ades/libreoffice.ts";
import { startLivePki, type LivePki } from "../testing/ades/live-pki.ts";
import { validateBytes } from "./index.ts";
import { parseCert } from "./x509.ts";

const SIGNER = "nes-rsa";
let pki: LivePki;
let work: string;
let office: Office;
let signed: string;
let signer: string;

beforeAll(async () => {
  pki = await startLivePki();
  work = mkdtempSync(path.join(os.tmpdir(), "uyum-libreoffice-"));
  const nss = makeNssDatabase(work, pki.keyPath(SIGNER), pki.certPath(SIGNER), pki.chainPaths(SIGNER));
  writeFileSync(path.join(work, "belge.txt"), "Bu belge LibreOffice ile imzalanır: ğüşöçıİ\n");
  convertWithLibreOffice(work, path.join(work, "belge.txt"), "odt", work);
  signed = path.join(work, "belge.odt");
  office = startOffice(work, nss);
  signer = await office.sign(signed);
}, 240_000);

afterAll(async () => {
  await office?.stop();
  await pki?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const validate = (file: string) =>
  validateBytes(path.basename(file), new Uint8Array(readFileSync(file)), {
    anchors: [parseCert(pki.rootDer)],
    fetch: true,
    fetchTimeoutMs: 5000,
  });

describe("an ODF document signed by LibreOffice through an NSS database", () => {
  it("LibreOffice wrote META-INF/documentsignatures.xml with the database's certificate, and verifies it", async () => {
    expect(signer).toMatch(/CN=TEST Ayşe Yılmaz/);
    expect(execFileSync("unzip", ["-l", signed], { encoding: "utf8" })).toContain("META-INF/documentsignatures.xml");
    expect(await office.verify(signed)).toEqual([{ valid: true, signer }]);
  });

  it("uyum: TOTAL-PASSED with live revocation, references resolved to the package entries, CertificateValues not read as an X-L", async () => {
    const asked = () => pki.services.counts.crl + pki.services.counts.ocsp;
    const before = asked();
    const r = await validate(signed);
    const s = r.signatures[0]!;
    expect(asked()).toBeGreaterThan(before);
    expect([r.outcome, r.format, r.indication]).toEqual(["verdict", "XAdES", "TOTAL-PASSED"]);
    expect(s.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id)).toEqual([]);
    // the signer's status came from the PKI's live services, not from data in the package
    expect(s.checks.find((c) => c.id === "revocation")?.reason.en).toBe(
      "the signer's certificate is not revoked (crl)",
    );
    for (const id of ["format", "message-digest", "signature-value", "chain", "revocation"])
      expect(s.checks.find((c) => c.id === id)?.result, id).toBe("passed");
    expect(s.signer?.subject).toMatch(/TEST Ayşe Yılmaz/);
    const notes = s.inspection?.notes?.join("\n") ?? "";
    expect(notes).toMatch(/signature in the package entry META-INF\/documentsignatures\.xml/);
    expect(notes).toMatch(/Reference "content\.xml" resolved to the package entry "content\.xml"/);
    // LibreOffice embeds its chain as xades:CertificateValues on every signature, without RevocationValues:
    // a signature carrying its chain (as DSS reads it), not an X-L missing its revocation values
    expect(s.level).not.toBe("X-L");
    expect(notes).toMatch(/certificate values embedded without revocation values/);
  });

  it("a changed content.xml: LibreOffice and uyum both reject the signature", async () => {
    const tampered = path.join(work, "degismis.odt");
    copyFileSync(signed, tampered);
    const dir = path.join(work, "degismis");
    mkdirSync(dir, { recursive: true });
    const content = execFileSync("unzip", ["-p", signed, "content.xml"], { encoding: "utf8" });
    expect(content).toContain("LibreOffice ile imzalanır");
    writeFileSync(path.join(dir, "content.xml"), content.replace("imzalanır", "imzalanmaz"));
    execFileSync("zip", ["-q", tampered, "content.xml"], { cwd: dir });
    expect(await office.verify(tampered)).toEqual([{ valid: false, signer }]);
    const r = await validate(tampered);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
});
