import { describe, expect, it } from "vitest";
import { judge, profileWith, signUnderOpenLogin, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.1-3.ts";

const several = (calls: ReturnType<typeof signWithLogin>, requested = 3) => ({
  "sign-several": { requested, outputs: [], trace: traceOf(calls) },
});
const loginOnly = () => signWithLogin().slice(0, 2);

describe("7.1-3: the PIN is asked per signature, per N signatures, or per N minutes", () => {
  const cases: {
    name: string;
    calls: ReturnType<typeof signWithLogin>;
    pinCaching?: "per-signature" | "none" | "session";
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "a login before every signature (mode 1)",
      calls: [...signWithLogin(), ...signWithLogin(), ...signWithLogin()],
      verdict: "pass",
      reason: /before every signature \(3 signatures, 3 logins\): mode 1/,
    },
    {
      name: "a login every two signatures (mode 2, N = 2)",
      calls: [
        ...loginOnly(),
        ...signUnderOpenLogin(),
        ...signUnderOpenLogin(),
        ...loginOnly(),
        ...signUnderOpenLogin(),
      ],
      verdict: "pass",
      reason: /mode 2, N = 2/,
    },
    {
      name: "a signature no login authorised (the card was left logged in by someone else)",
      calls: [...signUnderOpenLogin(), ...signWithLogin()],
      verdict: "fail",
      reason: /no C_Login of this session authorised/,
    },
    {
      name: "one login for all signatures while the profile promises a PIN per signature",
      calls: [...loginOnly(), ...signUnderOpenLogin(), ...signUnderOpenLogin(), ...signUnderOpenLogin()],
      pinCaching: "per-signature",
      verdict: "fail",
      reason: /declares a PIN for every signature, but one login made all 3 signatures/,
    },
    {
      name: "one login for all signatures, profile silent: N cannot be seen",
      calls: [...loginOnly(), ...signUnderOpenLogin(), ...signUnderOpenLogin(), ...signUnderOpenLogin()],
      verdict: "undetermined",
      reason: /cannot be seen in this session \(profile: not declared\)/,
    },
    {
      name: "the card made no signature at all",
      calls: loginOnly(),
      verdict: "undetermined",
      reason: /the card made none/,
    },
    {
      name: "a failed C_Login does not count as the login that authorised a signature",
      calls: [{ fn: "C_Login", user: "CKU_USER", pin_given: true, rv: "CKR_PIN_INCORRECT" }, ...signUnderOpenLogin()],
      verdict: "fail",
      reason: /no C_Login of this session authorised/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.1-3", probe, several(c.calls), profileWith(c.pinCaching ? { pinCaching: c.pinCaching } : {}));
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(20);
    });

  it("cites the trace at the login and signature sequence numbers", () => {
    const j = judge("7.1-3", probe, several([...signWithLogin(), ...signWithLogin()]));
    expect(j.verdict).toBe("pass");
    if (j.verdict === "not-assessed") return;
    expect(j.evidence).toEqual([expect.objectContaining({ kind: "pkcs11-trace", locator: "seq 1,3,7,9" })]);
  });

  it("without a sign-several session the item is not assessed, never a verdict", () => {
    expect(judge("7.1-3", probe, {}).verdict).toBe("not-assessed");
  });
});
