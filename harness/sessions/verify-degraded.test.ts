// test-kind: integration (the session starts its PKI services and runs the reference application's CLI verifier)
// verify-degraded against a real verifier: the reference application's CLI `verify`, given a valid signature that
// fetches its revocation data and one that carries it, under every condition of the session (CRL/OCSP down, slow,
// stale; TSA down; all down). The good verifier says valid whenever data can be had and never otherwise, naming
// revocation; uyum's own verdict in each condition agrees. The flawed verifier that takes missing revocation data
// for "good" says valid throughout, and 11.5-4 catches it; both pass 12.1-1 (the stored data is used either way).
import { describe, expect, it } from "vitest";
import { judgeDegraded, namesRevocation } from "../probes/verification/degraded.ts";
import { verifierContext } from "../testing/sessions/verifier.ts";
import type { VerifyDegradedEvidence } from "./catalogue.ts";
import { verifyDegraded } from "./verify-degraded.ts";

const PROFILE = "examples/profiles/ornek-imzaci-cli.yaml";
const LIVE = "kamusm-08-xades-bes-enveloped";
const EMBEDDED = "kamusm-08-cades-x-l-detached";
const only = (id: string) => id === LIVE || id === EMBEDDED;
const verdicts = (e: VerifyDegradedEvidence) =>
  Object.fromEntries(e.rows.map((r) => [`${r.vector}@${r.condition}`, `${r.app.verdict} | ${r.uyum.indication}`]));

describe("verify-degraded on the reference application's CLI verifier", () => {
  it("good: valid while revocation data can be had, indeterminate naming revocation when not; uyum agrees", async () => {
    const ctx = verifierContext(PROFILE);
    const e = await verifyDegraded(ctx, { only });
    expect(verdicts(e)).toEqual({
      [`${LIVE}@services-up`]: "valid | TOTAL-PASSED",
      [`${EMBEDDED}@services-up`]: "valid | TOTAL-PASSED",
      [`${LIVE}@crl-down`]: "valid | TOTAL-PASSED", // OCSP still answers
      [`${LIVE}@ocsp-down`]: "valid | TOTAL-PASSED", // the CRL still answers
      [`${LIVE}@revocation-down`]: "indeterminate | INDETERMINATE",
      [`${LIVE}@revocation-slow`]: "indeterminate | INDETERMINATE",
      [`${LIVE}@crl-stale`]: "indeterminate | INDETERMINATE",
      [`${LIVE}@ocsp-stale`]: "indeterminate | INDETERMINATE",
      [`${EMBEDDED}@all-down`]: "valid | TOTAL-PASSED", // its own CRLs/OCSP answers
    });
    for (const r of e.rows.filter((r) => r.app.verdict !== "valid")) {
      expect(r.uyum.subIndication, r.condition).toBe("TRY_LATER");
      expect(namesRevocation(r.app.text), r.app.text).toBe(true);
    }
    // nobody waited for the slow answers: the app gave up at its own timeout, as uyum did
    expect(e.rows.find((r) => r.condition === "revocation-slow")!.lateAnswers).toBe(0);
    expect(judgeDegraded({ asks: "live" }, e).verdict).toBe("pass");
    expect(judgeDegraded({ asks: "embedded" }, e).verdict).toBe("pass");
    // the matrix as JSON and as a table, and the app's words per row
    expect(JSON.parse(ctx.stored.find((s) => s.path === e.matrix.path)!.text).rows).toHaveLength(e.rows.length);
    expect(ctx.stored.some((s) => s.text.includes(`| ${LIVE} | crl-stale | crl: stale (issued`))).toBe(true);
  }, 400_000);

  it("verify-valid-without-revocation: valid with no revocation data, caught by 11.5-4's judge", async () => {
    const ctx = verifierContext(PROFILE, { env: { ORNEK_IMZACI_FLAW: "verify-valid-without-revocation" } });
    const e = await verifyDegraded(ctx, { only });
    for (const c of ["revocation-down", "crl-stale", "ocsp-stale"]) {
      const r = e.rows.find((x) => x.vector === LIVE && x.condition === c)!;
      expect([r.app.verdict, r.uyum.subIndication], c).toEqual(["valid", "TRY_LATER"]);
    }
    const j = judgeDegraded({ asks: "live" }, e);
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toContain(`${LIVE} @ revocation-down`);
    expect(judgeDegraded({ asks: "embedded" }, e).verdict).toBe("pass");
  }, 400_000);
});
