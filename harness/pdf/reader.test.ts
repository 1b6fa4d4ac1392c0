// The reader's writer-facing side (objectText, updateBase), checked against what we wrote and against qpdf's
// own view of a file qpdf rewrote with an xref stream (PNG predictor 12) and an object stream.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePdf } from "../sign/pdf.ts";
import { PdfFile } from "./reader.ts";
import { PdfError } from "./syntax.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-pdf-"));
const bodies = new Map<number, string>([
  [1, "<</Type/Catalog/Pages 2 0 R>>"],
  [2, "<</Type/Pages/Kids[3 0 R]/Count 1>>"],
  [3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /X (a >> b) >>"],
  [4, "<</Producer(uyum)>>"],
]);
// a literal-string /ID with an escaped parenthesis: it must travel byte for byte
const classic = writePdf(bodies, "/Root 1 0 R/Info 4 0 R/ID [(lit\\)eral) <ABCD>]");

describe("PdfFile for incremental-update writers", () => {
  it("classic table: object text verbatim, trailer facts, raw /ID", () => {
    const f = new PdfFile(classic);
    for (const [n, body] of bodies) expect(f.objectText(n)).toBe(body);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(Buffer.from(classic).toString("latin1"))![1]);
    expect(f.updateBase()).toEqual({
      size: 5,
      rootRef: 1,
      infoRef: 4,
      idEntry: "/ID [(lit\\)eral) <ABCD>]",
      lastXref: startxref,
      xrefStream: false,
    });
    expect(() => f.objectText(9)).toThrow(/PDF object 9 not found/);
  });

  it("qpdf's xref stream + object stream: objects as qpdf shows them, trailer as qpdf wrote it", () => {
    const a = join(dir, "a.pdf");
    const b = join(dir, "b.pdf");
    writeFileSync(a, classic);
    const q = spawnSync("qpdf", ["--object-streams=generate", a, b], { encoding: "utf8" });
    expect(q.status, q.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(b));
    const f = new PdfFile(bytes);
    const xref = spawnSync("qpdf", ["--show-xref", b], { encoding: "utf8" }).stdout;
    const compressed = [...xref.matchAll(/^(\d+)\/0: compressed/gm)].map((m) => Number(m[1]));
    expect(compressed.length).toBeGreaterThanOrEqual(3);
    for (const n of compressed) {
      const shown = spawnSync("qpdf", [`--show-object=${n}`, b], { encoding: "utf8" }).stdout.trim();
      expect(f.objectText(n).replace(/\s+/g, " ")).toBe(shown.replace(/\s+/g, " "));
    }
    const text = Buffer.from(bytes).toString("latin1");
    const base = f.updateBase();
    expect(base.xrefStream).toBe(true);
    expect(base.lastXref).toBe(Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]));
    expect(base.rootRef).toBe(Number(/\/Root (\d+) 0 R/.exec(text)![1]));
    expect(base.infoRef).toBe(Number(/\/Info (\d+) 0 R/.exec(text)![1]));
    expect(base.size).toBe(Number(/\/Size (\d+)/.exec(text)![1]));
    expect(base.idEntry).toBe(/\/ID \[<[0-9a-f]+><[0-9a-f]+>\]/.exec(text)![0]);
  });

  it("a startxref that points at neither a table nor an object says so", () => {
    const bad = Buffer.from(
      Buffer.from(classic)
        .toString("latin1")
        .replace(/startxref\n\d+/, "startxref\n12"),
      "latin1",
    );
    expect(() => new PdfFile(new Uint8Array(bad))).toThrow(PdfError);
    expect(() => new PdfFile(new Uint8Array(bad))).toThrow(/no cross-reference section at offset 12/);
  });
});
