import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecklist } from "../checklist/load.ts";
import { ValidationError, formatIssue } from "../core/issues.ts";
import { coverage, renderCoverage } from "./coverage.ts";
import { discoverProbes, layoutIssues, probeFiles } from "./registry.ts";

const cl = loadChecklist();
const KIT = join(import.meta.dirname, "kit.ts");

/** A probes folder of its own: files maps "folder/name.ts" to source. */
function probesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "uyum-probes-"));
  for (const [path, src] of Object.entries(files)) {
    mkdirSync(join(dir, path.split("/")[0]!), { recursive: true });
    writeFileSync(join(dir, path), src);
  }
  return dir;
}
const probeSource = (uses = '["sign-once"]') =>
  `import { defineProbe, undetermined } from ${JSON.stringify(KIT)};\n` +
  `export default defineProbe({ how: { tr: "t", en: "e" }, uses: ${uses}, judge: () => undetermined({ tr: "t", en: "e" }) });\n`;

async function problems(dir: string): Promise<string[]> {
  try {
    await discoverProbes(cl, dir);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues.map(formatIssue);
  }
}

describe("probe discovery", () => {
  it("finds the project's probes by path, each with its test beside it", async () => {
    const found = await discoverProbes(cl);
    expect([...found.keys()]).toEqual(expect.arrayContaining(["1.3-2", "5-2", "5-3", "6-1", "7.1-3", "7.3-1"]));
    const p = found.get("7.1-3")!;
    expect(p.file).toBe("harness/probes/s07-sscd-iletisimi/7.1-3.ts");
    expect(p.testFile).toBe("harness/probes/s07-sscd-iletisimi/7.1-3.test.ts");
    expect([...found.values()].every((f) => f.testFile)).toBe(true);
    expect(p.item.id).toBe("7.1-3");
  });

  it("a file whose name is no item of its folder's checklist file is refused with a did-you-mean", async () => {
    const dir = probesDir({ "s07-sscd-iletisimi/7.1-33.ts": probeSource() });
    expect(await problems(dir)).toEqual([
      expect.stringMatching(
        /7\.1-33\.ts: "7\.1-33" is not an item id of s07-sscd-iletisimi\.yaml \(did you mean "7\.1-3/,
      ),
    ]);
  });

  it("a folder that is no checklist file, and an item in the wrong folder, are refused", async () => {
    const dir = probesDir({ "s07-sscd-iletisim/7.1-3.ts": probeSource(), "s06-veri-ozetleme/7.1-3.ts": probeSource() });
    const out = await problems(dir);
    expect(out).toContainEqual(expect.stringMatching(/folder "s07-sscd-iletisim" .*did you mean "s07-sscd-iletisimi"/));
    expect(out).toContainEqual(expect.stringMatching(/its probe belongs in harness\/probes\/s07-sscd-iletisimi\//));
  });

  it("a file that exports no probe, and a probe reading a session nobody defines, are refused", async () => {
    const dir = probesDir({
      "s07-sscd-iletisimi/7.1-3.ts": "export const x = 1;\n",
      "s06-veri-ozetleme/6-1.ts": probeSource('["sign-twice"]'),
    });
    const out = await problems(dir);
    expect(out).toContainEqual(expect.stringMatching(/7\.1-3\.ts: .*does not export a probe/));
    expect(out).toContainEqual(
      expect.stringMatching(/6-1\.ts: .*reads session "sign-twice", which no session defines/),
    );
  });

  it("two files for one item are refused (layout rule, before any import)", () => {
    const files = [
      { folder: "s07-sscd-iletisimi", name: "7.1-3", path: "/x/s07-sscd-iletisimi/7.1-3.ts" },
      { folder: "s07-sscd-iletisimi", name: "7.1-3", path: "/y/s07-sscd-iletisimi/7.1-3.ts" },
    ];
    expect(layoutIssues(cl, files).map(formatIssue)).toContainEqual(expect.stringMatching(/has two probes/));
  });

  it("every declared and form-field item without its own probe is served by by-kind/, with its test", async () => {
    const found = await discoverProbes(cl);
    for (const item of cl.items.filter((i) => i.evidence.kind === "declared" || i.evidence.kind === "form-field")) {
      const p = found.get(item.id);
      // an item with its own probe (one that can also disprove the declaration from evidence) has its test beside it
      if (p && !p.file.includes("/by-kind/")) {
        expect(p.testFile, item.id).toBe(p.file.replace(/\.ts$/, ".test.ts"));
        continue;
      }
      expect(p?.file, item.id).toBe(`harness/probes/by-kind/${item.evidence.kind}.ts`);
      expect(p?.testFile, item.id).toBe(`harness/probes/by-kind/${item.evidence.kind}.test.ts`);
    }
  });

  it("tests and the generic probes of by-kind/ are not item probes", () => {
    const dir = probesDir({
      "by-kind/declared.ts": "export {};\n",
      "s07-sscd-iletisimi/7.1-3.test.ts": "export {};\n",
    });
    expect(probeFiles(dir)).toEqual([]);
  });
});

describe("coverage", () => {
  it("with no probes: 0 covered, every item not assessed", () => {
    const c = coverage(cl, new Map());
    expect(c.totals.items).toBe(cl.items.length);
    expect(c.totals.withProbe).toBe(0);
    expect(c.totals.notAssessed).toBe(cl.items.length);
    expect(new Set(c.items.map((i) => i.mark))).toEqual(new Set(["not-assessed"]));
  });

  it("a probe counts as coverage, but its item stays not assessed until a campaign runs", async () => {
    const found = await discoverProbes(cl);
    const c = coverage(cl, found);
    expect(c.totals.withProbe).toBe(found.size);
    expect(c.items.find((i) => i.itemId === "6-1")!.probe).toBe("harness/probes/s06-veri-ozetleme/6-1.ts");
    expect(c.items.every((i) => i.mark === "not-assessed")).toBe(true);
    expect(c.bySection.find((s) => s.section === "7")!.withProbe).toBe(
      cl.items.filter((i) => i.section === "7" && found.has(i.id)).length,
    );
    expect(renderCoverage(c)).toContain(
      `${cl.items.length} items: ${found.size} with a probe, ${cl.items.length - found.size} without.`,
    );
  });
});
