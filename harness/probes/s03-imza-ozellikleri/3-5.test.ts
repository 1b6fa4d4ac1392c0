import { describe, expect, it } from "vitest";
import type { SignedOutput } from "../../sessions/evidence.ts";
import { MARKUP_NAME } from "../../sessions/bad-documents.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, refOf, traceOf } from "../../testing/probes/given.ts";
import probe from "./3-5.ts";

/** A signing whose signature uyum read, with these text attributes (or none: a signature it could not read). */
const signedWith = (inspection: { contentHints?: string; claimedRoles?: string[] } | "unreadable") => {
  const a = attemptOf({ signed: true });
  const validation =
    inspection === "unreadable"
      ? { ...a.output!.validation, format: "unknown", signatures: [] }
      : {
          ...a.output!.validation,
          format: "CAdES",
          signatures: [
            {
              id: "S1",
              checks: [],
              counterSignatures: [],
              timestamps: [],
              inspection: { ...inspection, certificates: 2, timestamps: [], counterSignatures: 0 },
            },
          ],
        };
  return { ...a, output: { ...a.output!, validation: validation as unknown as SignedOutput["validation"] } };
};
const row = (attempt: ReturnType<typeof attemptOf>, kind: "markup-name" | "malformed" = "markup-name") => ({
  id: "doc-txt-markup-name",
  kind,
  fileName: `${MARKUP_NAME}.txt`,
  mediaType: "text/plain",
  description: { tr: "belge", en: "document" },
  document: refOf("document", "metin", "txt"),
  attempt,
});
const given = (rows: ReturnType<typeof row>[]) => ({ "bad-documents": { rows, trace: traceOf([]) } });
const cli = { ...profileWith(), driver: { kind: "cli" as const, settings: { warnings: { pattern: "UYARI" } } } };

describe("3-5: no dynamic content in the signed attributes", () => {
  const cases = [
    {
      name: "signed, the markup left out of content-hints",
      rows: [row(signedWith({ contentHints: "dilekce.txt" }))],
      verdict: "pass",
      reason: /text attributes without markup \(content-hints «dilekce\.txt»\)/,
    },
    {
      name: "signed with no text attribute at all",
      rows: [row(signedWith({}))],
      verdict: "pass",
      reason: /signed, with no text attribute/,
    },
    {
      name: "refused with a message",
      rows: [row(attemptOf({ said: "DOCUMENT_REFUSED: dosya adı geçersiz", exitCode: 8 }))],
      verdict: "pass",
      reason: /refused: «DOCUMENT_REFUSED/,
    },
    {
      name: "signed with a warning, the markup in content-hints (option 2)",
      rows: [row({ ...signedWith({ contentHints: `${MARKUP_NAME}.txt` }), said: "UYARI: dosya adında işaretleme" })],
      verdict: "pass",
      reason: /signed with a warning/,
    },
    {
      name: "signed silently, the markup in content-hints",
      rows: [row(signedWith({ contentHints: `${MARKUP_NAME}.txt` }))],
      verdict: "fail",
      reason:
        /went into a signed attribute without a warning: content-hints «dilekce<img src=x onerror=alert\(1\)>\.txt»/,
    },
    {
      name: "signed silently, a script URL in a claimed role",
      rows: [row(signedWith({ claimedRoles: ["javascript:alert(1)"] }))],
      verdict: "fail",
      reason: /claimed role\) «javascript:alert\(1\)»/,
    },
    {
      name: "a signature uyum cannot read",
      rows: [row(signedWith("unreadable"))],
      verdict: "undetermined",
      reason: /could not read the signature/,
    },
    { name: "hung", rows: [row(attemptOf({ timedOut: true }))], verdict: "fail", reason: /Did not finish/ },
    {
      name: "no such document",
      rows: [row(attemptOf({ signed: true }), "malformed")],
      verdict: "undetermined",
      reason: /asked for no signature of a document whose name carries markup/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("3-5", probe, given(c.rows), cli);
      expect(j.verdict).toBe(c.verdict);
      expect((j as { suggested?: boolean }).suggested).toBe(true);
      expect(j.reason.en).toMatch(c.reason);
    });
});
