import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import probe from "./1.2-1.f.ts";

const row = (kamusm: string, expected: "sign" | "refuse", attempt: ReturnType<typeof attemptOf>) => ({
  kamusm,
  pkiLabel: kamusm.toLowerCase(),
  expected,
  reason: { tr: "senaryo", en: "scenario" },
  attempt,
});
const session = (rows: ReturnType<typeof row>[]) => ({
  "signing-side": { rows, missing: [], card: "own-card" as const, trace: traceOf([]) },
});
const ok = row("QCA1_1", "sign", attemptOf({ signed: true }));

describe("1.2-1.f: a failed check is reported with its reason and signing is not allowed", () => {
  const cases = [
    {
      name: "refused with a reason",
      rows: [ok, row("QCA1_8", "refuse", attemptOf({ said: "CERT_EXPIRED: süresi dolmuş", exitCode: 6 }))],
      verdict: "pass",
      reason: /said why each time \(e\.g\. QCA1_8: «CERT_EXPIRED/,
    },
    {
      name: "refused without a word",
      rows: [ok, row("QCA1_8", "refuse", attemptOf({ said: "", exitCode: 6 }))],
      verdict: "fail",
      reason: /QCA1_8 \(scenario\): wrote no signature .*saying nothing/,
    },
    {
      name: "signed",
      rows: [ok, row("QCA1_8", "refuse", attemptOf({ signed: true }))],
      verdict: "fail",
      reason: /QCA1_8 .*wrote a signature/,
    },
    {
      name: "nothing signed at all",
      rows: [
        row("QCA1_1", "sign", attemptOf({ said: "x", exitCode: 6 })),
        row("QCA1_8", "refuse", attemptOf({ said: "x", exitCode: 6 })),
      ],
      verdict: "undetermined",
      reason: /cannot be told/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("1.2-1.f", probe, session(c.rows));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
