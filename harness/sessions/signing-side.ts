// signing-side: KAMU SM's signing-side certificate scenarios (the vector manifest's `signingSide` list,
// harness/vectors/signing-side.ts) on the campaign's PKI: a card of this session's own holds every scenario's
// key and certificate, and the application is asked to sign once with each ({keyUri}, {certificate},
// {keyLabel} name the key), the PKI's services live with each scenario's CRL/OCSP behaviour. A conformant
// application refuses each bad certificate with a reason and signs with the valid ones.
import { join } from "node:path";
import { provisionCard, readTrace, traceMark } from "../card/index.ts";
import { signingSideEntries } from "../vectors/signing-side.ts";
import { recordAttempt } from "./attempt.ts";
import type { AppAttempt } from "./evidence.ts";
import type { SigningSideRow, SigningSideEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor } from "./sign-sessions.ts";

/** how many signing-side runs at once (the machine's CPUs are shared; the application's start-up dominates) */
export const SIGNING_SIDE_PARALLEL = 3;

export async function signingSide(ctx: SessionContext): Promise<SigningSideEvidence> {
  if (!ctx.pki || !ctx.workDir || !ctx.openWith)
    throw new Error("signing-side needs the campaign PKI and a work directory (a card of its own)");
  const { entries, missing } = signingSideEntries(ctx.pki.pki, new Date().toISOString());
  const dir = join(ctx.workDir, "signing-side-card");
  const card = await provisionCard({
    pkiDir: ctx.pki.dir,
    outDir: dir,
    certLabels: [...new Set(entries.map((e) => e.pkiLabel))],
    tokenLabel: ctx.card.tokenLabel,
  });
  const own = { ...ctx, card };
  const opened = [await ctx.openWith(card, join(ctx.workDir, "signing-side-app"))];
  // an application that signs one at a time (an agent's one window) gets a second instance on the same card
  // (one that does not start is no loss: the first does all the work)
  if (opened[0]!.oneAtATime && entries.length > 1) {
    const second = await ctx.openWith(card, join(ctx.workDir, "signing-side-app-2")).catch(() => undefined);
    if (second) opened.push(second);
  }
  const face = opened[0]!.signing;
  const kind = face?.kinds()[0];
  const mark = traceMark(dir);
  const rows: SigningSideRow[] = [];
  try {
    if (face && kind) {
      // a few at a time: each is a process (or an instance's window) of its own on the same card
      const results: SigningSideRow[] = new Array(entries.length);
      let next = 0;
      const worker = async (w: number) => {
        const signer = opened[w % opened.length]!.signing!;
        for (let i = next++; i < entries.length; i = next++) {
          const e = entries[i]!;
          const name = `signing-side-${e.kamusm}`;
          const run = await signer.sign(kind, documentFor(500 + i), name, { key: e.pkiLabel });
          results[i] = {
            kamusm: e.kamusm,
            pkiLabel: e.pkiLabel,
            expected: e.expected,
            reason: e.reason,
            ...(e.outsideApiScope ? { outsideApiScope: true } : {}),
            attempt: await recordAttempt(own, run, name, card.pin),
          };
        }
      };
      const workers = opened.length > 1 ? opened.length : SIGNING_SIDE_PARALLEL;
      await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
      rows.push(...results);
    }
  } finally {
    // a web application opened on this card is stopped with its browser
    await Promise.all(opened.map((o) => o.close?.()));
  }
  const events = readTrace(dir, mark);
  return {
    ...(kind ? { requested: kind } : {}),
    rows,
    missing,
    card: "own-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
  };
}
