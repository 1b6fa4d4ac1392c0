// Items read from what the vendor states (../verification/unproven.ts): suggested at best, never a plain ✓, and
// their reason says what was not observed.
import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./11.2-2.ts";

const profile = (more: Partial<AppProfile>): AppProfile => ({ ...profileWith({}), ...more });

describe("11.2-2: the grace period, stated not observed", () => {
  it("the stated grace period is recorded as a suggestion that says it was not observed; no answer is ?", () => {
    const j = judge("11.2-2", probe, {}, profile({ answers: { "11.2-2": "24 saat" } }));
    expect(j.verdict).toBe("pass");
    expect("suggested" in j && j.suggested).toBe(true);
    expect(j.reason.en).toContain("24 saat");
    expect(j.reason.en).toMatch(/Not observed: the vector set has no/i);
    expect(judge("11.2-2", probe, {}, profile({})).verdict).toBe("undetermined");
  });
});
