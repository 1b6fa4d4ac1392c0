// Read from what the vendor declares (../verification/unproven.ts): suggested at best, ✗ when the vendor does not
// declare it, ? without a declaration; the reason says what was not observed.
import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./11.7.10-1.ts";

const profile = (more: Partial<AppProfile>): AppProfile => ({
  ...profileWith({}),
  ...more,
});

describe("11.7.10-1: signer role shown, declared not observed", () => {
  it("an accepted declaration is a suggestion that says it was not observed", () => {
    const j = judge(
      "11.7.10-1",
      probe,
      {},
      profile({ declarations: { "11.7.10-1": { accepted: true, statement: "rol gösterilir" } } }),
    );
    expect(j.verdict).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toMatch(/rol gösterilir.*Not observed: The vector set has no signature carrying a signer role/);
  });
  it("a refused declaration is ✗; none is ?", () => {
    expect(judge("11.7.10-1", probe, {}, profile({ declarations: { "11.7.10-1": { accepted: false } } })).verdict).toBe(
      "fail",
    );
    expect(judge("11.7.10-1", probe, {}, profile({})).verdict).toBe("undetermined");
  });
});
