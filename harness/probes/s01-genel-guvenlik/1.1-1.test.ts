import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import probe from "./1.1-1.ts";

const OTHER = "f".repeat(64);

describe("1.1-1: what is signed is what was shown", () => {
  const cases: { name: string; e: ReturnType<typeof screenEvidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "shown whole, digest shown, the same bytes signed",
      e: screenEvidence(),
      verdict: "pass",
      reason: /bytes signed are the bytes shown/,
    },
    {
      name: "other bytes signed than shown (a line appended)",
      e: screenEvidence({ signedContentSha256: OTHER }),
      verdict: "fail",
      reason: /not the document shown/,
    },
    {
      name: "not shown at all",
      e: screenEvidence({ documentView: null }),
      verdict: "fail",
      reason: /without showing the document/,
    },
    {
      name: "the digest shown is not the document's",
      e: screenEvidence({
        documentView: {
          previewText: screenEvidence().documentText,
          shownSha256: OTHER,
          warnings: [],
          cancelOffered: true,
        },
      }),
      verdict: "fail",
      reason: /is not the document's SHA-256/,
    },
    {
      name: "the preview shows part of it",
      e: screenEvidence({ documentView: { previewText: "T.C. Örnek Kurum", warnings: [], cancelOffered: true } }),
      verdict: "fail",
      reason: /does not show the document's text whole/,
    },
    {
      name: "no signature to compare",
      e: unsignedEvidence(),
      verdict: "undetermined",
      reason: /could not be read from the signature/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("1.1-1", probe, { "window-review": c.e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
