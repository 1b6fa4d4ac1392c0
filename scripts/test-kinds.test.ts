// test-kind: unit (the marker words below are test data, not calls)
// The unit/integration split (scripts/test-kinds.mjs) puts a test that runs something outside its process on
// the integration side, whichever way it does so, and lets a file say otherwise in its first comment.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module without type declarations
import { testKind, testsByKind } from "./test-kinds.mjs";

const kind = testKind as (source: string) => "unit" | "integration";
const root = fileURLToPath(new URL("..", import.meta.url));

describe("test kinds", () => {
  it("calls a test that spawns a tool or starts a server, itself or through a helper, an integration test", () => {
    expect(kind('import { execFile } from "node:child_process";\n')).toBe("integration");
    expect(kind('import { startPkiServices } from "../pki/index.ts";\n')).toBe("integration");
    expect(kind('import { Runner, writeTestPki } from "./test-helpers.ts";\n')).toBe("integration");
    expect(kind('import { opensslCms } from "../testing/openssl-cms.ts";\n')).toBe("integration");
  });

  it("calls everything else a unit test, whole words only", () => {
    expect(kind('import { loadChecklist } from "./load.ts";\nconst RunnerUp = 1;\n')).toBe("unit");
  });

  it("lets the file's own comment decide", () => {
    expect(kind('// test-kind: unit\nimport { execFile } from "node:child_process";\n')).toBe("unit");
    expect(kind("// test-kind: integration\nexpect(1).toBe(1);\n")).toBe("integration");
  });

  it("sorts this project's tests: the spawning ones to integration, the pure ones to unit", () => {
    const kinds = testsByKind(root) as { unit: string[]; integration: string[] };
    for (const f of [
      "harness/pki/services.test.ts",
      "harness/card/pcsc.test.ts",
      "harness/drivers/cli.test.ts",
      "harness/campaign/run.test.ts",
    ])
      expect(kinds.integration, f).toContain(f);
    for (const f of [
      "harness/checklist/load.test.ts",
      "harness/vectors/manifest.test.ts",
      "scripts/test-kinds.test.ts",
    ])
      expect(kinds.unit, f).toContain(f);
  });
});
