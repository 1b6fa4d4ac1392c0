import { describe, expect, it } from "vitest";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, refOf, traceOf } from "../../testing/probes/given.ts";
import probe from "./1.3-1.ts";

const row = (attempt: ReturnType<typeof attemptOf>, kind: "empty" | "malformed" = "empty") => ({
  id: "doc-empty",
  kind,
  mediaType: "application/octet-stream",
  description: { tr: "Sıfır baytlık dosya", en: "Zero-byte file" },
  document: refOf("document", "", "bin"),
  attempt,
});
const given = (rows: ReturnType<typeof row>[]) => ({ "bad-documents": { rows, trace: traceOf([]) } });

describe("1.3-1: no signing without a document", () => {
  const cases = [
    {
      name: "the empty document refused with a message",
      rows: [row(attemptOf({ said: "DOCUMENT_REFUSED: belge boş", exitCode: 8 }))],
      verdict: "pass",
      reason: /was not signed: doc-empty wrote no signature \(app exited with 8\): «DOCUMENT_REFUSED/,
    },
    {
      name: "the empty document signed",
      rows: [row(attemptOf({ signed: true }))],
      verdict: "fail",
      reason: /An empty document was signed: doc-empty wrote a signature/,
    },
    {
      name: "no answer",
      rows: [row(attemptOf({ timedOut: true }))],
      verdict: "undetermined",
      reason: /No answer on the empty document/,
    },
    {
      name: "no empty document given",
      rows: [row(attemptOf({ signed: true }), "malformed")],
      verdict: "undetermined",
      reason: /asked for no signature of an empty document/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("1.3-1", probe, given(c.rows), profileWith());
      expect(j.verdict).toBe(c.verdict);
      expect((j as { suggested?: boolean }).suggested).toBe(true);
      expect(j.reason.en).toMatch(c.reason);
    });
});
