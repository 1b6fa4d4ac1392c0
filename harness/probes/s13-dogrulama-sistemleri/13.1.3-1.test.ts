import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { CERT, P2, SECOND, chosen, goodPage, row, screens, tersePage } from "../../testing/probes/verify-screens.ts";
import type { VerifyScreenRow } from "../../sessions/catalogue.ts";
import probe from "./13.1.3-1.ts";

void [CERT, P2, SECOND, goodPage];

describe("13.1.3-1: the signer's details from the certificate (verify-screens, a suggestion)", () => {
  const cases: { name: string; rows: VerifyScreenRow[]; verdict: string; reason?: RegExp }[] = [
    { name: "a conformant page on the chosen vectors", rows: chosen(), verdict: "pass" },
    { name: "a terse page (only the verdict word; no report)", rows: chosen(tersePage, null), verdict: "fail" },
    {
      name: "no T.C. kimlik no",
      rows: [row("a", { text: (r) => goodPage(r).replace(/T\.C\. kimlik no[^\n]*\n/, "") })],
      verdict: "fail",
      reason: /serialNumber \(10000000146\)/,
    },
    {
      name: "no issuer",
      rows: [row("a", { text: (r) => goodPage(r).replace(/Sertifikayı veren[^\n]*\n/, "") })],
      verdict: "fail",
      reason: /the issuer/,
    },
    {
      name: "serial only inside a longer number",
      rows: [row("a", { text: (r) => goodPage(r).replace("seri numarası: 2001", "seri numarası: 120015") })],
      verdict: "fail",
      reason: /certificate serial number \(2001\)/,
    },
    {
      name: "serial as colon-separated bytes, dates as DD.MM.YYYY",
      rows: [
        row("a", {
          text: (r) =>
            goodPage(r)
              .replace("seri numarası: 2001", "seri numarası: 20:01")
              .replace("2028-01-01T00:00:00.000Z", "01.01.2028"),
        }),
      ],
      verdict: "pass",
      reason: /shows every signer/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("13.1.3-1", probe, { "verify-screens": screens(c.rows) });
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      if (c.reason) expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
  it("no vector of the kind given: undetermined, saying so", () => {
    const j = judge("13.1.3-1", probe, { "verify-screens": screens([]) });
    expect(j.verdict).toBe("undetermined");
  });
  it("no verification page: undetermined with the session's reason", () => {
    const j = judge("13.1.3-1", probe, {
      "verify-screens": screens([], { unavailable: { tr: "sayfa yok", en: "no verification page" } }),
    });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/no verification page/);
  });
  it("the page gave no answer: undetermined, never a mark", () => {
    const rows = chosen().map((r) => ({ ...r, app: { ...r.app, verdict: "no-answer" as const, error: "timeout" } }));
    expect(judge("13.1.3-1", probe, { "verify-screens": screens(rows) }).verdict).toBe("undetermined");
  });
});
