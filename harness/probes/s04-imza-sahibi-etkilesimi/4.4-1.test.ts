import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { DOCUMENT_TEXT, screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./4.4-1.ts";

describe("4.4-1: the document chosen is shown before signing", () => {
  const cases: { name: string; view: "same" | "none" | "other" | "reflowed"; verdict: string; reason: RegExp }[] = [
    { name: "the preview shows the document", view: "same", verdict: "pass", reason: /shown in the signing window/ },
    { name: "the preview wraps lines differently", view: "reflowed", verdict: "pass", reason: /shown/ },
    { name: "no document step", view: "none", verdict: "fail", reason: /without showing it/ },
    {
      name: "the preview shows another text",
      view: "other",
      verdict: "fail",
      reason: /does not show the chosen document/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = screenEvidence();
      if (c.view === "none") e.documentView = null;
      if (c.view === "other") e.documentView!.previewText = "Başka bir belge";
      if (c.view === "reflowed") e.documentView!.previewText = DOCUMENT_TEXT.replace(/\n/g, "  ");
      const j = judge("4.4-1", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
