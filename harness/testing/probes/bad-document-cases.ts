// The table the bad-document probes (harness/probes/bad-documents.ts: 2.1-4 malformed, 2.1-5 not shown whole,
// 2.1-6 a type not allowed, 8-3 dynamic content) are tested with: the same cases over each item's own kind of
// document, so they differ only in their data.
import { describe, expect, it } from "vitest";
import type { Probe } from "../../probes/kit.ts";
import type { AppProfile } from "../../profile/types.ts";
import type { BadDocumentKind } from "../../sessions/catalogue.ts";
import { attemptOf } from "./attempts.ts";
import { judge, profileWith, refOf, traceOf } from "./given.ts";

type Kind = BadDocumentKind;

export function describeBadDocumentProbe(
  item: string,
  probe: Probe,
  o: { kind: Kind; docId: string; title: string; needsScreen?: boolean; none?: RegExp },
): void {
  const { docId } = o;
  const other: Kind = o.kind === "malformed" ? "dynamic-content" : "malformed";
  const row = (attempt: ReturnType<typeof attemptOf>, kind: Kind = o.kind) => ({
    id: docId,
    kind,
    mediaType: "text/html",
    description: { tr: "belge", en: "document" },
    document: refOf("document", "belge", "html"),
    attempt,
  });
  const session = (rows: ReturnType<typeof row>[]) => ({ "bad-documents": { rows, trace: traceOf([]) } });
  const cli = (warnings?: unknown): AppProfile => ({
    ...profileWith({ dynamicContentFormats: true }),
    // an item about a window is judged through the web driver (the warning rule reads the same settings)
    driver: { kind: o.needsScreen ? "web" : "cli", settings: warnings ? { warnings } : {} },
  });
  describe(`${item}: ${o.title}`, () => {
    const cases = [
      {
        name: "refused with a message",
        rows: [row(attemptOf({ said: "DOCUMENT_REFUSED: belge imzalanmadı", exitCode: 8 }))],
        profile: cli(),
        verdict: "pass",
        reason: /refused: «DOCUMENT_REFUSED/,
      },
      {
        name: "signed, with a warning matching the profile's pattern",
        rows: [row(attemptOf({ said: "UYARI: betik var", signed: true }))],
        profile: cli({ pattern: "UYARI|WARNING" }),
        verdict: "pass",
        reason: /signed with a warning/,
      },
      {
        name: "the profile's warning exit code, nothing signed, nothing said",
        rows: [row(attemptOf({ said: "", exitCode: 8 }))],
        profile: cli({ exitCodes: [8] }),
        verdict: "pass",
        reason: /warned and refused/,
      },
      {
        name: "signed after the window warned (the page object read the warning)",
        rows: [row({ ...attemptOf({ signed: true }), screenWarnings: ["Uyarı: belge bütünüyle gösterilemiyor"] })],
        profile: cli(),
        verdict: "pass",
        reason: /signed with a warning: «Uyarı: belge/,
      },
      ...(o.needsScreen
        ? [
            {
              name: "a driver without a screen (cli)",
              rows: [row(attemptOf({ signed: true }))],
              profile: { ...cli(), driver: { kind: "cli" as const } },
              verdict: "undetermined",
              reason: /does not see the application's screen/,
            },
          ]
        : []),
      {
        name: "signed silently",
        rows: [row(attemptOf({ signed: true }))],
        profile: cli({ pattern: "UYARI" }),
        verdict: "fail",
        reason: new RegExp(`Signed without a warning: ${docId}`),
      },
      {
        name: "signed, saying something that is not the profile's warning",
        rows: [row(attemptOf({ said: "imzalandı", signed: true }))],
        profile: cli({ pattern: "UYARI" }),
        verdict: "fail",
        reason: /Signed without a warning/,
      },
      {
        name: "refused without a word",
        rows: [row(attemptOf({ said: "", exitCode: 1 }))],
        profile: cli(),
        verdict: "fail",
        reason: /Signed without a warning|without/,
      },
      {
        name: "hung",
        rows: [row(attemptOf({ timedOut: true }))],
        profile: cli(),
        verdict: "fail",
        reason: new RegExp(`Did not finish: ${docId}`),
      },
      {
        name: "no document of this kind",
        rows: [row(attemptOf({ signed: true }), other)],
        profile: cli(),
        verdict: "undetermined",
        reason: o.none ?? /asked for no signature/,
      },
    ];
    for (const c of cases)
      it(`${c.verdict}: ${c.name}`, () => {
        const j = judge(item, probe, session(c.rows), c.profile);
        expect(j.verdict).toBe(c.verdict);
        expect(j.reason.en).toMatch(c.reason);
      });
  });
}
