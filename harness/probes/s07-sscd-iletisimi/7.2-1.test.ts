import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import type { MultiApplicationEvidence } from "../../sessions/catalogue.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.2-1.ts";

const APPLICATIONS: MultiApplicationEvidence["applications"] = [
  { label: "kimlik-dogrulama", slot: 71, role: "other", keys: ["nes-ec"] },
  { label: "uyum-card", slot: 93, role: "signing", keys: ["nes-rsa"] },
];
/** One signing on the token in `slot`: open, login (its result), sign with `key` (or not). */
function signingOn(slot: number, key: string | null, session: number, login = "CKR_OK"): Partial<TraceEvent>[] {
  return [
    { fn: "C_GetSlotList" },
    { fn: "C_OpenSession", slot, session },
    { fn: "C_Login", user: "CKU_USER", pin_given: true, session, rv: login },
    ...(key ? [{ fn: "C_Sign", session, class: "CKO_PRIVATE_KEY", label: key, id: "01", out_len: 256 }] : []),
    { fn: "C_CloseSession", session },
  ];
}
function evidence(calls: Partial<TraceEvent>[], o: { signed?: boolean; skipped?: string } = {}) {
  const e: MultiApplicationEvidence = {
    requested: { format: "CAdES", level: "BES" },
    applications: APPLICATIONS,
    card: "own-card",
    trace: traceOf(calls),
    ...(o.skipped
      ? { skipped: o.skipped }
      : { attempt: attemptOf({ signed: o.signed ?? true, exitCode: o.signed === false ? 6 : 0 }) }),
  };
  return { "multi-application": e };
}

describe("7.2-1: on a card with several applications, the software selects the signature application", () => {
  const cases: { name: string; given: ReturnType<typeof evidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "login and signature in the signature application",
      given: evidence(signingOn(93, "nes-rsa", 4)),
      verdict: "pass",
      reason: /selected the signature application \(uyum-card\).*\(nes-rsa\).*never logged into the other/,
    },
    {
      name: "the first listed token taken (first-token-always): the other application's key signs",
      given: evidence(signingOn(71, "nes-ec", 4)),
      verdict: "fail",
      reason: /signed with the key of the card's other application \(kimlik-dogrulama\): nes-ec/,
    },
    {
      name: "a login into the other application that fails, then nothing signed",
      given: evidence(signingOn(71, null, 4, "CKR_PIN_INCORRECT"), { signed: false }),
      verdict: "fail",
      reason: /logged into the card's other application \(kimlik-dogrulama\) with the PIN \(CKR_PIN_INCORRECT\)/,
    },
    {
      name: "a login into the other application first, then the right one signs: the PIN went astray",
      given: evidence([...signingOn(71, null, 2), ...signingOn(93, "nes-rsa", 4)]),
      verdict: "fail",
      reason: /logged into the card's other application/,
    },
    {
      name: "another process's session numbers do not mix with this one's",
      given: evidence([
        ...signingOn(93, "nes-rsa", 4),
        { fn: "C_OpenSession", slot: 71, session: 4, pid: 2 },
        { fn: "C_Sign", session: 4, pid: 1, label: "nes-rsa", out_len: 256 },
      ]),
      verdict: "pass",
      reason: /selected the signature application/,
    },
    {
      name: "the first listed token taken, the chosen certificate not there: only the other application opened",
      given: evidence(
        [
          { fn: "C_OpenSession", slot: 71, session: 1 },
          { fn: "C_FindObjectsInit", session: 1 },
        ],
        { signed: false },
      ),
      verdict: "fail",
      reason: /opened sessions only on the card's other application \(kimlik-dogrulama\), never on the signature one/,
    },
    {
      name: "nothing signed and no wrong login: not seen",
      given: evidence(signingOn(93, null, 4), { signed: false }),
      verdict: "undetermined",
      reason: /No signature was made in the card's signature application/,
    },
    {
      name: "the session could not ask",
      given: evidence([], { skipped: "no signing face" }),
      verdict: "undetermined",
      reason: /No signature could be asked for on the multi-application card: no signing face/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("7.2-1", probe, c.given);
      expect(j.verdict, JSON.stringify(j.reason)).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
});
