// Malformed PDF structure: every case is a FORMAT_FAILURE whose message names the problem, in bounded time
// and memory (a 1 GB Flate bomb stops at the reader's cap). The files are built by hand around a signed PDF
// so the failure is the structure's, not "no signature".
import { createInflateRaw, constants, deflateSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signPdf } from "../sign/pades.ts";
import { makePdf } from "../vectors/documents.ts";
import { parseCrl } from "./crl.ts";
import { validateBytes } from "./index.ts";
import { LIMITS, PdfFile } from "../pdf/reader.ts";
import { PdfError } from "../pdf/syntax.ts";
import { anchor, chainDer, crls, SIGNING_TIME, signerOf, testPki, VALIDATION_TIME } from "../testing/ades/fixture.ts";

const pki = await testPki();
const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME, fetch: false, extraCrls: crls(pki).map(parseCrl) };
const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");

/**
 * A one-page PDF written with an object stream (objects 1–3: catalog, pages, page) and a cross-reference
 * stream (/W [1 2 1], PNG predictor 12), then signed by harness/sign (which appends an xref-stream update).
 */
function streamedPdf(
  o: {
    w?: string;
    first?: (real: number) => number;
    objStmData?: (plain: Uint8Array) => Uint8Array;
    prevLoop?: boolean;
    hybrid?: boolean;
  } = {},
): Uint8Array {
  const objs = [
    "<</Type/Catalog/Pages 2 0 R>>",
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
  ];
  let header = "";
  let body = "";
  objs.forEach((x, i) => {
    header += `${i + 1} ${body.length} `;
    body += `${x}\n`;
  });
  const first = header.length;
  const plain = Buffer.from(header + body, "latin1");
  const stmData = o.objStmData ? o.objStmData(plain) : deflateSync(plain);
  const content = "BT /F1 12 Tf 72 700 Td (x) Tj ET";
  let out = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const off: number[] = [];
  off[4] = out.length;
  out += `4 0 obj\n<</Length ${content.length}>>\nstream\n${content}\nendstream\nendobj\n`;
  off[5] = out.length;
  out += `5 0 obj\n<</Type/ObjStm/N 3/First ${o.first ? o.first(first) : first}/Filter/FlateDecode/Length ${stmData.length}>>\nstream\n${latin1(stmData)}\nendstream\nendobj\n`;
  off[6] = out.length;
  // rows: type(1) field2(2) field3(1); objects 0..6
  const rows: number[][] = [
    [0, 0, 255],
    [2, 5, 0],
    [2, 5, 1],
    [2, 5, 2],
    [1, off[4]!, 0],
    [1, off[5]!, 0],
    [1, off[6]!, 0],
  ];
  const raw: number[] = [];
  let prevRow = [0, 0, 0, 0];
  for (const [t, f2, f3] of rows) {
    const row = [t!, (f2! >> 8) & 255, f2! & 255, f3!];
    raw.push(2, ...row.map((v, i) => (v - prevRow[i]!) & 255)); // PNG "Up" filter
    prevRow = row;
  }
  const xdata = deflateSync(Buffer.from(raw));
  const prev = o.prevLoop ? `/Prev ${off[6]}` : "";
  out += `6 0 obj\n<</Type/XRef/Size 7/W ${o.w ?? "[1 2 1]"}/Root 1 0 R${prev}/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 4>>/Length ${xdata.length}>>\nstream\n${latin1(xdata)}\nendstream\nendobj\n`;
  if (o.hybrid) {
    // a hybrid file (what Word's "Save as PDF" writes): a classic table for old readers, /XRefStm for the rest
    const at = out.length;
    const e = (n: number) => `${String(n).padStart(10, "0")} 00000 n \n`;
    out += `xref\n0 1\n0000000000 65535 f \n4 3\n${e(off[4]!)}${e(off[5]!)}${e(off[6]!)}trailer\n<</Size 7/Root 1 0 R/XRefStm ${off[6]}>>\nstartxref\n${at}\n%%EOF\n`;
  } else out += `startxref\n${off[6]}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

function sign(pdf: Uint8Array): Uint8Array {
  return signPdf(pdf, signerOf(pki, "nes-rsa"), { signingTime: SIGNING_TIME, certificates: chainDer(pki) });
}

async function formatFailure(bytes: Uint8Array, message: RegExp): Promise<void> {
  const r = await validateBytes("malformed.pdf", bytes, opts);
  expect([r.indication, r.subIndication]).toEqual(["TOTAL-FAILED", "FORMAT_FAILURE"]);
  expect(r.checks[0]!.reason.en).toMatch(message);
}

describe("hand-built xref-stream PDF: the well-formed twin passes", () => {
  it("is read (xref stream with predictor, object stream) and, signed, is TOTAL-PASSED", async () => {
    const pdf = new PdfFile(streamedPdf());
    expect(pdf.sections[0]!.kind).toBe("stream");
    expect(pdf.entry(1)!.e).toEqual({ type: 2, stm: 5, idx: 0 });
    const signed = sign(streamedPdf());
    const r = await validateBytes("ok.pdf", signed, opts);
    expect([r.indication, r.level]).toEqual(["TOTAL-PASSED", "B-B"]);
  });
});

describe("hybrid-reference file (classic table + /XRefStm)", () => {
  it("objects only the /XRefStm lists (the catalog, in an object stream) are found; signed → TOTAL-PASSED; pdfsig: valid", async () => {
    const base = streamedPdf({ hybrid: true });
    const pdf = new PdfFile(base);
    expect(pdf.sections.map((x) => x.kind)).toEqual(["table"]);
    expect(pdf.entry(1)!.e).toEqual({ type: 2, stm: 5, idx: 0 });
    const signed = sign(base);
    const r = await validateBytes("hybrid.pdf", signed, opts);
    expect([r.indication, r.level]).toEqual(["TOTAL-PASSED", "B-B"]);
    const dir = mkdtempSync(join(tmpdir(), "uyum-pades-hybrid-"));
    writeFileSync(join(dir, "h.pdf"), signed);
    expect(spawnSync("pdfsig", [join(dir, "h.pdf")], { encoding: "utf8" }).stdout).toContain("Signature is Valid");
  });
});

describe("malformed PDF structure → FORMAT_FAILURE naming the problem", () => {
  it("xref stream with a /W of two widths", async () => {
    // harness/sign cannot even read it to sign; build the signed file from a good one by patching /W in place
    const good = sign(streamedPdf());
    const bad = Buffer.from(latin1(good).replace("/W [1 2 1]", "/W [1 2]  "), "latin1");
    expect(bad.length).toBe(good.length);
    await formatFailure(new Uint8Array(bad), /\/W is not an array of three widths/);
  });
  it("xref stream whose /W widths need more bytes than the stream has", async () => {
    const good = sign(streamedPdf());
    const bad = Buffer.from(latin1(good).replace("/W [1 2 1]", "/W [1 4 1]"), "latin1");
    await formatFailure(new Uint8Array(bad), /\/W \[1 4 1\] × 7 entries needs 42 bytes, the stream has 28/);
  });
  it("xref stream with a width of 9 bytes", async () => {
    const good = sign(streamedPdf());
    await formatFailure(
      new Uint8Array(Buffer.from(latin1(good).replace("/W [1 2 1]", "/W [1 9 1]"), "latin1")),
      /\/W\[1\] is not an integer in 0\.\.8/,
    );
  });
  for (const [label, delta, msg] of [
    ["past the data", () => 100_000, /\/First is not an integer/],
    ["too small (inside the header)", (f: number) => f - 4, /does not hold 3 number pairs/],
    ["too large (inside the objects)", (f: number) => f + 3, /does not hold 3 number pairs/],
  ] as const) {
    it(`object stream with a wrong /First: ${label}`, async () => {
      const good = sign(streamedPdf());
      const real = /\/ObjStm\/N 3\/First (\d+)/.exec(latin1(good))![1]!;
      const wrong = String(delta(Number(real))).padEnd(real.length, " ");
      if (wrong.length > real.length) {
        // a longer number shifts offsets: build the file with it instead of patching
        await formatFailure(streamedPdf({ first: delta }), msg);
      } else
        await formatFailure(
          new Uint8Array(Buffer.from(latin1(good).replace(`/First ${real}`, `/First ${wrong}`), "latin1")),
          msg,
        );
    });
  }
  it("a /Prev chain that loops: an xref stream whose /Prev is itself", async () => {
    await formatFailure(streamedPdf({ prevLoop: true }), /\/Prev chain loops back to offset/);
  });
  it("a /Prev chain that loops: two classic sections pointing at each other, after a signed revision", async () => {
    const signed = sign(makePdf(["döngü"], "Dongu"));
    // update A (Prev → B) then update B (Prev → A); offsets padded to 10 digits so lengths are known up front
    const section = (prev: number, self: number) =>
      `xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 9/Root 1 0 R/Prev ${String(prev).padStart(10, "0")}>>\nstartxref\n${String(self).padStart(10, "0")}\n%%EOF\n`;
    const aAt = signed.length;
    const bAt = aAt + section(0, 0).length;
    const tail = section(bAt, aAt) + section(aAt, bAt);
    const bytes = new Uint8Array(Buffer.concat([signed, Buffer.from(tail, "latin1")]));
    await formatFailure(bytes, new RegExp(`/Prev chain loops back to offset ${bAt}`));
  });
  it("a 1 GB Flate bomb in the object stream: FORMAT_FAILURE naming the limit, without inflating it all", async () => {
    // 1 MB of zeros deflates to the same 1,036-byte block once the window is all zeros: repeat it 1,024 times
    const { head, chunk } = await zeroChunks();
    const bomb = Buffer.concat([Buffer.from([0x78, 0xda]), head, ...Array.from({ length: 1023 }, () => chunk)]);
    expect(await inflatedSize(bomb.subarray(2))).toBe(1024 * 1024 * 1024); // it really is 1 GB
    // (harness/sign would inflate the bomb itself, so this file stays unsigned: the reader must stop first)
    const pdf = streamedPdf({ objStmData: () => bomb });
    expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await formatFailure(pdf, new RegExp(`object stream 5: inflates past the ${LIMITS.maxStream}-byte limit`));
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });
});

describe("fuzz: the xref-stream / object-stream signed PDF, bit flips and truncations", () => {
  it("400 mutants: each a well-formed result; none TOTAL-PASSED when a signed byte changed", async () => {
    const good = sign(streamedPdf());
    expect((await validateBytes("good", good, opts)).indication).toBe("TOTAL-PASSED");
    const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/
      .exec(latin1(good))!
      .slice(1)
      .map(Number) as [number, number, number, number];
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.record({
              pos: fc.integer({ min: 0, max: good.length - 1 }),
              bit: fc.integer({ min: 0, max: 7 }),
            }),
          },
          { weight: 1, arbitrary: fc.record({ len: fc.integer({ min: 0, max: good.length - 1 }) }) },
        ),
        async (m) => {
          let bytes: Uint8Array;
          let signedTouched: boolean;
          if ("len" in m) {
            bytes = good.subarray(0, m.len);
            signedTouched = true;
          } else {
            bytes = Uint8Array.from(good);
            bytes[m.pos]! ^= 1 << m.bit;
            signedTouched = (m.pos >= a && m.pos < a + b) || (m.pos >= c && m.pos < c + d);
          }
          const r = await validateBytes("mutant", bytes, opts);
          expect(["TOTAL-PASSED", "TOTAL-FAILED", "INDETERMINATE"]).toContain(r.indication);
          expect(r.checks.length).toBeGreaterThan(0);
          kinds.add(`${r.indication}/${r.subIndication ?? ""}`);
          if (r.indication === "TOTAL-PASSED")
            expect(signedTouched, `mutation ${JSON.stringify(m)} changed signed bytes yet passed`).toBe(false);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
    expect(kinds.has("TOTAL-FAILED/FORMAT_FAILURE")).toBe(true);
  });
});

async function zeroChunks(): Promise<{ head: Buffer; chunk: Buffer }> {
  const { createDeflateRaw } = await import("node:zlib");
  const d = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  d.on("data", (c: Buffer) => parts.push(c));
  const mb = Buffer.alloc(1 << 20);
  const flush = () => new Promise<void>((r) => d.flush(constants.Z_SYNC_FLUSH, () => r()));
  d.write(mb);
  await flush();
  const head = Buffer.concat(parts.splice(0));
  d.write(mb);
  await flush();
  const chunk = Buffer.concat(parts.splice(0));
  d.write(mb);
  await flush();
  expect(Buffer.concat(parts.splice(0)).equals(chunk)).toBe(true);
  d.destroy();
  return { head, chunk };
}

/** Inflated size of raw deflate data, counted as it streams (never held in memory). */
function inflatedSize(raw: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const inf = createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH });
    let n = 0;
    inf.on("data", (c: Buffer) => (n += c.length));
    inf.on("end", () => resolve(n));
    inf.on("error", reject);
    inf.end(raw);
  });
}
