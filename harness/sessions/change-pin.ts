// change-pin: the application's own way to change the card's PIN (4.4-3), on a card of the session's own (the
// campaign's card keeps its PIN). The driver hands the application the old and the new PIN (never on a command
// line); the card's trace shows whether C_SetPIN reached the card, and uyum then logs in on the card itself
// (through the real module, so the application's trace and the card's PIN counter stay untouched) to see that
// the new PIN opens it and the old one no longer does.
import { randomInt } from "node:crypto";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { provisionCard, readTrace, traceMark, withCardEnv, type CardInfo } from "../card/index.ts";
import { describeRun } from "../drivers/cli.ts";
import type { ChangePinEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import type { AppAttempt } from "./evidence.ts";

/** Does `pin` open the card's user PIN? Asked of the real module: no trace line, no try spent on the interposer. */
export function pinOpens(card: CardInfo, pin: string): boolean {
  return withCardEnv(card, () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(card.realModule);
    p11.C_Initialize();
    try {
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === card.tokenLabel);
      if (!slot) return false;
      const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        p11.C_Login(session, pkcs11js.CKU_USER, pin);
        p11.C_Logout(session);
        return true;
      } catch {
        return false;
      } finally {
        p11.C_CloseSession(session);
      }
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
}

function newPinFor(old: string): string {
  for (;;) {
    const p = Array.from({ length: 8 }, () => String(randomInt(10))).join("");
    if (p !== old && !p.includes(old) && !old.includes(p)) return p;
  }
}

const mask = (text: string, pins: string[]) => pins.reduce((t, p) => t.split(p).join("****"), text);

export async function changePin(ctx: SessionContext): Promise<ChangePinEvidence> {
  const none = (): ChangePinEvidence => ({
    card: "own-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", "", "jsonl"), events: [] },
  });
  if (!ctx.app.pinChange) return none();
  if (!ctx.pki || !ctx.workDir || !ctx.openWith)
    throw new Error("change-pin needs the campaign PKI and a work directory (a card of its own)");
  const dir = join(ctx.workDir, "change-pin-card");
  const card = await provisionCard({
    pkiDir: ctx.pki.dir,
    outDir: dir,
    certLabels: ctx.card.keys.slice(0, 1).map((k) => k.label),
    tokenLabel: ctx.card.tokenLabel,
    pinMaxTries: ctx.card.pinMaxTries,
  });
  const opened = await ctx.openWith(card, join(ctx.workDir, "change-pin-app"));
  const face = opened.pinChange;
  if (!face) {
    await opened.close?.();
    return none();
  }
  const oldPin = card.pin!;
  const newPin = newPinFor(oldPin);
  const mark = traceMark(dir);
  const name = "change-pin";
  const run = await face.change(newPin, name);
  await opened.close?.();
  const events = readTrace(dir, mark);
  const stdout = mask(run.stdout, [oldPin, newPin]);
  const stderr = mask(run.stderr, [oldPin, newPin]);
  const said = [stderr.trim(), stdout.trim()].filter(Boolean).join("\n").slice(0, 2000);
  const attempt: AppAttempt = {
    name,
    requested: { format: "PIN" },
    ended: describeRun(run),
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    said,
    stdout: ctx.evidence.put("stdout", stdout, "txt"),
    stderr: ctx.evidence.put("stderr", stderr, "txt"),
    ...([oldPin, newPin].some((p) => run.stdout.includes(p) || run.stderr.includes(p)) ? { pinShown: true } : {}),
  };
  const newPinWorks = pinOpens(card, newPin);
  const oldPinWorks = pinOpens(card, oldPin);
  ctx.progress(`  ${name}: ${attempt.ended}; the new PIN ${newPinWorks ? "opens" : "does not open"} the card`);
  return {
    offered: { how: face.how },
    attempt,
    newPinWorks,
    oldPinWorks,
    card: "own-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
  };
}
