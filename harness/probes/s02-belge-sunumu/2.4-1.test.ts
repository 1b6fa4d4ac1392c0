import { describe, expect, it } from "vitest";
import type { SignedOutput } from "../../sessions/evidence.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, refOf, traceOf } from "../../testing/probes/given.ts";
import probe from "./2.4-1.ts";

/** A signing over bytes uyum sniffed: with or without their dynamic part, or unseen. */
const signedWith = (active: boolean | "unseen") => {
  const a = attemptOf({ signed: true });
  const validation = {
    ...a.output!.validation,
    ...(active === "unseen" ? {} : { documentType: { mediaType: "text/html", activeContent: active } }),
  } as SignedOutput["validation"];
  return { ...a, output: { ...a.output!, validation } };
};
const row = (id: string, attempt: ReturnType<typeof attemptOf>, kind = "dynamic-content" as const) => ({
  id,
  kind,
  mediaType: "text/html",
  description: { tr: "belge", en: "document" },
  document: refOf("document", id, "html"),
  attempt,
});
const given = (rows: ReturnType<typeof row>[]) => ({ "bad-documents": { rows, trace: traceOf([]) } });
const cli = { ...profileWith({ dynamicContentFormats: true }), driver: { kind: "cli" as const, settings: {} } };

describe("2.4-1: one of four options for documents with dynamic content", () => {
  const cases = [
    {
      name: "refused (option 1) and warned (option 3)",
      rows: [
        row("doc-html-script", attemptOf({ said: "DOCUMENT_REFUSED: betik", exitCode: 8 })),
        row("doc-docx-macro", { ...attemptOf({ signed: true }), screenWarnings: ["makro var"] }),
      ],
      verdict: "pass",
      reason: /doc-html-script: option 1 .*doc-docx-macro: option 3/,
    },
    {
      name: "signed silently with the dynamic part filtered out (option 2)",
      rows: [row("doc-html-script", signedWith(false))],
      verdict: "pass",
      reason: /option 2/,
    },
    {
      name: "signed silently with the dynamic part in",
      rows: [row("doc-html-script", signedWith(true))],
      verdict: "fail",
      reason: /None of the four options seen: doc-html-script signed without a warning/,
    },
    {
      name: "hung",
      rows: [row("doc-html-script", attemptOf({ timedOut: true }))],
      verdict: "fail",
      reason: /did not finish/,
    },
    {
      name: "signed silently, signed bytes not seen",
      rows: [row("doc-html-script", signedWith("unseen"))],
      verdict: "undetermined",
      reason: /did not see the signed bytes/,
    },
    {
      name: "no document with dynamic content",
      rows: [row("doc-pdf-truncated", attemptOf({ said: "bozuk", exitCode: 8 }), "malformed" as never)],
      verdict: "undetermined",
      reason: /asked for no signature/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("2.4-1", probe, given(c.rows), cli);
      expect(j.verdict).toBe(c.verdict);
      expect((j as { suggested?: boolean }).suggested).toBe(true);
      expect(j.reason.en).toMatch(c.reason);
    });
});
