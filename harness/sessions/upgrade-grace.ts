// upgrade-grace: does the application complete a long-term signature (X-L / B-LT) only with revocation data issued
// after the profile's grace period (12.3-2)? Its own signature in a Turkish profile (P2/P3 have a 24 h grace
// period, P4 none) is given to the profile's upgrade command at once, then again with the services' clock moved
// past the grace period (a new CRL is published then: the services issue CRLs at their clock time). What each
// output embeds for the signer's certificate is recorded; the clock is put back afterwards, so the sessions that
// follow run at the campaign's time.
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import { GRACE } from "../ades/checks.ts";
import type { Profile } from "../ades/model.ts";
import { describeRun } from "../drivers/cli.ts";
import type { GraceUpgradeAttempt, ProducedStep, UpgradeGraceEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { signerRevocationIn } from "./embedded-revocation.ts";
import { produceStep, type Held } from "./produce-sessions.ts";
import { documentFor } from "./sign-sessions.ts";

const HOUR = 3_600_000;
/** time-stamped kinds first: their grace period starts at the time-stamp, as the profiles say */
const PREFER: string[] = ["T", "B-T", "EPES", "BES", "B-B"];
const rank = (l: string) => (PREFER.includes(l) ? PREFER.indexOf(l) : PREFER.length);
const TURKISH: Profile[] = ["P2", "P3", "P4"];

export async function upgradeGrace(ctx: SessionContext): Promise<UpgradeGraceEvidence> {
  const offered = ctx.app.producing
    ?.operations()
    .find((o) => o.operation === "upgrade" && (o.to === "X-L" || o.to === "B-LT"));
  if (!offered) return { graceMs: 0, attempts: [] };
  const clock = ctx.pki?.services.clock;
  if (!clock)
    return {
      offered,
      graceMs: 0,
      attempts: [],
      skipped: {
        tr: "Bu çalıştırmada PKI servislerinin saati ayarlanamıyor: ertelenme süresinden sonrası denenemedi.",
        en: "The PKI services' clock cannot be set in this run: after the grace period could not be tried.",
      },
    };
  const now = () => clock.now();
  const document = documentFor(600);
  const kinds = (ctx.app.signing?.kinds() ?? [])
    .filter((k) => k.format === offered.format)
    .sort((a, b) => rank(a.level) - rank(b.level));

  // the first kind whose signature is in a Turkish profile with a grace period; else one in P4
  let chosen: { held: Held; step: ProducedStep; profile: Profile; time?: string } | undefined;
  const tried: string[] = [];
  for (const kind of kinds) {
    const name = `upgrade-grace-base-${kind.level}`;
    const a = await ctx.app.signing!.sign(kind, document, name);
    if (!a.output?.length) {
      tried.push(`${kind.format} ${kind.level}: ${describeRun(a.run)}`);
      continue;
    }
    const v = await validateBytes(name, a.output, {
      anchors: pemOrDer(new TextEncoder().encode(ctx.rootPem)).map(parseCert),
      detachedContent: document,
      fetch: true,
      fetchTimeoutMs: 5000,
      now,
    });
    tried.push(`${kind.format} ${kind.level}: profile ${v.profile}`);
    if (!TURKISH.includes(v.profile)) continue;
    const ref = ctx.evidence.put("signature", a.output, a.outputExt);
    const sig = v.signatures[0];
    chosen = {
      held: { bytes: a.output, ext: a.outputExt, level: v.level, ref },
      step: {
        operation: "sign",
        format: kind.format,
        to: kind.level,
        from: "document",
        output: ref,
        validation: {
          indication: v.indication,
          ...(v.subIndication ? { subIndication: v.subIndication } : {}),
          level: v.level,
          signatures: v.signatures.length,
          failedChecks: v.checks.filter((c) => c.result !== "passed" && c.result !== "skipped").map((c) => c.id),
        },
      },
      profile: v.profile,
      time: sig?.bestSignatureTime ?? sig?.signingTime,
    };
    if (GRACE[v.profile] > 0) break;
  }
  if (!chosen?.time)
    return {
      offered,
      ...(chosen ? { base: chosen.step, profile: chosen.profile } : {}),
      graceMs: 0,
      attempts: [],
      skipped: chosen
        ? {
            tr: "Başlangıç imzasında imza zamanı yok: ertelenme süresinin başlangıcı bilinmiyor.",
            en: "The base signature has no signing time: where the grace period starts is unknown.",
          }
        : {
            tr: `Uygulamanın ${offered.format} imzalarından hiçbiri Türk profilinde (P2/P3/P4) değil (${tried.join("; ") || "imza türü bildirilmemiş"}).`,
            en: `None of the application's ${offered.format} signatures is in a Turkish profile (P2/P3/P4) (${tried.join("; ") || "no signing kind declared"}).`,
          },
    };

  const graceMs = GRACE[chosen.profile];
  const signatureTime = chosen.time;
  const attempts: GraceUpgradeAttempt[] = [];
  const ask = async (when: GraceUpgradeAttempt["when"]) => {
    const askedAt = now().toISOString();
    const r = await produceStep(ctx, offered, chosen.held, document, `upgrade-grace-${when}`, true, now);
    let signerRevocation;
    try {
      signerRevocation =
        r.step.output && r.held ? signerRevocationIn(r.held.bytes, offered.format, document) : undefined;
    } catch {
      signerRevocation = undefined; // a file uyum cannot read: the probe says it saw no data, never a fault
    }
    attempts.push({ when, askedAt, step: r.step, ...(signerRevocation ? { signerRevocation } : {}) });
  };
  if (graceMs > 0) await ask("in-grace");
  // past the grace period by an hour; the CRL the services issue then is a new one
  const move = Math.max(0, Date.parse(signatureTime) + graceMs + HOUR - now().getTime());
  clock.advance(move);
  try {
    await ask("after-grace");
  } finally {
    clock.advance(-move);
  }
  return { offered, base: chosen.step, profile: chosen.profile, signatureTime, graceMs, attempts };
}
