import { describe, expect, it } from "vitest";
import type { ProducedStep } from "../../sessions/catalogue.ts";
import { judge, profileWith } from "../../testing/probes/given.ts";
import { base, session, step, summary } from "../../testing/probes/produced.ts";
import probe from "./11.6-2.ts";

const profile = profileWith({ signatureLevels: ["BES", "T", "X-L"] });
const FULL: ProducedStep["embedded"] = {
  certificateValues: 3,
  revocationValues: { crls: 2, ocsp: 0 },
  certificateRefs: 2,
  revocationRefs: 2,
};
const up = (to: string, embedded = FULL, offline = summary(to)) =>
  step({ operation: "upgrade", format: "CAdES", from: "BES", to, validation: summary(to), offline, embedded });

describe("11.6-2: the initial verification's data is embedded (X-L)", () => {
  const cases = [
    {
      name: "X-L with certificate and revocation values, valid on them alone",
      upgrade: session(base(), up("T", undefined, undefined), up("X-L")),
      verdict: "pass",
      reason: /upgrade CAdES BES → X-L: 3 certificate values, 2 CRL, 0 OCSP, 2 certificate refs, 2 revocation refs/,
    },
    {
      name: "X-L with the certificates but no CRL/OCSP (flaw upgrade-without-revocation-values)",
      upgrade: session(
        base(),
        up(
          "X-L",
          { certificateValues: 3, certificateRefs: 2, revocationRefs: 2 },
          summary("X-L", { indication: "INDETERMINATE", subIndication: "TRY_LATER", failedChecks: ["revocation"] }),
        ),
      ),
      verdict: "fail",
      reason: /0 CRL, 0 OCSP.*on its embedded data alone INDETERMINATE\/TRY_LATER at X-L; revocation/,
    },
    {
      name: "values present but the signature does not stand on them (a stale CRL)",
      upgrade: session(
        base(),
        up("X-L", FULL, summary("X-L", { indication: "INDETERMINATE", failedChecks: ["revocation"] })),
      ),
      verdict: "fail",
      reason: /do not keep the validation data/,
    },
    {
      name: "only T: nothing long-term to look at",
      upgrade: session(base(), up("T", undefined, undefined)),
      verdict: "undetermined",
      reason: /produced no X-L \/ B-LT signature/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("11.6-2", probe, { upgrade: c.upgrade }, profile);
      expect(j.verdict, j.reason.en).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
