import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addDss, signPdf } from "./pades.ts";
import { makePdf } from "../vectors/documents.ts";
import { makeThrowawayPki, type ThrowawayPki } from "./testing/throwaway-pki.ts";

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
    const signed = signPdf(base, pki.rsa, { signingTime: at, certificates: [pki.rsa.certDer, pki.rootDer], reason: "Onay" });
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
    const lt = addDss(two, { certs: [pki.rootDer], crls: [], ocspResponses: [] });
    const f = write("two.pdf", lt);
    expect(spawnSync("qpdf", ["--check", f]).status).toBe(0);
    const out = spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
    expect(out.match(/Signature is Valid/g)?.length).toBe(2);
  });
  it("a corrupted signature value is reported invalid by pdfsig", () => {
    const bad = signPdf(makePdf(["bozuk"], "Bozuk"), pki.rsa, { signingTime: at, certificates: [pki.rsa.certDer], fault: { signatureValue: true } });
    const out = spawnSync("pdfsig", [write("bad.pdf", bad)], { encoding: "utf8" }).stdout;
    expect(out).not.toContain("Signature is Valid");
    expect(out).toMatch(/Signature is Invalid/);
  });
});
