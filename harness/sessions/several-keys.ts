// several-keys: the card holds several signing keys, each with its certificate (the campaign's card carries the
// NES certificates of every valid scenario). The application is asked to sign twice, each time with another key
// ({keyLabel}/{keyUri}/{certificate} in a cli template, the certificate list of a web agent's window): an
// application that ignores the choice signs with the same key both times, so at least once with a key not chosen,
// whatever order the card lists its objects in. What proves the choice is the card itself: the key C_Sign used
// (its CKA_LABEL and CKA_ID in the trace) and the certificate the signature names.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCert, pemOrDer } from "../ades/index.ts";
import { readTrace, traceMark } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { CardKeyRow, KeyChoiceRow, SeveralKeysEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

/** The card's keys with their certificates' subject and serial, as the validator names a signer. */
function keyRows(ctx: SessionContext): CardKeyRow[] {
  return ctx.card.keys.map((k) => {
    let serialHex = "";
    let subject = k.subject;
    if (ctx.pki) {
      const cert = pemOrDer(readFileSync(join(ctx.pki.dir, "certs", `${k.label}.pem`))).map(parseCert)[0];
      if (cert) ({ serialHex, subject } = { serialHex: cert.serialHex, subject: cert.subject.text });
    }
    return { label: k.label, id: k.id, subject, serialHex };
  });
}

export async function severalKeys(ctx: SessionContext): Promise<SeveralKeysEvidence> {
  const mark = traceMark(ctx.card.dir);
  const keys = keyRows(ctx);
  const face = ctx.app.signing;
  const kind = face?.kinds()[0];
  if (!face || !kind || keys.length < 2)
    return {
      keys,
      rows: [],
      skipped: keys.length < 2 ? `the card holds ${keys.length} key(s): nothing to choose between` : "no signing face",
      trace: traceSince(ctx, mark),
    };
  const rows: KeyChoiceRow[] = [];
  for (const [i, key] of [keys[1]!, keys[0]!].entries()) {
    const name = `several-keys-${key.label}`;
    const before = traceMark(ctx.card.dir);
    const run = await face.sign(kind, documentFor(700 + i), name, { key: key.label });
    const attempt = await recordAttempt(ctx, run, name);
    rows.push({
      chosen: key.label,
      ...(run.keyChoice ? { choice: run.keyChoice } : {}),
      attempt,
      signedWith: readTrace(ctx.card.dir, before)
        .filter((e) => e.fn === "C_Sign")
        .map((e) => ({ ...(e.label ? { label: e.label } : {}), ...(e.id ? { id: e.id } : {}), seq: e.seq })),
    });
  }
  return { requested: kind, keys, rows, trace: traceSince(ctx, mark) };
}
