// Active content in signed PDFs: embedded files that are plain data (a conformance report's JSON/XML twins) are
// not active content; executables, scripts and unknown binaries are. Attachments are added by real tools
// (poppler's pdfattach, qpdf --add-attachment), not written by hand.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makePdf } from "../vectors/documents.ts";
import { sniffDocument } from "./document.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-ades-attach-"));
const base = join(dir, "base.pdf");
writeFileSync(base, makePdf(["Uygunluk raporu"], "rapor"));

function file(name: string, body: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}
/** poppler's pdfattach: one attachment, named by its file name, no media type. */
function pdfattach(...attachments: string[]): Uint8Array {
  let cur = base;
  for (const [i, a] of attachments.entries()) {
    const out = join(dir, `pa-${i}-${Math.random().toString(36).slice(2)}.pdf`);
    execFileSync("pdfattach", [cur, a, out]);
    cur = out;
  }
  return readFileSync(cur);
}
/** qpdf: an attachment with an explicit media type (/Subtype of the embedded file stream). */
function qpdfAttach(a: string, mimetype: string): Uint8Array {
  const out = join(dir, `q-${Math.random().toString(36).slice(2)}.pdf`);
  execFileSync("qpdf", [base, out, "--add-attachment", a, `--mimetype=${mimetype}`, "--"]);
  return readFileSync(out);
}

describe("PDF attachments and active content", () => {
  it("a report carrying its JSON and XML twins (pdfattach) is not active content", () => {
    const pdf = pdfattach(file("rapor.json", '{"items":[]}'), file("rapor.xml", "<rapor/>"), file("notlar.txt", "x"));
    const d = sniffDocument(pdf);
    expect(d.mediaType).toBe("application/pdf");
    expect([d.activeContent, d.note]).toEqual([false, undefined]);
  });
  it("a CSV attached with its media type (qpdf) is data", () => {
    expect(sniffDocument(qpdfAttach(file("tablo.csv", "a,b\n1,2\n"), "text/csv")).activeContent).toBe(false);
    expect(sniffDocument(qpdfAttach(file("r.json", "{}"), "application/json")).activeContent).toBe(false);
  });
  it("a script, an executable or an unknown binary attachment is active content, named", () => {
    const sh = sniffDocument(pdfattach(file("kur.sh", "#!/bin/sh\nrm -rf ~\n")));
    expect(sh.activeContent).toBe(true);
    expect(sh.note).toContain("kur.sh");
    expect(sniffDocument(pdfattach(file("rapor.json", "{}"), file("ek.bin", "\x00\x01\x02"))).activeContent).toBe(true);
    expect(sniffDocument(qpdfAttach(file("x.js", "app.alert(1)"), "application/javascript")).activeContent).toBe(true);
  });
  it("an executable disguised as JSON (by name and media type) is active content", () => {
    const exe = file("veri.json", Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(64)]));
    expect(sniffDocument(pdfattach(exe)).activeContent).toBe(true);
    expect(sniffDocument(qpdfAttach(exe, "application/json")).activeContent).toBe(true);
  });
  it("an Office file attached (the macro Word vector's shape) stays active content", () => {
    const d = sniffDocument(qpdfAttach(file("makrolu.docm", "PK\x03\x04..."), "application/vnd.ms-word"));
    expect(d.activeContent).toBe(true);
  });
});
