import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./2.1-9.ts";

describe("2.1-9: the document is shown in a form that cannot be edited", () => {
  const cases: { name: string; editable?: boolean | "no-view"; verdict: string; reason: RegExp }[] = [
    { name: "a read-only preview", editable: false, verdict: "pass", reason: /cannot be edited/ },
    { name: "an editable preview", editable: true, verdict: "fail", reason: /editable field/ },
    { name: "no document step", editable: "no-view", verdict: "fail", reason: /never displayed/ },
    { name: "the page object does not say", verdict: "undetermined", reason: /does not report/ },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = screenEvidence();
      if (c.editable === "no-view") e.documentView = null;
      else if (c.editable !== undefined) e.documentView = { ...e.documentView!, editable: c.editable };
      const j = judge("2.1-9", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") {
        expect(j.suggested).toBe(true);
        expect(j.evidence.map((r) => r.kind)).toContain("screenshot");
      }
    });
});
