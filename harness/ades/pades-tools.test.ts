// PDF signatures written by real signers, pdfsig (poppler) as the independent verifier of their math:
// - podofosign (libpodofo-utils) writes adbe.pkcs7.detached with the same SignerInfo twice: a PKCS#7 PDF
//   signature (ISO 32000-1), not "PAdES B-B", and the duplicate is flagged (check pdf-one-signer-info).
// - @signpdf/signpdf + @signpdf/signer-p12 (node-forge) writes no signing-certificate-v2: under
//   /SubFilter ETSI.CAdES.detached that fails the PAdES baseline rule by name; under adbe.pkcs7.detached it
//   is not required. pdfsig says "Signature is Valid." for all: the math holds, the faults are format rules.
// Before: podofosign's file was labelled "B-B" and the duplicate went unnoticed; @signpdf's failed with the
// CAdES wording ("required from BES on") whatever its /SubFilter.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignPdf } from "@signpdf/signpdf";
import { P12Signer } from "@signpdf/signer-p12";
import { describe, expect, it } from "vitest";
import { validateBytes } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-pades-tools-"));
const run = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) =>
  execFileSync(cmd, args, { stdio: "pipe", env: { ...process.env, ...env } }).toString();
const key = join(dir, "k.pem");
const cert = join(dir, "c.pem");
run("openssl", [
  "req",
  "-x509",
  "-newkey",
  "rsa:2048",
  "-nodes",
  "-keyout",
  key,
  "-out",
  cert,
  "-days",
  "30",
  "-subj",
  "/CN=PDF signer",
]);

/** A one-page PDF; with `subFilter`, a signature field whose /V is an empty placeholder for @signpdf. */
function pdf(subFilter?: string): Buffer {
  const objs = [
    `<< /Type /Catalog /Pages 2 0 R${subFilter ? " /AcroForm << /Fields [4 0 R] /SigFlags 3 >>" : ""} >>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]${subFilter ? " /Annots [4 0 R]" : ""} >>`,
  ];
  if (subFilter) {
    objs.push("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /F 4 /P 3 0 R /V 5 0 R >>");
    objs.push(
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter} /ByteRange [0 /********** /********** /**********] /Contents <${"0".repeat(16384)}> /M (D:20260115100000Z) >>`,
    );
  }
  let out = "%PDF-1.7\n";
  const offs: number[] = [];
  objs.forEach((o, i) => {
    offs.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function pdfsig(file: string): string {
  try {
    return run("pdfsig", [file]);
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? e);
  }
}

async function signpdf(subFilter: string): Promise<string> {
  const p12 = join(dir, "s.p12");
  // The test key's export password travels in the environment, never in argv.
  run("openssl", ["pkcs12", "-export", "-inkey", key, "-in", cert, "-out", p12, "-passout", "env:P12PW"], {
    P12PW: "test",
  });
  const signer = new P12Signer(readFileSync(p12), { passphrase: "test" });
  const signed = await new SignPdf().sign(pdf(subFilter), signer);
  const f = join(dir, `signpdf-${subFilter}.pdf`);
  writeFileSync(f, signed);
  return f;
}

const validate = async (f: string) =>
  validateBytes(f, new Uint8Array(readFileSync(f)), { anchors: [], at: new Date("2026-06-01T00:00:00Z") });
const check = (r: Awaited<ReturnType<typeof validate>>, id: string) => r.checks.find((c) => c.id === id);

describe("PDF signatures by podofosign and @signpdf, pdfsig as the reference", () => {
  it("podofosign: a PKCS#7 PDF signature (not PAdES B-B) whose duplicated SignerInfo is flagged", async () => {
    const plain = join(dir, "plain.pdf");
    writeFileSync(plain, pdf());
    const out = join(dir, "podofo.pdf");
    run("podofosign", ["-in", plain, "-out", out, "-cert", cert, "-pkey", key, "-digest", "SHA256"]);
    expect(pdfsig(out)).toMatch(/adbe\.pkcs7\.detached[\s\S]*Signature is Valid\./);
    const r = await validate(out);
    expect(r.level).toBe("PKCS7");
    expect(r.signatures).toHaveLength(1);
    expect(check(r, "pdf-one-signer-info")?.result).toBe("failed");
    expect(check(r, "pdf-one-signer-info")?.reason.en).toMatch(/2 SignerInfos \(1 an identical copy\)/);
    expect(check(r, "message-digest")?.result).toBe("passed");
    expect(check(r, "signature-value")?.result).toBe("passed");
    expect(check(r, "signing-certificate")?.result).toBe("passed");
    expect(r.indication).not.toBe("TOTAL-PASSED");
  });
  it("@signpdf under ETSI.CAdES.detached: fails the PAdES baseline rule for signing-certificate-v2 by name", async () => {
    const f = await signpdf("ETSI.CAdES.detached");
    expect(pdfsig(f)).toMatch(/ETSI\.CAdES\.detached[\s\S]*Signature is Valid\./);
    const r = await validate(f);
    expect(r.level).toBe("B-B");
    expect(check(r, "message-digest")?.result).toBe("passed");
    expect(check(r, "signature-value")?.result).toBe("passed");
    const sc = check(r, "signing-certificate");
    expect(sc?.result).toBe("failed");
    expect(sc?.reason.en).toMatch(/PAdES baseline B-B \(ETSI EN 319 142-1 §6\.3.*signing-certificate-v2.*missing/);
    expect(r.indication).toBe("TOTAL-FAILED");
  });
  it("@signpdf under adbe.pkcs7.detached: a PKCS#7 PDF signature, where signing-certificate-v2 is not required", async () => {
    const f = await signpdf("adbe.pkcs7.detached");
    expect(pdfsig(f)).toMatch(/Signature is Valid\./);
    const r = await validate(f);
    expect(r.level).toBe("PKCS7");
    expect(check(r, "signing-certificate")?.result).toBe("passed");
    expect(check(r, "signing-certificate")?.reason.en).toMatch(/not required for a PKCS#7 PDF signature/);
    expect(check(r, "signature-value")?.result).toBe("passed");
  });
});
