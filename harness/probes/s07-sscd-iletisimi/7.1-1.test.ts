import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import type { PinEachAccessEvidence, PinEachAccessRow } from "../../sessions/catalogue.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, profileWith, signUnderOpenLogin, signWithLogin, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.1-1.ts";

type Calls = Partial<TraceEvent>[];
const wrongLogin: Calls = [
  { fn: "C_OpenSession", session: 2 },
  { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 2, rv: "CKR_PIN_INCORRECT" },
  { fn: "C_CloseSession", session: 2 },
];
const storedLogin: Calls = signWithLogin(); // a wrong PIN typed, and yet the login succeeds and signs

/** The session's evidence from each signing's calls, in order right, wrong, right. */
function session(rows: { pin: PinEachAccessRow["pin"]; calls: Calls; signed: boolean }[]): {
  "pin-each-access": PinEachAccessEvidence;
} {
  const trace = traceOf(rows.flatMap((r) => r.calls));
  let seq = 0;
  const built = rows.map((r): PinEachAccessRow => {
    const from = seq;
    seq += r.calls.length;
    return {
      pin: r.pin,
      attempt: attemptOf({ signed: r.signed, name: `pin-each-access-${r.pin}`, exitCode: r.signed ? 0 : 3 }),
      ...(r.calls.length ? { traceFrom: from, traceTo: seq - 1 } : {}),
    };
  });
  return { "pin-each-access": { requested: { format: "CAdES", level: "BES" }, rows: built, trace } };
}
const right = { pin: "right" as const, calls: signWithLogin(), signed: true };

describe("7.1-1: the PIN that reaches the card is the one the user gave", () => {
  const cases: {
    name: string;
    given: ReturnType<typeof session>;
    pinCaching?: "per-signature" | "none" | "session" | "application";
    verdict: string;
    reason: RegExp;
  }[] = [
    {
      name: "the wrong PIN reaches the card (CKR_PIN_INCORRECT), nothing signed",
      given: session([right, { pin: "wrong", calls: wrongLogin, signed: false }, right]),
      pinCaching: "per-signature",
      verdict: "pass",
      reason: /reached the card as given \(C_Login → CKR_PIN_INCORRECT\)/,
    },
    {
      name: "a stored PIN: the login with a wrong PIN typed succeeds and signs",
      given: session([right, { pin: "wrong", calls: storedLogin, signed: true }, right]),
      pinCaching: "per-signature",
      verdict: "fail",
      reason: /yet the card accepted its C_Login and signed: .*used a stored PIN/,
    },
    {
      name: "a stored PIN is ✗ whatever caching the profile declares",
      given: session([right, { pin: "wrong", calls: storedLogin, signed: true }, right]),
      pinCaching: "session",
      verdict: "fail",
      reason: /used a stored PIN/,
    },
    {
      name: "a login kept open (pin-cached) while the profile declares a PIN per signature",
      given: session([right, { pin: "wrong", calls: signUnderOpenLogin(), signed: true }, right]),
      pinCaching: "per-signature",
      verdict: "fail",
      reason: /with no login at all: .*kept open .*declares a PIN for every signature/,
    },
    {
      name: "a login kept open, with a declared session cache (7.1-3 mode 2/3)",
      given: session([right, { pin: "wrong", calls: signUnderOpenLogin(), signed: true }, right]),
      pinCaching: "session",
      verdict: "pass",
      reason: /made no login; it signed under the login the user's PIN opened .*pinCaching session/,
    },
    {
      name: "a login kept open, the profile silent on caching",
      given: session([right, { pin: "wrong", calls: signUnderOpenLogin(), signed: true }, right]),
      verdict: "undetermined",
      reason: /does not declare how the PIN is kept/,
    },
    {
      name: "the first signing made nothing: nothing could be stored",
      given: session([
        { pin: "right", calls: [], signed: false },
        { pin: "wrong", calls: wrongLogin, signed: false },
        right,
      ]),
      verdict: "undetermined",
      reason: /first signing with the right PIN made no signature/,
    },
    {
      name: "handed a wrong PIN, the app makes no login and signs nothing",
      given: session([right, { pin: "wrong", calls: [], signed: false }, right]),
      verdict: "pass",
      reason: /made no login and no signature/,
    },
    {
      name: "no signing face",
      given: { "pin-each-access": { rows: [], trace: traceOf([]) } },
      verdict: "undetermined",
      reason: /no signing face/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.1-1", probe, c.given, profileWith(c.pinCaching ? { pinCaching: c.pinCaching } : {}));
      expect(j.verdict, JSON.stringify(j.reason)).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
  it("cites the C_Login the stored PIN opened", () => {
    const j = judge(
      "7.1-1",
      probe,
      session([right, { pin: "wrong", calls: storedLogin, signed: true }, right]),
      profileWith({ pinCaching: "per-signature" }),
    );
    expect("evidence" in j && j.evidence.some((r) => r.kind === "pkcs11-trace" && r.locator === "seq 7,9")).toBe(true);
  });
});
