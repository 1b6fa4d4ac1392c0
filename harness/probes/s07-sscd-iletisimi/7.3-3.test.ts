import { describe, expect, it } from "vitest";
import type { CertificateChangedEvidence } from "../../sessions/catalogue.ts";
import type { AppAttempt } from "../../sessions/evidence.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.3-3.ts";

const BEFORE = { label: "nes-ec", subject: "CN=TEST Mehmet Öztürk", serialHex: "0a02" };
const AFTER = { label: "nes-ec-chain", subject: "CN=TEST Zeynep Kaya", serialHex: "0a03" };
function naming(c: typeof BEFORE | null, indication = "TOTAL-PASSED"): AppAttempt {
  const a = attemptOf({ signed: c !== null, exitCode: c ? 0 : 6, said: c ? "" : "CERT_REFUSED" });
  if (c)
    a.output!.validation = {
      ...a.output!.validation,
      indication,
      signer: { subject: c.subject, issuer: "CN=Alt Kök", serial: c.serialHex },
    } as NonNullable<AppAttempt["output"]>["validation"];
  return a;
}
function evidence(second: AppAttempt, reads = { first: 1, second: 1 }, skipped?: string) {
  const e: CertificateChangedEvidence = skipped
    ? { skipped, card: "own-card", trace: traceOf([]) }
    : {
        requested: { format: "CAdES", level: "BES" },
        before: BEFORE,
        after: AFTER,
        first: naming(BEFORE),
        second,
        certificateReads: reads,
        renewedAfterSeq: 11,
        card: "own-card",
        trace: traceOf([{ fn: "C_Sign" }]),
      };
  return { "certificate-changed": e };
}

describe("7.3-3: a certificate kept from the card stays the card's", () => {
  const cases: { name: string; given: ReturnType<typeof evidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "reads the certificate again and names the renewed one",
      given: evidence(naming(AFTER)),
      verdict: "pass",
      reason:
        /names the renewed card's certificate \(nes-ec-chain\); the application read the certificate from the card again/,
    },
    {
      name: "keeps a cache, yet names the renewed certificate (kept in step)",
      given: evidence(naming(AFTER), { first: 1, second: 0 }),
      verdict: "pass",
      reason: /renewed card's certificate .*read no certificate from the card at the second signing/,
    },
    {
      name: "a stale cache (cert-cache-stale): the old certificate with the new key",
      given: evidence(naming(BEFORE, "TOTAL-FAILED"), { first: 1, second: 1 }),
      verdict: "fail",
      reason: /yet the second signature names the old card's certificate .*serial 0a02.*TOTAL-FAILED/,
    },
    {
      name: "a certificate the card never held",
      given: evidence(naming({ label: "x", subject: "CN=Başka", serialHex: "ff" })),
      verdict: "fail",
      reason: /a certificate the card never held/,
    },
    {
      name: "no signature after the renewal: not seen",
      given: evidence(naming(null)),
      verdict: "undetermined",
      reason: /which certificate a signature would name could not be seen/,
    },
    {
      name: "the session could not renew",
      given: evidence(naming(null), undefined, "the campaign card holds fewer than two keys"),
      verdict: "undetermined",
      reason: /fewer than two keys/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.3-3", probe, c.given);
      expect(j.verdict, JSON.stringify(j.reason)).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
});
