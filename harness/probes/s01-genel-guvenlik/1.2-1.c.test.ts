import { describe, expect, it } from "vitest";
import { judge, traceOf } from "../../testing/probes/given.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { SIGNING_SIDE_BY_ITEM } from "../attempts.ts";
import probe from "./1.2-1.c.ts";

const IDS = SIGNING_SIDE_BY_ITEM["1.2-1.c"]!;
const row = (kamusm: string, expected: "sign" | "refuse", attempt: ReturnType<typeof attemptOf>) => ({
  kamusm,
  pkiLabel: kamusm.toLowerCase(),
  expected,
  reason: { tr: "senaryo", en: "scenario" },
  attempt,
});
const refused = () => attemptOf({ said: "CERT_REFUSED: sertifika reddedildi", exitCode: 6 });
const valid = (signed = true) => row("QCA1_1", "sign", signed ? attemptOf({ signed: true }) : refused());
const session = (rows: ReturnType<typeof row>[], revocationDownSigned = false) => ({
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

describe("1.2-1.c: the check before signing refuses its signing-side certificates", () => {
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
      const j = judge("1.2-1.c", probe, session(c.rows));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
});
