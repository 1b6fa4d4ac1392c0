import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import probe, { SIGNING_TIME } from "./3-4.ts";

const shown = screenEvidence().confirmView!.attributes!;
const withTime = screenEvidence().signedAttributes!;
const withoutTime = withTime.filter((o) => o !== SIGNING_TIME);

describe("3-4: the attributes to be signed are shown, correctly", () => {
  const cases: { name: string; attributes?: string; signed?: string[]; verdict: string; reason: RegExp }[] = [
    {
      name: "signing time shown and signed",
      attributes: shown,
      signed: withTime,
      verdict: "pass",
      reason: /shown and signed/,
    },
    { name: "attributes not shown", attributes: undefined, signed: withTime, verdict: "fail", reason: /are not shown/ },
    {
      name: "a signing time shown but not signed",
      attributes: shown,
      signed: withoutTime,
      verdict: "fail",
      reason: /no signing-time attribute/,
    },
    {
      name: "a signing time signed but not shown",
      attributes: "İçerik tipi text/plain",
      signed: withTime,
      verdict: "fail",
      reason: /did not show the signing time/,
    },
    {
      name: "neither shown nor signed",
      attributes: "İçerik tipi text/plain",
      signed: withoutTime,
      verdict: "pass",
      reason: /neither shown nor signed/,
    },
    {
      name: "no signature to compare",
      attributes: shown,
      signed: undefined,
      verdict: "undetermined",
      reason: /could not be read/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = screenEvidence();
      e.confirmView = { ...e.confirmView!, attributes: c.attributes };
      if (c.signed) e.signedAttributes = c.signed;
      else delete e.signedAttributes;
      const j = judge("3-4", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
