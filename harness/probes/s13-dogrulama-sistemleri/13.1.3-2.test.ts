import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { CERT, P2, SECOND, chosen, goodPage, row, screens, tersePage } from "../../testing/probes/verify-screens.ts";
import type { VerifyScreenRow } from "../../sessions/catalogue.ts";
import probe from "./13.1.3-2.ts";

void [CERT, P2, SECOND, goodPage];

describe("13.1.3-2: qualified status, monetary limit, usage restriction (verify-screens, a suggestion)", () => {
  const cases: { name: string; rows: VerifyScreenRow[]; verdict: string; reason?: RegExp }[] = [
    { name: "a conformant page on the chosen vectors", rows: chosen(), verdict: "pass" },
    { name: "a terse page (only the verdict word; no report)", rows: chosen(tersePage, null), verdict: "fail" },
    {
      name: "no word about qualification (the document speaks of a nitelikli elektronik imza)",
      rows: [
        row("a", {
          text: (r) => goodPage(r).replace(/Nitelikli elektronik sertifika[^\n]*\n/, "nitelikli elektronik imza\n"),
        }),
      ],
      verdict: "fail",
      reason: /whether the certificate is qualified/,
    },
    {
      name: "the limit not shown",
      rows: [
        row("l", {
          signatures: [{ cert: { ...CERT, limit: { currency: "TRY", amount: 5000, exponent: 0 } }, timestamps: [] }],
          text: (r) => goodPage(r).replace(/Para limiti[^\n]*\n/, ""),
        }),
      ],
      verdict: "fail",
      reason: /monetary limit \(5000/,
    },
    {
      name: "the restriction not shown",
      rows: [
        row("u", {
          signatures: [{ cert: { ...CERT, usageRestriction: true }, timestamps: [] }],
          text: (r) => goodPage(r).replace(/Kullanım kısıtı[^\n]*\n/, ""),
        }),
      ],
      verdict: "fail",
      reason: /usage restriction/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("13.1.3-2", probe, { "verify-screens": screens(c.rows) });
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      if (c.reason) expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
  it("no vector of the kind given: undetermined, saying so", () => {
    const j = judge("13.1.3-2", probe, { "verify-screens": screens([]) });
    expect(j.verdict).toBe("undetermined");
  });
  it("no verification page: undetermined with the session's reason", () => {
    const j = judge("13.1.3-2", probe, {
      "verify-screens": screens([], { unavailable: { tr: "sayfa yok", en: "no verification page" } }),
    });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/no verification page/);
  });
  it("the page gave no answer: undetermined, never a mark", () => {
    const rows = chosen().map((r) => ({ ...r, app: { ...r.app, verdict: "no-answer" as const, error: "timeout" } }));
    expect(judge("13.1.3-2", probe, { "verify-screens": screens(rows) }).verdict).toBe("undetermined");
  });
});
