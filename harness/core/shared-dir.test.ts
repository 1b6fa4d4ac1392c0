import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sharedDirForTests } from "./shared-dir.ts";

describe("../shared", () => {
  const { dir, skipReason } = sharedDirForTests();
  it.skipIf(!dir)(`holds the KAMU SM material ${skipReason ?? ""}`, () => {
    expect(existsSync(join(dir!, "kamusm", "kontrol-listesi.draft.yaml"))).toBe(true);
  });
});
