import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDss, signatureContents, signPdf } from "./pades.ts";
import { makePdf } from "../vectors/documents.ts";
import { makeThrowawayPki, type ThrowawayPki } from "../testing/sign/throwaway-pki.ts";

let pki: ThrowawayPki;
beforeAll(() => {
  pki = makeThrowawayPki();
});
const at = new Date("2026-03-01T10:00:00Z");

function write(name: string, b: Uint8Array) {
  const f = path.join(pki.dir, name);
  writeFileSync(f, b);
  return f;
}

describe("PAdES creation (cross-checked with pdfsig and qpdf --check)", () => {
  it("B-B on our PDF: qpdf finds no problem, pdfsig says the signature is valid, text survives", () => {
    const base = makePdf(["Türkçe: ğ Ğ ı İ ş Ş"], "Deneme");
    const baseF = write("base.pdf", base);
    const text = spawnSync("pdftotext", [baseF, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain("Türkçe: ğ Ğ ı İ ş Ş");
    const signed = signPdf(base, pki.rsa, {
      signingTime: at,
      certificates: [pki.rsa.certDer, pki.rootDer],
      reason: "Onay",
    });
    const f = write("signed.pdf", signed);
    const q = spawnSync("qpdf", ["--check", f], { encoding: "utf8" });
    expect(q.stdout + q.stderr).toContain("No syntax or stream encoding errors");
    expect(q.status).toBe(0);
    const s = spawnSync("pdfsig", [f], { encoding: "utf8" });
    expect(s.stdout).toContain("Signature is Valid");
    expect(s.stdout).toContain("ETSI.CAdES.detached");
    expect(s.stdout).toContain("Total document signed");
  });
  it("a second signature and a DSS update keep both signatures valid (ECDSA too)", () => {
    const one = signPdf(makePdf(["iki imza"], "Iki"), pki.rsa, { signingTime: at, certificates: [pki.rsa.certDer] });
    const two = signPdf(one, pki.ec, { signingTime: at, certificates: [pki.ec.certDer], fieldName: "Imza2" });
    const lt = addDss(two, { certs: [pki.rootDer], crls: [], ocspResponses: [], vri: true });
    const f = write("two.pdf", lt);
    // one /VRI key per signature: SHA-1 of its CMS, computed here by openssl
    const cms = signatureContents(lt);
    expect(cms).toHaveLength(2);
    for (const [i, c] of cms.entries()) {
      const cf = write(`cms-${i}.der`, c);
      expect(spawnSync("openssl", ["cms", "-cmsout", "-inform", "DER", "-in", cf, "-noout"]).status).toBe(0); // whole, parseable CMS
      const sha1 = spawnSync("openssl", ["dgst", "-sha1", "-r", cf], { encoding: "utf8" })
        .stdout.split(" ")[0]!
        .toUpperCase();
      expect(Buffer.from(lt).toString("latin1")).toContain(`/${sha1} <<`);
    }
    expect(spawnSync("qpdf", ["--check", f]).status).toBe(0);
    const out = spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
    expect(out.match(/Signature is Valid/g)?.length).toBe(2);
  });
  it("a corrupted signature value is reported invalid by pdfsig", () => {
    const bad = signPdf(makePdf(["bozuk"], "Bozuk"), pki.rsa, {
      signingTime: at,
      certificates: [pki.rsa.certDer],
      fault: { signatureValue: true },
    });
    const out = spawnSync("pdfsig", [write("bad.pdf", bad)], { encoding: "utf8" }).stdout;
    expect(out).not.toContain("Signature is Valid");
    expect(out).toMatch(/Signature is Invalid/);
  });
});

describe("PAdES on PDFs we did not write", () => {
  it("signs Chromium's print-to-PDF output (what the report renderer produces); pdfsig validates it", () => {
    const html = path.join(pki.dir, "rapor.html");
    writeFileSync(html, `<html><meta charset="utf-8"><body><h1>Uyum raporu: ğüşıöç</h1></body></html>`);
    const pdfFile = path.join(pki.dir, "rapor.pdf");
    const c = spawnSync(
      "chromium",
      ["--headless", "--no-sandbox", "--disable-gpu", `--print-to-pdf=${pdfFile}`, `file://${html}`],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(c.status, c.stderr).toBe(0);
    const signed = signPdf(new Uint8Array(readFileSync(pdfFile)), pki.rsa, {
      signingTime: at,
      certificates: [pki.rsa.certDer],
    });
    const f = write("rapor-imzali.pdf", signed);
    expect(spawnSync("qpdf", ["--check", f]).status).toBe(0);
    const out = spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Total document signed");
  });
  it("signs a PDF with cross-reference and object streams (qpdf-converted): B-B, DSS, document time-stamp; pdfsig and qpdf agree", () => {
    const base = write("plain.pdf", makePdf(["xref akışı"], "Akis"));
    const streamed = path.join(pki.dir, "xref-stream.pdf");
    expect(spawnSync("qpdf", ["--object-streams=generate", base, streamed]).status).toBe(0);
    const src = new Uint8Array(readFileSync(streamed));
    expect(Buffer.from(src).toString("latin1")).toMatch(/\/Type\s*\/XRef/); // really a cross-reference stream
    expect(Buffer.from(src).toString("latin1")).toMatch(/\/Type\s*\/ObjStm/); // and the catalog sits in an object stream
    const one = signPdf(src, pki.rsa, { signingTime: at, certificates: [pki.rsa.certDer] });
    const two = signPdf(one, pki.ec, { signingTime: at, certificates: [pki.ec.certDer], fieldName: "Imza2" });
    const lt = addDss(two, { certs: [pki.rootDer], crls: [], ocspResponses: [] });
    const f = write("xref-stream-signed.pdf", lt);
    const q = spawnSync("qpdf", ["--check", f], { encoding: "utf8" });
    expect(q.status, q.stdout + q.stderr).toBe(0);
    const out = spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
    expect(out.match(/Signature is Valid/g)?.length).toBe(2);
    expect(spawnSync("pdftotext", [f, "-"], { encoding: "utf8" }).stdout).toContain("xref akışı");
  });
  it("a PDF without a cross-reference section is refused with a message that says so", () => {
    const broken = Buffer.from(
      Buffer.from(makePdf(["x"], "x"))
        .toString("latin1")
        .replace(/startxref\s+\d+/, "startxref\n12"),
      "latin1",
    );
    expect(() =>
      signPdf(new Uint8Array(broken), pki.rsa, { signingTime: at, certificates: [pki.rsa.certDer] }),
    ).toThrow(/no cross-reference section at offset 12/);
  });
});
