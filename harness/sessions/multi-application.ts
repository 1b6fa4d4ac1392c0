// multi-application: a card that hosts another application beside the signature one, as a national ID card or a
// combined signing/authentication card does. PKCS#11 shows each application as a token of its own; the session
// builds a card of its own whose first listed token is the other application (an authentication application
// with a key and certificate of its own), the signature application after it under the campaign card's token
// label, both opened by the same PIN (a wrong choice then signs, and shows). The application signs once; the
// trace shows which token it logged into and which key signed (C_OpenSession gives each session's slot).
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { provisionCard, readTrace, traceMark, tokenOf, withCardEnv, type CardInfo } from "../card/index.ts";
import { recordAttempt } from "./attempt.ts";
import type { CardApplicationRow, MultiApplicationEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { documentFor } from "./sign-sessions.ts";

/** The label of the other application's token. */
export const OTHER_APPLICATION = "kimlik-dogrulama";

/** The card's tokens as its module lists them (slot ids as the trace writes them), straight from the real module. */
function slotsOf(card: CardInfo): { slot: number; label: string }[] {
  return withCardEnv(card, () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(card.realModule);
    p11.C_Initialize();
    try {
      return p11.C_GetSlotList(true).map((s) => ({
        slot: Number(Buffer.from(s).readBigUInt64LE()),
        label: p11.C_GetTokenInfo(s).label.trim(),
      }));
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
}

/** SoftHSM lists tokens in an order of its own (by the token's serial): a card is made until the other
 *  application comes first, so an application that takes the first token always meets the wrong one. */
export async function multiApplicationCard(o: {
  pkiDir: string;
  /** the cards are made in <dirBase>-1, <dirBase>-2, … */
  dirBase: string;
  signing: { tokenLabel: string; cert: string };
  otherCert: string;
  pin?: string;
  pinMaxTries?: number;
}): Promise<{ card: CardInfo; slots: { slot: number; label: string }[] }> {
  for (let i = 1; ; i++) {
    const outDir = `${o.dirBase}-${i}`;
    const pin = o.pin ? { pin: o.pin } : {};
    await provisionCard({
      pkiDir: o.pkiDir,
      outDir,
      certLabels: [o.otherCert],
      tokenLabel: OTHER_APPLICATION,
      ...pin,
      ...(o.pinMaxTries ? { pinMaxTries: o.pinMaxTries } : {}),
    });
    const card = await provisionCard({
      pkiDir: o.pkiDir,
      outDir,
      add: true,
      certLabels: [o.signing.cert],
      tokenLabel: o.signing.tokenLabel,
      ...pin,
    });
    const slots = slotsOf(card);
    if (slots.find((s) => s.label)?.label === OTHER_APPLICATION || i >= 12) return { card, slots };
  }
}

export async function multiApplication(ctx: SessionContext): Promise<MultiApplicationEvidence> {
  if (!ctx.pki || !ctx.workDir || !ctx.openWith)
    throw new Error("multi-application needs the campaign PKI and a work directory (a card of its own)");
  const [signing, other] = ctx.card.keys;
  const empty = {
    applications: [],
    card: "own-card" as const,
    trace: { ref: ctx.evidence.put("pkcs11-trace", "", "jsonl"), events: [] },
  };
  if (!signing || !other)
    return { ...empty, skipped: "the campaign card holds fewer than two keys: no key for another application" };
  const { card, slots } = await multiApplicationCard({
    pkiDir: ctx.pki.dir,
    dirBase: join(ctx.workDir, "multi-application-card"),
    signing: { tokenLabel: ctx.card.tokenLabel, cert: signing.label },
    otherCert: other.label,
    ...(ctx.card.pin ? { pin: ctx.card.pin } : {}),
    pinMaxTries: ctx.card.pinMaxTries,
  });
  const applications: CardApplicationRow[] = slots
    .filter((s) => s.label)
    .map((s) => ({
      label: s.label,
      slot: s.slot,
      role: s.label === ctx.card.tokenLabel ? "signing" : "other",
      keys: s.label === ctx.card.tokenLabel ? [signing.label] : [other.label],
    }));
  const signingCard = tokenOf(card, ctx.card.tokenLabel);
  const opened = await ctx.openWith(signingCard, join(ctx.workDir, "multi-application-app"));
  const face = opened.signing;
  const kind = face?.kinds()[0];
  const mark = traceMark(card.dir);
  let attempt;
  if (face && kind) {
    const name = "multi-application";
    attempt = await recordAttempt({ ...ctx, card: signingCard }, await face.sign(kind, documentFor(800), name), name);
  }
  await opened.close?.();
  const events = readTrace(card.dir, mark);
  return {
    ...(kind ? { requested: kind } : {}),
    applications,
    ...(attempt ? { attempt } : {}),
    ...(face && kind ? {} : { skipped: "no signing face" }),
    card: "own-card",
    trace: { ref: ctx.evidence.put("pkcs11-trace", events.map((e) => JSON.stringify(e)).join("\n"), "jsonl"), events },
  };
}
