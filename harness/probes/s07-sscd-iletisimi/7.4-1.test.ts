import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../card/trace.ts";
import type { KeyChoice } from "../../drivers/face.ts";
import type { KeyChoiceRow, SeveralKeysEvidence } from "../../sessions/catalogue.ts";
import type { AppAttempt } from "../../sessions/evidence.ts";
import { attemptOf } from "../../testing/probes/attempts.ts";
import { judge, traceOf } from "../../testing/probes/given.ts";
import probe from "./7.4-1.ts";

const KEYS = [
  { label: "nes-rsa", id: "01", subject: "CN=TEST Ayşe Yılmaz", serialHex: "0a01" },
  { label: "nes-ec", id: "02", subject: "CN=TEST Mehmet Öztürk", serialHex: "0a02" },
  { label: "nes-ec-chain", id: "03", subject: "CN=TEST Zeynep Kaya", serialHex: "0a03" },
];
const byLabel = (l: string) => KEYS.find((k) => k.label === l)!;
const offered = (key: string): KeyChoice => ({ key, offered: true, how: "the template names the key: {keyLabel}" });

/** A signature the app wrote, naming the certificate of `label`. */
function signedBy(label: string): AppAttempt {
  const a = attemptOf({ signed: true, name: `several-keys-${label}` });
  const k = byLabel(label);
  a.output!.validation = {
    ...a.output!.validation,
    signer: { subject: k.subject, issuer: "CN=Alt Kök", serial: k.serialHex },
  };
  return a;
}
/** One signing: asked for `chosen`, C_Sign on `used` (by CKA_ID and label), the signature naming `named`. */
function row(
  chosen: string,
  used: string | null,
  o: { named?: string; choice?: KeyChoice | null; attempt?: AppAttempt } = {},
): { row: Omit<KeyChoiceRow, "signedWith">; calls: Partial<TraceEvent>[] } {
  const k = used ? byLabel(used) : undefined;
  return {
    row: {
      chosen,
      ...(o.choice === null ? {} : { choice: o.choice ?? offered(chosen) }),
      attempt: o.attempt ?? signedBy(o.named ?? used ?? chosen),
    },
    calls: k
      ? [
          { fn: "C_Login", user: "CKU_USER", pin_given: true, session: 8 },
          { fn: "C_SignInit", session: 8, class: "CKO_PRIVATE_KEY", label: k.label, id: k.id },
          { fn: "C_Sign", session: 8, class: "CKO_PRIVATE_KEY", label: k.label, id: k.id },
        ]
      : [],
  };
}
/** The session's evidence from its rows: each row's C_Sign events found in one trace, as the session reads them. */
function evidence(
  rows: ReturnType<typeof row>[],
  o: Partial<SeveralKeysEvidence> = {},
): { "several-keys": SeveralKeysEvidence } {
  const trace = traceOf(rows.flatMap((r) => r.calls));
  let seq = 0;
  const built = rows.map((r) => {
    const events = trace.events.slice(seq, seq + r.calls.length);
    seq += r.calls.length;
    return {
      ...r.row,
      signedWith: events
        .filter((e) => e.fn === "C_Sign")
        .map((e) => ({ ...(e.label ? { label: e.label } : {}), ...(e.id ? { id: e.id } : {}), seq: e.seq })),
    };
  });
  return { "several-keys": { requested: { format: "CAdES", level: "BES" }, keys: KEYS, rows: built, trace, ...o } };
}

describe("7.4-1: with several keys on the card, the user chooses the key", () => {
  const cases: { name: string; given: ReturnType<typeof evidence>; verdict: string; reason: RegExp }[] = [
    {
      name: "both chosen keys signed, and each signature names its certificate",
      given: evidence([row("nes-ec", "nes-ec"), row("nes-rsa", "nes-rsa")]),
      verdict: "pass",
      reason:
        /held 3 keys: nes-ec was chosen .*C_Sign on the card used that key, the signature names CN=TEST Mehmet Öztürk; nes-rsa was chosen/,
    },
    {
      name: "the app always signs with the same key (first-key-always): the other choice is signed with it",
      given: evidence([row("nes-ec", "nes-ec"), row("nes-rsa", "nes-ec")]),
      verdict: "fail",
      reason: /nes-rsa was chosen, but C_Sign on the card used another key: nes-ec/,
    },
    {
      name: "the key matches but the signature names another certificate",
      given: evidence([row("nes-ec", "nes-ec", { named: "nes-rsa" }), row("nes-rsa", "nes-rsa")]),
      verdict: "fail",
      reason: /nes-ec was chosen; the signature names another certificate: CN=TEST Ayşe Yılmaz \(serial 0a01\)/,
    },
    {
      name: "the profile's command cannot name a key: no choice offered",
      given: evidence([
        row("nes-ec", "nes-rsa", {
          choice: { key: "nes-ec", offered: false, how: "the template has no key placeholder" },
        }),
        row("nes-rsa", "nes-rsa", {
          choice: { key: "nes-rsa", offered: false, how: "the template has no key placeholder" },
        }),
      ]),
      verdict: "fail",
      reason: /offered no choice of key \(the template has no key placeholder\); nes-ec could not be chosen/,
    },
    {
      name: "no signature with the chosen key and no other key used: not seen",
      given: evidence([
        row("nes-ec", null, { attempt: attemptOf({ said: "ECDSA desteklenmiyor", exitCode: 7 }) }),
        row("nes-rsa", "nes-rsa"),
      ]),
      verdict: "undetermined",
      reason: /a signature with nes-ec was asked for, and the application wrote no signature .*ECDSA desteklenmiyor/,
    },
    {
      name: "a signature written with no C_Sign on the card",
      given: evidence([row("nes-ec", null, { attempt: signedBy("nes-ec") }), row("nes-rsa", "nes-rsa")]),
      verdict: "undetermined",
      reason: /the card's trace has no C_Sign/,
    },
    {
      name: "a driver that says nothing of the choice, the card proves the key",
      given: evidence([row("nes-ec", "nes-ec", { choice: null }), row("nes-rsa", "nes-rsa", { choice: null })]),
      verdict: "pass",
      reason: /nes-ec was chosen, C_Sign on the card used that key/,
    },
    {
      name: "a page object that cannot choose a key: uyum's limit, not a ✗ of the application",
      given: evidence([
        row("nes-ec", null, {
          choice: { key: "nes-ec", offered: false, how: "the page object cannot choose a key", driverLimit: true },
          attempt: attemptOf({ said: "cancelled" }),
        }),
        row("nes-rsa", "nes-rsa"),
      ]),
      verdict: "undetermined",
      reason: /the driver could not have the application choose nes-ec .*uyum's limit, not the application's/,
    },
    {
      name: "a card with one key: nothing to choose between",
      given: evidence([], { keys: KEYS.slice(0, 1), skipped: "the card holds 1 key(s): nothing to choose between" }),
      verdict: "undetermined",
      reason: /No choice could be asked for: the card holds 1 key/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const j = judge("7.4-1", probe, c.given);
      expect(j.verdict, JSON.stringify(j.reason)).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      expect(j.reason.tr.length).toBeGreaterThan(10);
    });
  it("cites the C_Sign that used another key", () => {
    const j = judge("7.4-1", probe, evidence([row("nes-ec", "nes-ec"), row("nes-rsa", "nes-ec")]));
    expect("evidence" in j && j.evidence.some((r) => r.kind === "pkcs11-trace" && r.locator === "seq 5")).toBe(true);
  });
});
