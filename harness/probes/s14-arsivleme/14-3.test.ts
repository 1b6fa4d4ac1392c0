import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { base, session, step, summary } from "../../testing/probes/produced.ts";
import probe from "./14-3.ts";

const profile = profileWith({ signatureLevels: ["BES", "A"] });
const toA = () => step({ operation: "upgrade", format: "CAdES", from: "BES", to: "A", validation: summary("A") });
const renew = (o: { before?: number; after?: number; v?: ReturnType<typeof summary>; wrote?: boolean } = {}) =>
  step({
    operation: "archive",
    format: "CAdES",
    from: "A",
    validation: o.v ?? summary("A"),
    archiveTimestampsBefore: o.before ?? 1,
    archiveTimestampsAfter: o.after ?? 2,
    wrote: o.wrote,
  });

describe("14-3: archive time-stamps are renewed", () => {
  const cases = [
    {
      name: "one more archive time-stamp, still valid A",
      s: session(base(), toA(), renew()),
      verdict: "pass",
      reason: /1 → 2 archive time-stamps/,
    },
    {
      name: "the command wrote the file back unchanged",
      s: session(base(), toA(), renew({ after: 1 })),
      verdict: "fail",
      reason: /1 archive time-stamp\(s\) before, 1 after/,
    },
    {
      name: "the renewed signature no longer validates",
      s: session(
        base(),
        toA(),
        renew({ v: summary("A", { indication: "TOTAL-FAILED", failedChecks: ["timestamp-archive"] }) }),
      ),
      verdict: "fail",
      reason: /TOTAL-FAILED at A; timestamp-archive/,
    },
    {
      name: "the command wrote nothing",
      s: session(base(), toA(), renew({ wrote: false })),
      verdict: "fail",
      reason: /no output/,
    },
    {
      name: "no archive command in the profile",
      s: session(base()),
      verdict: "undetermined",
      reason: /no archive renewal command/,
    },
    {
      name: "the signature given was only T",
      s: session(
        base(),
        step({ operation: "upgrade", format: "CAdES", from: "BES", to: "T", validation: summary("T") }),
        renew(),
      ),
      verdict: "undetermined",
      reason: /not A \/ B-LTA \(T\)/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("14-3", probe, { "archive-renewal": c.s }, profile);
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
