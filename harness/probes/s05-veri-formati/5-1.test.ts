import { describe, expect, it } from "vitest";
import { judge, profileWith, traceOf } from "../../testing/probes/given.ts";
import type { AppProfile } from "../../profile/types.ts";
import { failure, output } from "../../testing/probes/outputs.ts";
import probe from "./5-1.ts";

const driven = (kind: "web" | "cli" | "http"): AppProfile => ({ ...profileWith(), driver: { kind } });

describe("5-1: the signature format is chosen on screen", () => {
  const cases: {
    name: string;
    driver: "web" | "cli" | "http";
    outputs: ReturnType<typeof output>[];
    failures?: ReturnType<typeof failure>[];
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "three formats chosen on the page",
      driver: "web",
      outputs: [output("CAdES", "BES"), output("XAdES", "BES"), output("PAdES", "B-B")],
      verdict: "pass",
      reason: /chosen on the page and each came out: CAdES, XAdES, PAdES/,
    },
    {
      name: "one format declared",
      driver: "web",
      outputs: [output("CAdES", "BES"), output("CAdES", "T")],
      verdict: "undetermined",
      reason: /One format declared on the page \(CAdES\): no choice to make/,
    },
    {
      name: "two formats asked, one came out",
      driver: "web",
      outputs: [output("CAdES", "BES")],
      failures: [failure("XAdES", "BES")],
      verdict: "undetermined",
      reason: /could not be seen to work/,
    },
    {
      name: "a command line: no screen",
      driver: "cli",
      outputs: [output("CAdES", "BES"), output("XAdES", "BES")],
      verdict: "undetermined",
      reason: /cli driver has no screen/,
    },
    {
      name: "a service: no screen",
      driver: "http",
      outputs: [output("CAdES", "BES")],
      verdict: "undetermined",
      reason: /http driver has no screen/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge(
        "5-1",
        probe,
        { "sign-once": { outputs: c.outputs, ...(c.failures ? { failures: c.failures } : {}), trace: traceOf([]) } },
        driven(c.driver),
      );
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
