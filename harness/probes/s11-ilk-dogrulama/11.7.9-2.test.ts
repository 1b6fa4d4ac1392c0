// Items read from what the vendor states (../verification/unproven.ts): suggested at best, never a plain ✓, and
// their reason says what was not observed.
import { describe, expect, it } from "vitest";
import type { AppProfile } from "../../profile/types.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./11.7.9-2.ts";

const profile = (more: Partial<AppProfile>): AppProfile => ({ ...profileWith({ signatureProfiles: ["P2"] }), ...more });

describe("11.7.9-2: stated, not observed", () => {
  it(`11.7.9-2: a declaration accepted is a suggested ✓ that says it was not observed; refused ✗; none ?`, () => {
    const id = "11.7.9-2";
    const yes = judge(id, probe, {}, profile({ declarations: { [id]: { accepted: true, statement: "denetlenir" } } }));
    expect(yes.verdict).toBe("pass");
    expect("suggested" in yes && yes.suggested).toBe(true);
    expect(yes.reason.en).toMatch(/Not observed: the vector set has no/i);
    const no = judge(id, probe, {}, profile({ declarations: { [id]: { accepted: false } } }));
    expect(no.verdict).toBe("fail");
    expect(judge(id, probe, {}, profile({})).verdict).toBe("undetermined");
  });
});
