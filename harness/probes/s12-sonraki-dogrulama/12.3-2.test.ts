import { describe, expect, it } from "vitest";
import type { GraceUpgradeAttempt, UpgradeGraceEvidence } from "../../sessions/catalogue.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { step, summary } from "../../testing/probes/produced.ts";
import probe from "./12.3-2.ts";

const profile = profileWith({ signatureProfiles: ["P3"], signatureLevels: ["T", "X-L"] });
const DAY = 86_400_000;
const SIGNED = "2026-12-03T10:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(SIGNED) + ms).toISOString();
const offered = { operation: "upgrade" as const, format: "CAdES" as const, to: "X-L" as const };
const base = step({ operation: "sign", format: "CAdES", to: "T", from: "document", validation: summary("T") });

function attempt(when: GraceUpgradeAttempt["when"], askedMs: number, crlMs?: number): GraceUpgradeAttempt {
  const wrote = crlMs !== undefined;
  return {
    when,
    askedAt: at(askedMs),
    step: {
      ...step({ operation: "upgrade", format: "CAdES", from: "T", to: "X-L", validation: summary("X-L"), wrote }),
      ...(wrote ? {} : { ended: "exited with 2: the grace period ends at …" }),
    },
    ...(wrote ? { signerRevocation: [{ kind: "crl" as const, issuedAt: at(crlMs), issuer: "CN=Alt Kök" }] } : {}),
  };
}
const evidence = (attempts: GraceUpgradeAttempt[], o: Partial<UpgradeGraceEvidence> = {}): UpgradeGraceEvidence => ({
  offered,
  base,
  profile: "P3",
  signatureTime: SIGNED,
  graceMs: DAY,
  attempts,
  ...o,
});

describe("12.3-2: X-L is made with revocation data from after the grace period", () => {
  const cases: { name: string; e: UpgradeGraceEvidence; verdict: string; reason: RegExp }[] = [
    {
      name: "refuses inside the grace period, upgrades after it with a CRL published then",
      e: evidence([attempt("in-grace", 5_000), attempt("after-grace", DAY + 3_600_000, DAY + 3_600_000)]),
      verdict: "pass",
      reason:
        /ends at 2026-12-04T10:00:00.000Z; .*issued after it: CRL 2026-12-04T11:00:00.000Z\. The request inside the grace period was refused/,
    },
    {
      name: "upgrades at once with the CRL of the signing moment (flaw upgrade-in-grace)",
      e: evidence([attempt("in-grace", 5_000, 5_000), attempt("after-grace", DAY + 3_600_000, DAY + 3_600_000)]),
      verdict: "fail",
      reason:
        /the upgrade asked at 2026-12-03T10:00:05.000Z \(in-grace\) with revocation data issued before that: CRL 2026-12-03T10:00:05.000Z/,
    },
    {
      name: "asked after the grace period but embeds an old CRL it kept from signing",
      e: evidence([attempt("in-grace", 5_000), attempt("after-grace", DAY + 3_600_000, 1_000)]),
      verdict: "fail",
      reason: /\(after-grace\) with revocation data issued before that/,
    },
    {
      name: "P4 (no grace period): OCSP issued after the signature time passes",
      e: evidence(
        [
          {
            ...attempt("after-grace", 3_600_000, 3_600_000),
            signerRevocation: [{ kind: "ocsp", issuedAt: at(3_600_000), issuer: "CN=OCSP" }],
          },
        ],
        { profile: "P4", graceMs: 0 },
      ),
      verdict: "pass",
      reason: /\(P4, 0 h\).*OCSP 2026-12-03T11:00:00.000Z/,
    },
    {
      name: "after the grace period it still writes nothing: not shown",
      e: evidence([attempt("in-grace", 5_000), attempt("after-grace", DAY + 3_600_000)]),
      verdict: "undetermined",
      reason: /After the grace period too the application wrote no upgraded signature/,
    },
    {
      name: "the upgraded signature embeds no revocation data for the signer: cannot be seen",
      e: evidence([
        attempt("in-grace", 5_000),
        { ...attempt("after-grace", DAY + 3_600_000, DAY + 3_600_000), signerRevocation: [] },
      ]),
      verdict: "undetermined",
      reason: /carries no CRL\/OCSP for the signer's certificate/,
    },
    {
      name: "no signature in a Turkish profile to start from",
      e: evidence([], {
        signatureTime: undefined,
        skipped: { tr: "Türk profilinde imza yok", en: "none of its signatures is in a Turkish profile" },
      }),
      verdict: "undetermined",
      reason: /could not be tried: none of its signatures is in a Turkish profile/,
    },
    {
      name: "no X-L upgrade declared: N-A",
      e: { graceMs: 0, attempts: [] },
      verdict: "not-applicable",
      reason: /declares no upgrade to X-L/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("12.3-2", probe, { "upgrade-grace": c.e }, profile);
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
