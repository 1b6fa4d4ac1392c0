// bin/ornek-imzaci runs the build made at setup only while it matches the sources: the application under test
// must be its sources' application. These cases make a checkout of their own (the sources, the builder, the
// lock) with a build folder, and ask bin/ornek-imzaci's decision (chooseEntry) after each change.
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_BUILDER, APP_SOURCE, appBuildState, chooseEntry } from "./bin/bundle-state.js";

const SOURCES = [APP_SOURCE, "examples/apps/ornek-imzaci/verify.ts", "harness/ades/validate.ts"];
const INPUTS = [...SOURCES, "package-lock.json"];

let root: string;
const buildDir = () => join(root, "dist", "ornek-imzaci");
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
/** what scripts/build-ornek-imzaci.mjs leaves: the entry's compiled twin and the state of its inputs */
function build() {
  write(join("dist", "ornek-imzaci", APP_SOURCE.replace(/\.ts$/, ".js")), "export async function main() {}\n");
  appBuildState(root, buildDir()).record(INPUTS);
}
const decide = (env: Record<string, string> = {}) => chooseEntry(env, root, buildDir());

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ornek-imzaci-build-"));
  for (const f of SOURCES) write(f, `// ${f}\nexport const v = 1;\n`);
  write(APP_BUILDER, "// builder\n");
  write("package-lock.json", '{ "lockfileVersion": 3 }\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("which cli bin/ornek-imzaci runs", () => {
  it("the sources while nothing is built", () => {
    expect(decide()).toMatchObject({ kind: "sources", path: join(root, APP_SOURCE), why: "not built" });
  });

  it("the sources when the compiled entry is there but no record of what it was built from", () => {
    write(join("dist", "ornek-imzaci", APP_SOURCE.replace(/\.ts$/, ".js")), "export {}\n");
    expect(decide().kind).toBe("sources");
  });

  it("the build right after it is made", () => {
    build();
    expect(decide()).toEqual({ kind: "build", path: join(buildDir(), APP_SOURCE.replace(/\.ts$/, ".js")) });
  });

  it.each([
    ["the entry's source", APP_SOURCE],
    ["a source it imports", "examples/apps/ornek-imzaci/verify.ts"],
    ["a uyum source bundled in", "harness/ades/validate.ts"],
    ["the package lock (other npm packages bundled in)", "package-lock.json"],
    ["the builder", APP_BUILDER],
  ])("the sources once %s is edited", (_what, file) => {
    build();
    write(file, "// edited\n");
    expect(decide()).toMatchObject({ kind: "sources", why: "the build is older than the sources" });
  });

  it("the sources once an edit keeps the size of the file (its contents are compared)", () => {
    build();
    write(SOURCES[1]!, `// ${SOURCES[1]}\nexport const v = 2;\n`); // same length, other content
    utimesSync(join(root, SOURCES[1]!), new Date(0), new Date(0));
    expect(decide().kind).toBe("sources");
  });

  it("still the build when a file is touched but unchanged (its contents are hashed again)", () => {
    build();
    const later = new Date(Date.parse("2030-01-01T00:00:00Z"));
    utimesSync(join(root, APP_SOURCE), later, later);
    expect(decide().kind).toBe("build");
  });

  it("the sources once a source file it was built from is gone", () => {
    build();
    rmSync(join(root, SOURCES[2]!));
    expect(decide().kind).toBe("sources");
  });

  it("the sources for a build made in another checkout (it holds that checkout's file URLs)", () => {
    build();
    const copy = mkdtempSync(join(tmpdir(), "ornek-imzaci-copy-"));
    try {
      cpSync(root, copy, { recursive: true });
      expect(chooseEntry({}, copy, join(copy, "dist", "ornek-imzaci")).kind).toBe("sources");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("the sources when ORNEK_IMZACI_TSX asks for them, fresh build or not", () => {
    build();
    expect(decide({ ORNEK_IMZACI_TSX: "1" })).toMatchObject({ kind: "sources", why: "ORNEK_IMZACI_TSX is set" });
  });
});
