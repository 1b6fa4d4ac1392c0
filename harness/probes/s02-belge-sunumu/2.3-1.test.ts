import { describe, expect, it } from "vitest";
import { SCREEN_XML } from "../../sessions/screen-sessions.ts";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./2.3-1.ts";

/** The XML as a renderer that drops markup would show it: element text only. */
const RENDERED_TEXT_ONLY = "T.C. Örnek Kurum\n1.000,00\n";
/** A rendering that keeps the attribute and the CDATA text. */
const RENDERED_WHOLE = 'Kime: T.C. Örnek Kurum\nTutar: 1.000,00 (birim="TL")\nAçıklama: Ödeme <hemen> yapılacaktır.\n';

describe("2.3-1: an XML document is shown one way only", () => {
  const cases = [
    { name: "the source text, as it is", preview: SCREEN_XML, verdict: "pass", reason: /as its source text/ },
    {
      name: "the source text with other line breaks",
      preview: SCREEN_XML.replace(/\n/g, "\n\n"),
      verdict: "pass",
      reason: /one way only/,
    },
    {
      name: "a rendering that drops the attribute and the CDATA text",
      preview: RENDERED_TEXT_ONLY,
      verdict: "fail",
      reason: /not seen: the amount's currency .*; the text in the CDATA section/,
    },
    {
      name: "a rendering that keeps both",
      preview: RENDERED_WHOLE,
      verdict: "undetermined",
      reason: /is the assessor's to check/,
    },
    { name: "no document shown", preview: null, verdict: "fail", reason: /was not shown before signing/ },
    { name: "an empty preview", preview: "  ", verdict: "fail", reason: /was not shown before signing/ },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = screenEvidence({ documentText: SCREEN_XML, fileName: "uyum-window-review-xml.xml" });
      e.documentView = c.preview === null ? null : { ...e.documentView!, previewText: c.preview };
      const j = judge("2.3-1", probe, { "window-review-xml": e });
      expect(j.verdict).toBe(c.verdict);
      expect((j as { suggested?: boolean }).suggested).toBe(true);
      expect(j.reason.en).toMatch(c.reason);
    });
});
