// The table every "refuses its signing-side certificates" probe (1.2-1.a … 1.2-1.e) is tested with: the same
// cases over each item's own KAMU SM scenarios (SIGNING_SIDE_BY_ITEM), so the items differ only in their data.
import { describe, expect, it } from "vitest";
import type { Probe } from "../../probes/kit.ts";
import { SIGNING_SIDE_BY_ITEM } from "../../probes/attempts.ts";
import { attemptOf } from "./attempts.ts";
import { judge, traceOf } from "./given.ts";

export const row = (kamusm: string, expected: "sign" | "refuse", attempt: ReturnType<typeof attemptOf>) => ({
  kamusm,
  pkiLabel: kamusm.toLowerCase(),
  expected,
  reason: { tr: "senaryo", en: "scenario" },
  attempt,
});
export const refused = () => attemptOf({ said: "CERT_REFUSED: sertifika reddedildi", exitCode: 6 });
export const valid = (signed = true) => row("QCA1_1", "sign", signed ? attemptOf({ signed: true }) : refused());
export const session = (rows: ReturnType<typeof row>[], revocationDownSigned = false) => ({
  "signing-side": { rows, missing: [], card: "own-card" as const, trace: traceOf([]) },
  "services-down": {
    cases: [
      {
        down: "revocation" as const,
        targets: ["crl", "ocsp"],
        attempt: revocationDownSigned ? attemptOf({ signed: true }) : refused(),
      },
    ],
    skipped: [],
    trace: traceOf([]),
  },
});

/** The shared cases, run for `item` (its scenarios from SIGNING_SIDE_BY_ITEM). */
export function describeSigningSideProbe(item: string, probe: Probe): void {
  const IDS = SIGNING_SIDE_BY_ITEM[item]!;
  describe(`${item}: the check before signing refuses its signing-side certificates`, () => {
    const cases = [
      {
        name: "every scenario refused, the valid certificate signed",
        rows: [valid(), ...IDS.map((id) => row(id, "refuse", refused()))],
        verdict: "pass",
        reason: new RegExp(`signed with none of ${IDS[0]}`),
      },
      {
        name: "one scenario signed",
        rows: [
          valid(),
          ...IDS.map((id, i) => row(id, "refuse", i === IDS.length - 1 ? attemptOf({ signed: true }) : refused())),
        ],
        verdict: "fail",
        reason: new RegExp(`^${IDS[IDS.length - 1]} \\(scenario\\): wrote a signature`),
      },
      {
        name: "one scenario hung",
        rows: [valid(), ...IDS.map((id, i) => row(id, "refuse", i === 0 ? attemptOf({ timedOut: true }) : refused()))],
        verdict: "fail",
        reason: /did not finish/,
      },
      {
        name: "nothing signed at all, not even the valid one",
        rows: [valid(false), ...IDS.map((id) => row(id, "refuse", refused()))],
        verdict: "undetermined",
        reason: /cannot be told from not signing at all/,
      },
      {
        name: "no scenario of this check in the PKI",
        rows: [valid()],
        verdict: "undetermined",
        reason: /has none of this check's scenarios/,
      },
    ];
    for (const c of cases)
      it(`${c.verdict}: ${c.name}`, () => {
        const j = judge(item, probe, session(c.rows));
        expect(j.verdict).toBe(c.verdict);
        expect(j.reason.en).toMatch(c.reason);
        expect(j.reason.tr.length).toBeGreaterThan(10);
      });
  });
}
