// PAdES on PDFs we did not write ourselves: Chromium print-to-PDF (Playwright, Debian's Chromium) and a file
// re-saved by qpdf with object streams and cross-reference streams, signed with harness/sign (B-B, B-LT),
// validated here and cross-checked with pdfsig. Then a hand-written incremental update after signing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Pki } from "../pki/index.ts";
import { createCades, encodeCades } from "../sign/cades.ts";
import { addDocumentTimestamp, addDss, addSignatureRevision, signPdf } from "../sign/pades.ts";
import { makePdf } from "../vectors/documents.ts";
import { parseCrl } from "./crl.ts";
import { validateBytes } from "./index.ts";
import { PdfFile } from "../pdf/reader.ts";
import {
  anchor,
  chainDer,
  crls,
  makeTimestampToken,
  SIGNING_TIME,
  signerOf,
  testPki,
  VALIDATION_TIME,
} from "../testing/ades/fixture.ts";
import type { ValidationResult } from "./report.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-pades-real-"));
const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");
let pki: Pki;
let chromiumPdf: Uint8Array;

beforeAll(async () => {
  pki = await testPki();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.setContent(
      `<html><meta charset="utf-8"><body><h1>Dilekçe</h1><p>Gereğinin yapılmasını arz ederim: ğüşıöç ĞÜŞİÖÇ</p></body></html>`,
    );
    chromiumPdf = new Uint8Array(await page.pdf({ format: "A4" }));
  } finally {
    await browser.close();
  }
}, 60_000);

function write(name: string, b: Uint8Array): string {
  const f = join(dir, name);
  writeFileSync(f, b);
  return f;
}
function pdfsig(f: string): string {
  return spawnSync("pdfsig", [f], { encoding: "utf8" }).stdout;
}
const bb = (pdf: Uint8Array, label = "nes-rsa", fieldName?: string) =>
  signPdf(pdf, signerOf(pki, label), { signingTime: SIGNING_TIME, certificates: chainDer(pki, label), fieldName });
const lt = (pdf: Uint8Array) =>
  addDss(bb(pdf), {
    certs: [...chainDer(pki), pki.get("root").certDer],
    crls: crls(pki),
    ocspResponses: [],
    vri: true,
  });
/** B-B carries no revocation data: give the CRLs as validation input; B-LT must find them in its DSS. */
const validate = (f: string, bytes: Uint8Array, withCrls: boolean): Promise<ValidationResult> =>
  validateBytes(f, bytes, {
    anchors: [anchor(pki)],
    at: VALIDATION_TIME,
    fetch: false,
    extraCrls: withCrls ? crls(pki).map(parseCrl) : [],
  });
const check = (r: ValidationResult, id: string) => r.checks.filter((c) => c.id === id);

describe("Chromium print-to-PDF, signed with harness/sign", () => {
  it("the input really is Chromium's (Skia producer), unsigned", () => {
    expect(latin1(chromiumPdf)).toMatch(/Skia\/PDF/);
    expect(latin1(chromiumPdf)).not.toContain("/ByteRange");
  });
  it("B-B → TOTAL-PASSED, covers the whole file; pdfsig: valid, total document signed", async () => {
    const signed = bb(chromiumPdf);
    const f = write("chromium-bb.pdf", signed);
    const r = await validate(f, signed, true);
    expect(
      [r.indication, r.subIndication, r.level],
      JSON.stringify(r.checks.filter((c) => c.result !== "passed")),
    ).toEqual(["TOTAL-PASSED", undefined, "B-B"]);
    expect(check(r, "pdf-modifications").map((c) => c.result)).toEqual(["passed"]);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/revision 2 of 2: the whole file/);
    const out = pdfsig(f);
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Total document signed");
  });
  it("B-LT (DSS in a later update) → TOTAL-PASSED without outside CRLs; the DSS update is an allowed change; pdfsig: valid", async () => {
    const signed = lt(chromiumPdf);
    const f = write("chromium-blt.pdf", signed);
    const r = await validate(f, signed, false);
    expect(
      [r.indication, r.subIndication, r.level],
      JSON.stringify(r.checks.filter((c) => c.result !== "passed")),
    ).toEqual(["TOTAL-PASSED", undefined, "B-LT"]);
    const mod = check(r, "pdf-modifications");
    expect(mod.map((c) => c.result)).toEqual(["passed"]);
    expect(mod[0]!.reason.en).toMatch(/revision 2 of 3; later updates only add: .*DSS/);
    const out = pdfsig(f);
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Not total document signed"); // pdfsig agrees an update follows the signature
  });
  it("the same B-LT without its DSS CRLs and without outside CRLs is not TOTAL-PASSED (the DSS is what made it pass)", async () => {
    const noCrl = addDss(bb(chromiumPdf), {
      certs: [...chainDer(pki), pki.get("root").certDer],
      crls: [],
      ocspResponses: [],
    });
    const r = await validate("no-crl", noCrl, false);
    expect(r.indication).not.toBe("TOTAL-PASSED");
  });
});

describe("object streams and cross-reference streams (qpdf --object-streams=generate before signing)", () => {
  let streamed: Uint8Array;
  beforeAll(() => {
    const src = write("plain.pdf", makePdf(["Nesne akışı: ğüşıöç"], "Akis"));
    const out = join(dir, "streamed.pdf");
    const q = spawnSync("qpdf", ["--object-streams=generate", src, out], { encoding: "utf8" });
    expect(q.status, q.stderr).toBe(0);
    streamed = new Uint8Array(readFileSync(out));
  });
  it("the input has an xref stream with a PNG predictor and the catalog inside an object stream", () => {
    const pdf = new PdfFile(streamed);
    expect(pdf.sections.map((s) => s.kind)).toEqual(["stream"]);
    expect(latin1(streamed)).toMatch(/\/Predictor 12/);
    const root = pdf.sections[0]!.trailer.get("Root") as { num: number };
    expect(pdf.entry(root.num)!.e.type).toBe(2); // compressed: in an /ObjStm
  });
  for (const level of ["B-B", "B-LT"] as const) {
    it(`${level} → TOTAL-PASSED; the signed file's every revision uses xref streams; pdfsig: valid`, async () => {
      const signed = level === "B-B" ? bb(streamed) : lt(streamed);
      const f = write(`streamed-${level}.pdf`, signed);
      expect(new PdfFile(signed).sections.every((s) => s.kind === "stream")).toBe(true);
      expect(spawnSync("qpdf", ["--check", f]).status).toBe(0);
      const r = await validate(f, signed, level === "B-B");
      expect(
        [r.indication, r.subIndication, r.level],
        JSON.stringify(r.checks.filter((c) => c.result !== "passed")),
      ).toEqual(["TOTAL-PASSED", undefined, level]);
      expect(pdfsig(f)).toContain("Signature is Valid");
    });
  }
  it("Chromium output through qpdf, then two signatures and a DSS: both TOTAL-PASSED and B-LT, pdfsig: 2 valid", async () => {
    const out = join(dir, "chromium-streamed.pdf");
    expect(spawnSync("qpdf", ["--object-streams=generate", write("c.pdf", chromiumPdf), out]).status).toBe(0);
    const one = bb(new Uint8Array(readFileSync(out)));
    const two = bb(one, "nes-rsa", "Imza2");
    const all = addDss(two, { certs: [...chainDer(pki), pki.get("root").certDer], crls: crls(pki), ocspResponses: [] });
    const f = write("chromium-streamed-2sig.pdf", all);
    const r = await validate(f, all, false);
    expect(r.signatures.map((s) => [s.indication, s.level])).toEqual([
      ["TOTAL-PASSED", "B-LT"],
      ["TOTAL-PASSED", "B-LT"],
    ]);
    expect(r.indication).toBe("TOTAL-PASSED");
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(
      /later updates only add: .*signature.*DSS|later updates only add: .*DSS.*signature/,
    );
    expect(pdfsig(f).match(/Signature is Valid/g)?.length).toBe(2);
  });
});

/** Append a classic-xref incremental update, written out by hand: `objects` replace or add objects. */
function handUpdate(base: Uint8Array, objects: Record<number, string>): Uint8Array {
  const text = latin1(base);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const pdf = new PdfFile(base);
  const size = pdf.sections[0]!.trailer.get("Size") as number;
  const root = pdf.sections[0]!.trailer.get("Root") as { num: number };
  let out = "";
  const xref: string[] = [];
  for (const [n, body] of Object.entries(objects)) {
    xref.push(`${n} 1\n${String(base.length + out.length).padStart(10, "0")} 00000 n \n`);
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const at = base.length + out.length;
  const newSize = Math.max(size, ...Object.keys(objects).map((n) => Number(n) + 1));
  out += `xref\n${xref.join("")}trailer\n<</Size ${newSize}/Root ${root.num} 0 R/Prev ${prev}>>\nstartxref\n${at}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([base, Buffer.from(out, "latin1")]));
}

describe("modifications after signing (a hand-written incremental update)", () => {
  const content = "BT /F1 24 Tf 72 700 Td (Odenecek tutar: 1.000.000 TL) Tj ET";
  it("replacing the page's content stream is flagged: INDETERMINATE/SIG_CONSTRAINTS_FAILURE; pdfsig: signature intact, not total document", async () => {
    const signed = bb(makePdf(["Ödenecek tutar: 10 TL"], "Fatura"));
    const changed = handUpdate(signed, { 4: `<</Length ${content.length}>>\nstream\n${content}\nendstream` });
    const f = write("changed-content.pdf", changed);
    expect(spawnSync("pdftotext", [f, "-"], { encoding: "utf8" }).stdout).toContain("1.000.000 TL"); // the shown page really changed
    const r = await validate(f, changed, true);
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "SIG_CONSTRAINTS_FAILURE"]);
    const mod = check(r, "pdf-modifications");
    expect(mod[0]!.result).toBe("indeterminate");
    expect(mod[0]!.reason.en).toMatch(/modifications after signing: .*revision 2 of 3.*object 4 replaced \(a stream/);
    // the signature itself is intact: its own checks pass
    expect(r.signatures[0]!.indication).toBe("TOTAL-PASSED");
    const out = pdfsig(f);
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Not total document signed");
  });
  it("pointing the page at new content (page dictionary changed) is flagged naming /Contents", async () => {
    const signed = bb(makePdf(["Ödenecek tutar: 10 TL"], "Fatura"));
    const page = new PdfFile(signed).object(3);
    expect(page).toBeDefined();
    const changed = handUpdate(signed, {
      3: "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 40 0 R>>",
      40: `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    });
    const r = await validate("page", changed, true);
    expect([r.indication, r.subIndication]).toEqual(["INDETERMINATE", "SIG_CONSTRAINTS_FAILURE"]);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/page \(object 3\): \/Contents changed/);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/object 40 added/);
  });
  it("an update that rewrites objects without changing them is not a modification", async () => {
    const signed = bb(makePdf(["aynı"], "Ayni"));
    const same = handUpdate(signed, { 2: "<</Type/Pages/Kids[3 0 R]/Count 1>>" });
    const r = await validate("same", same, true);
    expect(r.indication).toBe("TOTAL-PASSED");
  });
});

describe("linearized input (qpdf --linearize): a revision made of two cross-reference sections", () => {
  it("Chromium output linearized with object streams, signed B-B → TOTAL-PASSED, revision 2 of 2; pdfsig: valid", async () => {
    const out = join(dir, "chromium-linearized.pdf");
    expect(
      spawnSync("qpdf", ["--linearize", "--object-streams=generate", write("c2.pdf", chromiumPdf), out]).status,
    ).toBe(0);
    const base = new Uint8Array(readFileSync(out));
    const info = new PdfFile(base);
    expect(info.sections).toHaveLength(2); // first-page section, then the main one reached only through /Prev
    expect(info.revisionCount).toBe(1);
    const signed = bb(base);
    const f = write("chromium-linearized-bb.pdf", signed);
    const r = await validate(f, signed, true);
    expect([r.indication, r.level]).toEqual(["TOTAL-PASSED", "B-B"]);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/revision 2 of 2: the whole file/);
    expect(pdfsig(f)).toContain("Signature is Valid");
  });
});

describe("certification signatures (DocMDP): the signer's own limit on later changes", () => {
  /** A certification signature: harness/sign's signature revision with a /Reference DocMDP entry. */
  const certify = (pdf: Uint8Array, p: 1 | 2 | 3) =>
    addSignatureRevision(pdf, {
      sigDictEntries: `/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M(D:20260115100000Z)/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams<</Type/TransformParams/P ${p}/V/1.2>>>>]`,
      fieldName: "Onay",
      contentsBytes: 24_000,
      make: (signed) =>
        encodeCades(
          createCades(signerOf(pki, "nes-rsa"), { content: signed, detached: true, certificates: chainDer(pki) }),
        ),
    });
  const docTs = (pdf: Uint8Array) =>
    addDocumentTimestamp(pdf, (imprint, hash) =>
      makeTimestampToken(pki, {
        tsaLabel: "tsa1",
        messageImprint: imprint,
        hash,
        genTime: new Date("2026-02-01T10:00:00Z"),
        serial: 91,
      }),
    );
  it("P=1 then a DSS and a document time-stamp: allowed (PAdES exempts them) → TOTAL-PASSED", async () => {
    const pdf = docTs(
      addDss(certify(makePdf(["kesin"], "Kesin"), 1), {
        certs: [pki.get("root").certDer],
        crls: crls(pki),
        ocspResponses: [],
      }),
    );
    const r = await validate("p1-lt", pdf, false);
    expect(r.indication, JSON.stringify(r.checks.filter((c) => c.result !== "passed"))).toBe("TOTAL-PASSED");
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/DSS/);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/document time-stamp/);
  });
  it("P=1 then another signature: TOTAL-FAILED/SIG_CONSTRAINTS_FAILURE (the later signature itself passes); pdfsig still calls both intact", async () => {
    const pdf = bb(certify(makePdf(["kesin"], "Kesin"), 1), "nes-rsa", "Imza2");
    const f = write("p1-second.pdf", pdf);
    const r = await validate(f, pdf, true);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "SIG_CONSTRAINTS_FAILURE"]);
    const mod = check(r, "pdf-modifications");
    expect(mod.map((c) => c.result)).toEqual(["failed", "passed"]);
    expect(mod[0]!.reason.en).toMatch(/DocMDP level 1 changes only, yet a later update makes: a later signature/);
    expect(pdfsig(f).match(/Signature is Valid/g)?.length).toBe(2);
  });
  it("P=2 then another signature: allowed → TOTAL-PASSED", async () => {
    const r = await validate("p2-second", bb(certify(makePdf(["form"], "Form"), 2), "nes-rsa", "Imza2"), true);
    expect(r.indication, JSON.stringify(r.checks.filter((c) => c.result !== "passed"))).toBe("TOTAL-PASSED");
  });
  it("P=2 then a page content change: TOTAL-FAILED/SIG_CONSTRAINTS_FAILURE (without DocMDP it is INDETERMINATE)", async () => {
    const content = "BT /F1 24 Tf 72 700 Td (degisti) Tj ET";
    const pdf = handUpdate(certify(makePdf(["form"], "Form"), 2), {
      4: `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    });
    const r = await validate("p2-content", pdf, true);
    expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "SIG_CONSTRAINTS_FAILURE"]);
    expect(check(r, "pdf-modifications")[0]!.reason.en).toMatch(/DocMDP level 2 .*object 4 replaced/);
  });
});
