import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import type { ScreenSessionEvidence } from "../../sessions/catalogue.ts";
import probe from "./2.2-1.ts";

const CONTENT_HINTS = "1.2.840.113549.1.9.16.2.4";
const good = screenEvidence();

describe("2.2-1: the signer and the verifier are shown the same document", () => {
  const cases: { name: string; e: () => ScreenSessionEvidence; verdict: string; reason: RegExp }[] = [
    {
      name: "shown, the same bytes signed, content-hints",
      e: () => screenEvidence({ signedAttributes: [...good.signedAttributes!, CONTENT_HINTS] }),
      verdict: "pass",
      reason: /signs exactly those bytes/,
    },
    {
      name: "no content-hints, but a PDF says what it is",
      e: () => screenEvidence({ fileName: "belge.pdf" }),
      verdict: "pass",
      reason: /tells a verifier/,
    },
    {
      name: "a text document whose type the signature does not tell",
      e: () => screenEvidence(),
      verdict: "fail",
      reason: /does not tell the document's type \(no content-hints; text\/plain/,
    },
    {
      name: "other bytes signed than shown",
      e: () => screenEvidence({ signedAttributes: [CONTENT_HINTS], signedContentSha256: "ab".repeat(32) }),
      verdict: "fail",
      reason: /signs other bytes than those shown/,
    },
    {
      name: "no document step",
      e: () => screenEvidence({ documentView: null, signedAttributes: [CONTENT_HINTS] }),
      verdict: "fail",
      reason: /never shown to the signer/,
    },
    {
      name: "the preview shows another text",
      e: () =>
        screenEvidence({
          signedAttributes: [CONTENT_HINTS],
          documentView: { ...good.documentView!, previewText: "Başka bir belge" },
        }),
      verdict: "fail",
      reason: /does not show the document's text/,
    },
    {
      name: "a detached signature: the signed bytes cannot be compared",
      e: () => {
        const e = screenEvidence({ signedAttributes: [CONTENT_HINTS] });
        delete e.signedContentSha256;
        return e;
      },
      verdict: "undetermined",
      reason: /could not be compared/,
    },
    { name: "nothing signed", e: () => unsignedEvidence(), verdict: "undetermined", reason: /never reached/ },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("2.2-1", probe, { "window-review": c.e() });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
