// LibreOffice signs an ODF document headless (issue 8 class 4, the real writer): its own xmlsecurity code, driven
// through UNO, with the certificate and key of an NSS database (certutil/pk12util) made from a test PKI. uyum
// validates the package; LibreOffice's own verifier is the independent reference, on the good and on a changed one.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertWithLibreOffice, makeNssDatabase, startOffice, type Office } from "../testing/ades/libreoffice.ts";
import { makeThrowawayPki, type ThrowawayPki } from "../testing/sign/throwaway-pki.ts";
import { validateBytes } from "./index.ts";
import { parseCert } from "./x509.ts";

let pki: ThrowawayPki;
let work: string;
let office: Office;
let signed: string;
let signer: string;

beforeAll(() => {
  pki = makeThrowawayPki();
  work = mkdtempSync(path.join(os.tmpdir(), "uyum-libreoffice-"));
  const nss = makeNssDatabase(work, path.join(pki.dir, "rsa.key"), path.join(pki.dir, "rsa.pem"), [pki.rootPath]);
  writeFileSync(path.join(work, "belge.txt"), "Bu belge LibreOffice ile imzalanır: ğüşöçıİ\n");
  convertWithLibreOffice(work, path.join(work, "belge.txt"), "odt", work);
  signed = path.join(work, "belge.odt");
  office = startOffice(work, nss);
  signer = office.sign(signed);
}, 240_000);

afterAll(async () => {
  await office?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const validate = (file: string) =>
  validateBytes(path.basename(file), new Uint8Array(readFileSync(file)), {
    anchors: [parseCert(pki.rootDer)],
    // the throwaway PKI's certificate is not a qualified (NES) one; the NES profile is judged elsewhere
    requireQualified: false,
  });

describe("an ODF document signed by LibreOffice through an NSS database", () => {
  it("LibreOffice wrote META-INF/documentsignatures.xml with the database's certificate, and verifies it", () => {
    expect(signer).toMatch(/CN=Ali Veli RSA/);
    expect(execFileSync("unzip", ["-l", signed], { encoding: "utf8" })).toContain("META-INF/documentsignatures.xml");
    expect(office.verify(signed)).toEqual([{ valid: true, signer }]);
  });

  it("uyum: every check passes but revocation (the throwaway PKI publishes none), references resolved to the package entries, CertificateValues not read as an X-L", async () => {
    const r = await validate(signed);
    const s = r.signatures[0]!;
    expect([r.outcome, r.format]).toEqual(["verdict", "XAdES"]);
    expect(
      s.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => [c.id, c.subIndication]),
    ).toEqual([["revocation", "TRY_LATER"]]);
    for (const id of ["format", "message-digest", "signature-value", "chain"])
      expect(s.checks.find((c) => c.id === id)?.result, id).toBe("passed");
    expect(s.signer?.subject).toMatch(/Ali Veli RSA/);
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
    expect(office.verify(tampered)).toEqual([{ valid: false, signer }]);
    const r = await validate(tampered);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "HASH_FAILURE"]);
  });
});
