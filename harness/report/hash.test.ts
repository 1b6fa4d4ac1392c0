// The software manifest checked by coreutils: sha256sum -c accepts it as written, the overall digest is
// sha256sum of the manifest, the order is `LC_ALL=C sort`'s, links and FIFOs are reported and never followed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expandSoftwareGlobs } from "./glob.ts";
import { diffManifests, hashSoftware, HashInputError, parseManifest } from "./hash.ts";

let app: string;
let outside: string;
beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), "uyum-hash-"));
  app = join(root, "app");
  outside = join(root, "outside.txt");
  writeFileSync(outside, "not part of the app\n");
  mkdirSync(join(app, "lib", "İmza"), { recursive: true });
  writeFileSync(join(app, "main.js"), "console.log('imzala')\n");
  writeFileSync(join(app, "B.txt"), "upper case sorts before lower case bytewise\n");
  writeFileSync(join(app, "lib", "İmza", "çekirdek.js"), "// Türkçe ad\n");
  writeFileSync(join(app, "lib", "space name.txt"), "a name with a space\n");
  writeFileSync(join(app, "lib", "back\\slash.txt"), "coreutils escapes this name\n");
  writeFileSync(join(app, "big.bin"), Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a)); // several stream chunks
  writeFileSync(join(app, "empty"), "");
  symlinkSync(outside, join(app, "link-out"));
  execFileSync("mkfifo", [join(app, "pipe")]);
});

describe("uyum hash: the manifest coreutils can check", () => {
  it("sha256sum -c accepts the manifest as written, and the digest is sha256sum of the manifest", async () => {
    const h = await hashSoftware([app]);
    const mf = join(app, "..", "manifest.sha256");
    writeFileSync(mf, h.manifest);
    const check = spawnSync("sha256sum", ["--strict", "-c", mf], { cwd: app, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(check.stdout.trim().split("\n")).toHaveLength(h.files.length);
    const digest = execFileSync("sh", ["-c", `sha256sum < "${mf}" | cut -c1-64`], { encoding: "utf8" }).trim();
    expect(h.digest).toBe(digest);
    // the same lines sha256sum itself writes, in `LC_ALL=C sort` order
    const theirs = execFileSync(
      "sh",
      ["-c", "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum"],
      {
        cwd: app,
        encoding: "utf8",
      },
    );
    expect(h.manifest).toBe(theirs);
  });

  it("reports the symlink and the FIFO and never follows or reads them", async () => {
    const h = await hashSoftware([app]);
    expect(h.skipped).toEqual([
      { path: "link-out", kind: "symlink" },
      { path: "pipe", kind: "fifo" },
    ]);
    expect(h.manifest).not.toContain("link-out");
    expect(h.files.map((f) => f.path)).toContain("lib/İmza/çekirdek.js");
    expect(h.files.find((f) => f.path === "big.bin")?.size).toBe(3 * 1024 * 1024 + 7);
  });

  it("one byte changed in one file: the diff names that file and no other", async () => {
    const before = await hashSoftware([app]);
    const f = join(app, "lib", "İmza", "çekirdek.js");
    writeFileSync(f, "// Türkçe ad!\n");
    try {
      const after = await hashSoftware([app]);
      expect(after.digest).not.toBe(before.digest);
      const d = diffManifests(parseManifest(before.manifest), parseManifest(after.manifest));
      expect(d).toEqual({ changed: ["lib/İmza/çekirdek.js"], missing: [], extra: [] });
    } finally {
      writeFileSync(f, "// Türkçe ad\n");
    }
  });

  it("parseManifest reads back coreutils' escaped names", async () => {
    const h = await hashSoftware([app]);
    const m = parseManifest(h.manifest);
    expect(m.get("lib/back\\slash.txt")).toBe(h.files.find((f) => f.path === "lib/back\\slash.txt")?.sha256);
    expect(() => parseManifest("not a manifest line\n")).toThrow(/line 1/);
  });

  it("a missing path is a named error, not a crash", async () => {
    await expect(hashSoftware([join(app, "yok")])).rejects.toThrow(HashInputError);
    await expect(hashSoftware([join(app, "yok")])).rejects.toThrow(/yok: no such file/);
  });

  it("profile globs: ** spans directories, the root is the globs' common directory, no match is named", async () => {
    const g = await expandSoftwareGlobs(join(app, "lib"), ["../**/*.js", "../B.txt"]);
    expect(g.root).toBe(app);
    const h = await hashSoftware(g.paths, { root: g.root });
    expect(h.files.map((f) => f.path)).toEqual(["B.txt", "lib/İmza/çekirdek.js", "main.js"]);
    await expect(expandSoftwareGlobs(app, ["dist/**/*.js"])).rejects.toThrow(/dist\/\*\*\/\*\.js/);
    await expect(expandSoftwareGlobs(app, ["**/*.exe"])).rejects.toThrow(/matches no file/);
  });
});
