// pin-each-access: is the PIN that reaches the card the one the user gave in that signing? The application signs
// with the right PIN (so an application that stores the PIN, or keeps the card logged in, now has it), then is
// handed a wrong PIN for the next document, then the right one again. A PIN typed by the user reaches the card
// as it was typed: the wrong one ends in C_Login → CKR_PIN_INCORRECT and no signature. A C_Login that succeeds
// there, or a signature under the earlier login, shows the card was accessed with a PIN the user did not give.
// The wrong PIN costs the campaign card one try; the right one after it restores the counter (wrong-pin-once).
import { readTrace, traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { PinEachAccessEvidence, PinEachAccessRow } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

const PLAN: PinEachAccessRow["pin"][] = ["right", "wrong", "right"];

export async function pinEachAccess(ctx: SessionContext): Promise<PinEachAccessEvidence> {
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  const rows: PinEachAccessRow[] = [];
  if (face && kind)
    for (const [i, pin] of PLAN.entries()) {
      const name = `pin-each-access-${i + 1}-${pin}`;
      const before = traceMark(ctx.card.dir);
      const run = await face.sign(kind, documentFor(400 + i), name, pin === "wrong" ? { pin: "wrong" } : {});
      const attempt = await recordAttempt(ctx, run, name);
      const seqs = readTrace(ctx.card.dir, before).map((e) => e.seq);
      rows.push({ pin, attempt, ...(seqs.length ? { traceFrom: seqs[0]!, traceTo: seqs.at(-1)! } : {}) });
    }
  return { ...(kind ? { requested: kind } : {}), rows, trace: traceSince(ctx, mark) };
}
