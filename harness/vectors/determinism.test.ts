// `uyum vectors` must give byte-identical output on every run: generate twice, compare every file.
import { readdirSync, readFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateVectors } from "./generate.ts";

function listFiles(root: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out.sort();
}

describe("vector determinism", () => {
  it("two generations are byte-identical", async () => {
    const a = mkdtempSync(path.join(os.tmpdir(), "uyum-det-a-"));
    const b = mkdtempSync(path.join(os.tmpdir(), "uyum-det-b-"));
    const cfg = "vectors/pki/kamusm-test-pki.yaml";
    await generateVectors({ outDir: a, pkiConfig: cfg });
    await generateVectors({ outDir: b, pkiConfig: cfg });
    const fa = listFiles(a);
    expect(fa.length).toBeGreaterThan(200);
    expect(listFiles(b)).toEqual(fa);
    const differing = fa.filter((f) => !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
    expect(differing).toEqual([]);
  }, 180_000);
});
