import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { CERT, P2, SECOND, chosen, goodPage, row, screens, tersePage } from "../../testing/probes/verify-screens.ts";
import type { VerifyScreenRow } from "../../sessions/catalogue.ts";
import probe from "./15-6.ts";

void [CERT, P2, SECOND, goodPage];

describe("15-6: serial signature hierarchy (verify-screens, a suggestion)", () => {
  const cases: { name: string; rows: VerifyScreenRow[]; verdict: string; reason?: RegExp }[] = [
    { name: "a conformant page on the chosen vectors", rows: chosen(), verdict: "pass" },
    { name: "a terse page (only the verdict word; no report)", rows: chosen(tersePage, null), verdict: "fail" },
    {
      name: "the counter-signer not shown",
      rows: [
        row("s", {
          signatures: [
            { cert: CERT, timestamps: [] },
            { cert: SECOND, counterSignatureOf: 1, timestamps: [] },
          ],
          text: (r) =>
            goodPage(r)
              .replace(/İmzacı: TEST Mehmet Demir/, "")
              .replace(/Mehmet Demir/g, ""),
        }),
      ],
      verdict: "fail",
      reason: /signer TEST Mehmet Demir/,
    },
    {
      name: "both signers, no order",
      rows: [
        row("s", {
          signatures: [
            { cert: CERT, timestamps: [] },
            { cert: SECOND, counterSignatureOf: 1, timestamps: [] },
          ],
          text: (r) => goodPage(r).replace(/seri imza \(karşı imza\)/, "imza"),
        }),
      ],
      verdict: "fail",
      reason: /order of the signatures/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("15-6", probe, { "verify-screens": screens(c.rows) });
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      if (c.reason) expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
  it("no vector of the kind given: undetermined, saying so", () => {
    const j = judge("15-6", probe, { "verify-screens": screens([]) });
    expect(j.verdict).toBe("undetermined");
  });
  it("no verification page: undetermined with the session's reason", () => {
    const j = judge("15-6", probe, {
      "verify-screens": screens([], { unavailable: { tr: "sayfa yok", en: "no verification page" } }),
    });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/no verification page/);
  });
  it("the page gave no answer: undetermined, never a mark", () => {
    const rows = chosen().map((r) => ({ ...r, app: { ...r.app, verdict: "no-answer" as const, error: "timeout" } }));
    expect(judge("15-6", probe, { "verify-screens": screens(rows) }).verdict).toBe("undetermined");
  });
});
