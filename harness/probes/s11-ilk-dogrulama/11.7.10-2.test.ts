// Read from what the vendor declares (../verification/unproven.ts): suggested at best, ✗ when the vendor does not
// declare it, ? without a declaration; the reason says what was not observed.
import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./11.7.10-2.ts";

const profile = (more: Partial<AppProfile>): AppProfile => ({
  ...profileWith({ signerAuthority: true }),
  ...more,
});

describe("11.7.10-2: signing authority checked, declared not observed", () => {
  it("an accepted declaration is a suggestion that says it was not observed", () => {
    const j = judge(
      "11.7.10-2",
      probe,
      {},
      profile({ declarations: { "11.7.10-2": { accepted: true, statement: "EBYS yetki matrisi denetlenir" } } }),
    );
    expect(j.verdict).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toMatch(
      /EBYS yetki matrisi denetlenir.*Not observed: Signing authority .* is the application.s own data/,
    );
  });
  it("a refused declaration is ✗; none is ?", () => {
    expect(judge("11.7.10-2", probe, {}, profile({ declarations: { "11.7.10-2": { accepted: false } } })).verdict).toBe(
      "fail",
    );
    expect(judge("11.7.10-2", probe, {}, profile({})).verdict).toBe("undetermined");
  });
});
