// `uyum vectors` bad input: clear messages and a non-zero exit, and never deleting a directory it did not write.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const uyum = (...args: string[]) => spawnSync("node", ["bin/uyum.js", ...args], { encoding: "utf8" });

describe("uyum vectors: bad input", () => {
  it("a missing PKI config is named, exit 2", () => {
    const r = uyum("vectors", "--out", path.join(os.tmpdir(), "uyum-never"), "--pki-config", "/nonexistent/pki.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("/nonexistent/pki.yaml");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it("refuses to wipe a non-empty directory that is not a vector set, and a file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "uyum-keep-"));
    writeFileSync(path.join(dir, "important.txt"), "keep me");
    const r = uyum("vectors", "--out", dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to overwrite/);
    expect(existsSync(path.join(dir, "important.txt"))).toBe(true);
    const f = path.join(dir, "important.txt");
    const r2 = uyum("vectors", "--out", f);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/not a directory/);
  });
  it("--only keeps the matching vectors; a broken pattern is named", () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "uyum-only-")), "out");
    const r = uyum("vectors", "--out", dir, "--only", "^kamusm-05-");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^vectors: 4 /m);
    const m = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
      vectors: Array<{ id: string; scenario: string }>;
    };
    expect(m.vectors.every((v) => v.id.startsWith("kamusm-05-") && v.scenario === "5")).toBe(true);
    const bad = uyum("vectors", "--out", dir, "--only", "([");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--only: "\(\[" is not a regular expression/);
  });
  it("--out is required", () => {
    const r = uyum("vectors");
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--out/);
  });
});
