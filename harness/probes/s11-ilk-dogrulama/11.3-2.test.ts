// Read from what the vendor declares (../verification/unproven.ts): suggested at best, ✗ when the vendor does not
// declare it, ? without a declaration; the reason says what was not observed.
import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./11.3-2.ts";

const profile = (more: Partial<AppProfile>): AppProfile => ({
  ...profileWith({ signingTimeAtCreation: false }),
  ...more,
});

describe("11.3-2: first verification time as signing time, declared not observed", () => {
  it("an accepted declaration is a suggestion that says it was not observed", () => {
    const j = judge(
      "11.3-2",
      probe,
      {},
      profile({ declarations: { "11.3-2": { accepted: true, statement: "ilk doğrulama zamanı kaydedilir" } } }),
    );
    expect(j.verdict).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toMatch(
      /ilk doğrulama zamanı kaydedilir.*Not observed: The only signature of the vector set without a signing time is P4_8/,
    );
  });
  it("a refused declaration is ✗; none is ?", () => {
    expect(judge("11.3-2", probe, {}, profile({ declarations: { "11.3-2": { accepted: false } } })).verdict).toBe(
      "fail",
    );
    expect(judge("11.3-2", probe, {}, profile({})).verdict).toBe("undetermined");
  });
});
