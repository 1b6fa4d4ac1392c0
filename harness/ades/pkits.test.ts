import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { runPkitsCase, type PkitsCase } from "./pkits.ts";

const { dir, skipReason } = sharedDirForTests();
const pkitsDir = dir ? join(dir, "ground-truth", "nist-pkits") : "";
const cases: PkitsCase[] = dir ? JSON.parse(readFileSync(join(pkitsDir, "pkits.json"), "utf8")) : [];

describe.skipIf(!dir)(`NIST PKITS path validation${skipReason ? ` (${skipReason})` : ""}`, () => {
  it("has the whole suite (246 cases, 110 valid)", () => {
    expect(cases.length).toBe(246);
    expect(cases.filter((c) => !c.error).length).toBe(110);
  });
  // One test per case, so a regression names the case.
  for (const c of cases) {
    it(`${c.id} ${c.name} → ${c.error ? c.error.class : "valid"}`, () => {
      const r = runPkitsCase(pkitsDir, c);
      expect(r.pass, `${r.result.kind ?? "ok"}: ${r.result.message}`).toBe(true);
      if (r.result.ok) expect(r.result.path.length).toBe(c.path_len);
    });
  }
});
