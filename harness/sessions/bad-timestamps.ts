// bad-timestamps: the application signs at a time-stamped level while the campaign's TSA (every TSA of the PKI,
// fault injection on the live services, harness/pki/server.ts) answers with a token that must not be used: its
// signature forged, its message imprint not the one asked for, made by a TSA whose certificate chains to an
// untrusted root, or by a TSA whose certificate has expired. A control signing with the TSA as it is comes
// first: an application that cannot time-stamp at all proves nothing by refusing the bad tokens. Any signature
// written is validated by uyum's validator with the faults cleared (its time-stamp checks say what it carries).
import { recordAttempt } from "./attempt.ts";
import type { BadTimestampCase, BadTimestampsEvidence, TimestampFault } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import type { Text } from "../core/text.ts";
import type { FaultSetting } from "../pki/index.ts";
import { traceMark } from "../card/index.ts";
import { documentFor, traceSince } from "./sign-sessions.ts";

const T_LEVELS = /^(T|LT|LTA|B-T|B-LT|B-LTA|XL|X-L|A)$/;

const CASES: { fault: TimestampFault; setting?: FaultSetting; needsTsa?: string; description: Text }[] = [
  { fault: "none", description: { tr: "geçerli belirteç (denetim)", en: "a good token (the control)" } },
  {
    fault: "forged-signature",
    setting: { fault: "wrongly-signed" },
    description: { tr: "belirtecin imzası bozuk (sahte)", en: "the token's signature is forged (bytes flipped)" },
  },
  {
    fault: "wrong-imprint",
    setting: { fault: "wrong-imprint" },
    description: {
      tr: "belirtecin özet değeri istenen değil",
      en: "the token's message imprint is not the one asked for",
    },
  },
  {
    fault: "untrusted-tsa",
    setting: { fault: "other-tsa", tsa: "tsa-forged-root" },
    needsTsa: "tsa-forged-root",
    description: {
      tr: "belirteci, sertifikası güvenilmeyen (sahte) bir köke zincirlenen bir ZD imzalamış",
      en: "the token is signed by a TSA whose certificate chains to an untrusted (forged) root",
    },
  },
  {
    fault: "expired-tsa",
    setting: { fault: "other-tsa", tsa: "tsa-expired" },
    needsTsa: "tsa-expired",
    description: {
      tr: "belirteci, sertifikasının süresi dolmuş bir ZD imzalamış",
      en: "the token is signed by a TSA whose certificate has expired",
    },
  },
];

export async function badTimestamps(ctx: SessionContext): Promise<BadTimestampsEvidence> {
  if (!ctx.pki) throw new Error("bad-timestamps needs the campaign PKI's live services");
  const services = ctx.pki.services;
  const mark = traceMark(ctx.card.dir);
  const face = ctx.app.signing;
  const kinds = (face?.kinds() ?? []).filter((k) => T_LEVELS.test(k.level));
  if (!face || kinds.length === 0)
    return {
      cases: [],
      notTried: [],
      skipped: !face ? "no signing face" : "the profile declares no time-stamped level",
      trace: traceSince(ctx, mark),
    };
  const cases: BadTimestampCase[] = [];
  const notTried: BadTimestampsEvidence["notTried"] = [];
  let n = 0;
  for (const c of CASES) {
    if (c.needsTsa && !ctx.pki.pki.tsas.has(c.needsTsa)) {
      notTried.push({ fault: c.fault, why: `the campaign PKI has no TSA ${c.needsTsa}` });
      continue;
    }
    // the control with the first time-stamped kind, the bad tokens with each kind in turn
    const kind = kinds[c.fault === "none" ? 0 : n++ % kinds.length]!;
    const name = `bad-timestamps-${c.fault}`;
    if (c.setting) services.setFault("tsa", c.setting);
    let run;
    try {
      run = await face.sign(kind, documentFor(800 + cases.length), name);
    } finally {
      services.clearFaults();
    }
    cases.push({ fault: c.fault, description: c.description, attempt: await recordAttempt(ctx, run, name) });
  }
  return { cases, notTried, trace: traceSince(ctx, mark) };
}
