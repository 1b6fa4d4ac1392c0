// The agent window's preview of an EYP-like package (a zip, made here by the real zip tool): the list of its
// parts, then each part shown as its own kind; a part it cannot show, a script inside a part, and a damaged
// package each get their warning.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { previewDocument } from "./inspect.ts";

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "samples");

function pack(files: Record<string, string>): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "eyp-"));
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(dir, name));
  execFileSync("zip", ["-q", "-X", "paket.eyp", ...Object.keys(files)], { cwd: dir });
  return new Uint8Array(readFileSync(join(dir, "paket.eyp")));
}

describe("EYP package preview", () => {
  it("lists every part and shows the text, XML and PDF parts; a part it cannot show is named in a warning", () => {
    const dir = mkdtempSync(join(tmpdir(), "eyp-bin-"));
    writeFileSync(join(dir, "ek.png"), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3));
    const bytes = pack({
      "UstYazi.xml": join(SAMPLES, "ust-yazi.xml"),
      "not.txt": join(SAMPLES, "not.txt"),
      "resmi-yazi.pdf": join(SAMPLES, "resmi-yazi.pdf"),
      "ek.png": join(dir, "ek.png"),
    });
    const p = previewDocument(bytes, "application/vnd.eyp+zip");
    expect(p.text).toMatch(/package contents \(4\)/);
    for (const name of ["UstYazi.xml", "not.txt", "resmi-yazi.pdf", "ek.png"]) expect(p.text).toContain(name);
    expect(p.text).toContain(readFileSync(join(SAMPLES, "not.txt"), "utf8").trim().split("\n")[0]);
    const pdfText = execFileSync("pdftotext", ["-layout", join(SAMPLES, "resmi-yazi.pdf"), "-"], { encoding: "utf8" });
    expect(p.text).toContain(pdfText.trim().split("\n")[0]!.trim());
    expect(p.warnings.map((w) => [w.kind, w.en])).toEqual([["cannot-show-whole", expect.stringContaining("ek.png")]]);
  });
  it("a script in a part of the package is a dynamic-content warning naming that part", () => {
    const p = previewDocument(pack({ "UstYazi.xml": join(SAMPLES, "betikli.xml") }), "application/vnd.eyp+zip");
    expect(p.warnings.some((w) => w.kind === "dynamic-content" && w.en.startsWith("UstYazi.xml:"))).toBe(true);
  });
  it("a damaged package is a format error, never a crash", () => {
    const p = previewDocument(Uint8Array.from(Buffer.from("PK\x03\x04 bozuk")), "application/vnd.eyp+zip");
    expect(p.warnings.map((w) => w.kind)).toContain("format-error");
  });
});
