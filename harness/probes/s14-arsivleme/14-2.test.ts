import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { base, session, step, summary } from "../../testing/probes/produced.ts";
import probe from "./14-2.ts";

const profile = profileWith({ longTermRetention: true });
const up = (to: string, live = summary(to), offline = summary(to)) =>
  step({ operation: "upgrade", format: "CAdES", from: "BES", to, validation: live, offline });

describe("14-2: an archived signature carries all its validation data", () => {
  const cases = [
    {
      name: "X-L and A validate on their own data",
      upgrade: session(base(), up("T"), up("X-L"), up("A")),
      verdict: "pass",
      reason: /2 long-term signatures \(X-L, A\) are TOTAL-PASSED on their embedded data/,
    },
    {
      name: "X-L without revocation values: passes live, not on its own data",
      upgrade: session(
        base(),
        up("X-L", summary("X-L"), summary("X-L", { indication: "INDETERMINATE", failedChecks: ["values"] })),
      ),
      verdict: "fail",
      reason: /do not validate on their embedded data: upgrade CAdES BES → X-L: INDETERMINATE at X-L; values/,
    },
    {
      name: "no long-term output at all",
      upgrade: session(base(), up("T")),
      verdict: "undetermined",
      reason: /produced no long-term/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("14-2", probe, { upgrade: c.upgrade, "archive-renewal": session() }, profile);
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
