// `uyum run`: one campaign. Plan (K conditions) → the campaign's PKI at this instant with its services on a
// ticking clock → a fresh virtual card → the sessions the applicable probes read, each once → every item
// judged or marked with its reason → the campaign store. Progress goes to `progress` line by line; a run
// killed at any point resumes (--resume) without redoing a stored session or a journaled finding.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { loadChecklist } from "../checklist/load.ts";
import { makePlan, type PlanEntry } from "../checklist/plan.ts";
import type { Checklist } from "../checklist/types.ts";
import { openRealCard, provisionCard } from "../card/index.ts";
import { UserError } from "../core/errors.ts";
import { ValidationError } from "../core/issues.ts";
import { DEFAULT_PKI_CONFIG, PROJECT_ROOT } from "../core/paths.ts";
import { driverCannotJudge, driverProblems, openApplication } from "../drivers/open.ts";
import { pkiConfigAt } from "../pki/campaign-time.ts";
import { loadPkiConfig } from "../pki/config.ts";
import { SettableClock, startPkiServices, writePki } from "../pki/index.ts";
import { applyProbe } from "../probes/judge.ts";
import { discoverProbes, type LoadedProbe } from "../probes/registry.ts";
import { picksVector, vectorsNeeded } from "../probes/verification/agreement.ts";
import { loadProfile } from "../profile/load.ts";
import type { AppProfile } from "../profile/types.ts";
import { SCREEN_SESSIONS, type SessionEvidence, type SessionId } from "../sessions/catalogue.ts";
import type { EvidenceRef } from "../sessions/evidence.ts";
import type { SessionContext } from "../sessions/context.ts";
import { SESSION_RUNNERS } from "../sessions/runners.ts";
import { sessionLanes } from "../sessions/lanes.ts";
import { notOnRealCard, SessionNotAssessed } from "../sessions/real-card.ts";
import type { Text } from "../core/text.ts";
import { readFindings, type Finding, type Mark } from "./results.ts";
import { CampaignStore, type CampaignMeta } from "./store.ts";

export interface RunOptions {
  profile: string;
  out: string;
  resume?: boolean;
  progress?: (line: string) => void;
  /**
   * The virtual card's PIN (default: a fresh random one; tests set it to search the campaign for it), or, for a
   * profile naming the assessor's real card (`card:`), that card's PIN (required: `uyum run --pin-fd N` or the TTY).
   */
  cardPin?: string;
  /** asked for the real card's PIN when cardPin is not given (the terminal, in `uyum run`) */
  askCardPin?: () => Promise<string>;
  /**
   * Assess only these: item ids ("14-2") or section numbers ("11"). The other items are not assessed, saying they
   * were not selected, and only the sessions the selected items' probes read are run (an assessor re-checking a
   * fix, a vendor's CI job on one section).
   */
  only?: string[];
}

/** Whether `--only` selects the entry (no selection: every entry). */
export function selected(entry: PlanEntry, only: string[] | undefined): boolean {
  return !only || only.includes(entry.itemId) || only.includes(entry.item.section);
}

export interface RunOutcome {
  dir: string;
  findings: Finding[];
  checklist: Checklist;
}

function judgeItem(
  entry: PlanEntry,
  probe: LoadedProbe | undefined,
  evidence: Partial<SessionEvidence>,
  profile: AppProfile,
  profileRef: EvidenceRef,
  sessionFailures: ReadonlyMap<SessionId, string> = new Map(),
  sessionsNotAssessed: ReadonlyMap<SessionId, Text> = new Map(),
): Finding {
  const item = entry.itemId;
  if (entry.status === "not-applicable") return { item, mark: "not-applicable", reason: entry.reason, evidence: [] };
  if (entry.status === "undetermined")
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: `Koşulu belirlenemedi: ${entry.reason.tr}`,
        en: `Its condition could not be decided: ${entry.reason.en}`,
      },
      evidence: [],
    };
  const cannot = driverCannotJudge(profile, item);
  if (cannot)
    return { item, mark: "not-assessed", reason: cannot, evidence: [], ...(probe ? { probe: probe.file } : {}) };
  if (!probe && entry.item.evidence.kind === "observed" && profile.driver?.kind === "cli")
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: "Ekranda gözlenecek bir madde; komut satırı sürücüsünün ekranı yok: değerlendirici elle değerlendirir.",
        en: "An item observed on screen; the cli driver has no screen: the assessor judges it by hand.",
      },
      evidence: [],
    };
  if (probe && profile.driver?.kind !== "web" && probe.probe.uses.some((s) => SCREEN_SESSIONS.has(s)))
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: `Ekranda gözlenecek bir madde; ${profile.driver?.kind ?? "bu"} sürücüsünün ekranı yok: değerlendirici elle değerlendirir.`,
        en: `An item seen on screen; the ${profile.driver?.kind ?? "profile's"} driver has no screen: the assessor judges it by hand.`,
      },
      evidence: [],
      probe: probe.file,
    };
  if (!probe)
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: "Bu maddeyi kanıtlayan bir uyum yoklaması henüz yok; değerlendirici elle değerlendirir.",
        en: "uyum has no probe for this item yet; the assessor judges it by hand.",
      },
      evidence: [],
    };
  const broken = probe.probe.uses.filter((u) => sessionFailures.has(u));
  if (broken.length > 0)
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: `uyum'un iç hatası: ${broken.join(", ")} oturumu tamamlanamadı (${broken.map((b) => sessionFailures.get(b)).join("; ")}). Bu uyum'un hatasıdır, uygulamanın değil.`,
        en: `uyum's internal error: the ${broken.join(", ")} session could not finish (${broken.map((b) => sessionFailures.get(b)).join("; ")}). This is uyum's fault, not the application's.`,
      },
      evidence: [],
      probe: probe.file,
    };
  // a session that could not prove anything here (the real card's limits, a guided step not done): its reason
  const unproven = probe.probe.uses.filter((u) => sessionsNotAssessed.has(u));
  if (unproven.length > 0)
    return {
      item,
      mark: "not-assessed",
      reason: {
        tr: unproven.map((u) => `${u}: ${sessionsNotAssessed.get(u)!.tr}`).join(" "),
        en: unproven.map((u) => `${u}: ${sessionsNotAssessed.get(u)!.en}`).join(" "),
      },
      evidence: [],
      probe: probe.file,
    };
  const outcome = applyProbe(probe, evidence, profile, profileRef);
  if (outcome.status === "not-assessed")
    return { item, mark: "not-assessed", reason: outcome.reason, evidence: [], probe: probe.file };
  const j = outcome.judgement;
  // a probe's N-A: the session ran and the application's declarations left nothing of the item to test
  const mark: Mark = j.verdict === "not-applicable" ? "not-applicable" : j.verdict;
  return {
    item,
    mark,
    reason: j.reason,
    evidence: j.evidence,
    probe: probe.file,
    ...(j.suggested ? { suggested: true } : {}),
  };
}

/**
 * The vectors verify-vectors gives for a selection of items (--only): the agreement probes' vectors and controls
 * among the probes that read it; undefined (every declared vector) when one of them is another kind of probe.
 */
export function vectorSelectionFor(probes: readonly LoadedProbe["probe"][]): SessionContext["vectorSelection"] {
  const each = probes.filter((p) => p.uses.includes("verify-vectors")).map((p) => vectorsNeeded(p));
  if (each.length === 0 || each.some((s) => s === undefined)) return undefined;
  const selectors = [...new Set(each.flat() as string[])];
  return { selectors, picks: (v) => picksVector(selectors, v) };
}

export async function runCampaign(o: RunOptions): Promise<RunOutcome> {
  const progress = o.progress ?? (() => {});
  const checklist = loadChecklist();
  const profile = loadProfile(o.profile, checklist);
  const profileBytes = readFileSync(o.profile);
  const plan = makePlan(checklist, profile);
  const probes = await discoverProbes(checklist);
  const dir = resolve(o.out);

  const cardPin = o.cardPin ?? (profile.card && o.askCardPin ? await o.askCardPin() : undefined);
  if (profile.card && !cardPin)
    throw new UserError(
      `${o.profile} names the assessor's card (card.module): give its PIN on a file descriptor (--pin-fd N) or type it when asked`,
    );
  const issues = driverProblems(profile);
  if (issues.length) throw new ValidationError(`app profile ${o.profile}: cannot drive it`, issues);

  const store = o.resume
    ? CampaignStore.open(dir)
    : CampaignStore.create(dir, {
        uyum: { version: JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).version },
        app: profile.app,
        profile: {
          file: relative(process.cwd(), resolve(o.profile)),
          sha256: createHash("sha256").update(profileBytes).digest("hex"),
        },
        instant: new Date().toISOString(),
        started: new Date().toISOString(),
        environment: {
          node: process.version,
          platform: `${process.platform}-${process.arch}`,
          driver: profile.driver?.kind ?? "none",
        },
      } satisfies CampaignMeta);
  const meta = store.meta();
  const done = o.resume ? readFindings(dir) : new Map<string, Finding>();

  const sessionFailures = new Map<SessionId, string>();
  const sessionsNotAssessed = new Map<SessionId, Text>();
  const applicable = plan.entries.filter((e) => e.status === "applies" && selected(e, o.only));
  const needed = new Set<SessionId>(
    applicable
      // an item the driver cannot judge needs no session
      .filter((e) => !driverCannotJudge(profile, e.itemId))
      .flatMap((e) => [...(probes.get(e.itemId)?.probe.uses ?? [])])
      // a driver without a screen never runs the screen sessions: their items say so
      .filter((s) => !store.sessionDone(s) && (profile.driver?.kind === "web" || !SCREEN_SESSIONS.has(s))),
  );
  // an --only selection whose verifier items are all agreement probes needs only their vectors (and controls): the
  // session gives no others (a slow verifying face, a browser page, can then serve); a full run gives every one
  const vectorSelection =
    o.only && needed.has("verify-vectors")
      ? vectorSelectionFor(
          applicable
            .filter((e) => !driverCannotJudge(profile, e.itemId))
            .flatMap((e) => probes.get(e.itemId)?.probe ?? []),
        )
      : undefined;
  for (const id of needed) {
    const why = notOnRealCard(id, profile);
    if (why) {
      sessionsNotAssessed.set(id, why);
      needed.delete(id);
    }
  }
  // a guided step on a real card (pulling it) goes last: the card may not be back for what would follow
  if (profile.card && needed.delete("card-removed")) needed.add("card-removed");
  progress(
    `${plan.profile.name} ${plan.profile.version}: ${applicable.length} items apply, ${plan.counts["not-applicable"]} N-A, ${plan.counts.undetermined} undecided; sessions to run: ${[...needed].join(", ") || "none"}`,
  );

  if (needed.size > 0) {
    // The card (and its PIN) and the PKI's private keys live outside the campaign directory, and go with the run.
    const work = mkdtempSync(join(tmpdir(), "uyum-run-"));
    const instant = new Date(meta.instant);
    // ticking from the campaign's instant; the validator reads its "now" after fetching CRL/OCSP, so a CRL the
    // services issue this moment is never dated after it
    const clock = new SettableClock(instant, true);
    const services = await startPkiServices(pkiConfigAt(loadPkiConfig(DEFAULT_PKI_CONFIG), instant), { clock });
    try {
      const pkiDir = join(work, "pki");
      await writePki(services.pki, pkiDir);
      const card = profile.card
        ? await openRealCard({
            vendorModule: profile.card.module,
            outDir: join(work, "card"),
            token: profile.card.token,
            pin: cardPin!, // checked before anything started
            certsDir: pkiDir, // the drivers find a key's certificate files there
          })
        : await provisionCard({ pkiDir, outDir: join(work, "card"), pin: cardPin });
      const root = [...services.pki.entities.values()].find((e) => e.role === "root");
      if (!root) throw new Error("the campaign PKI has no root");
      // a real card's certificates chain to its own CA: the profile names that root (else the test PKI's stands)
      const rootPem = readFileSync(profile.card?.trustAnchor ?? join(pkiDir, "certs", `${root.label}.pem`), "utf8");
      progress(
        `PKI at ${instant.toISOString()} on ${services.baseUrl}; card ${card.tokenLabel} with ${card.keys.map((k) => k.label).join(", ")}`,
      );
      const openWith = (c: typeof card, workDir: string) =>
        openApplication(profile, { card: c, pin: c.pin!, pkiDir, pkiBaseUrl: services.baseUrl, rootPem, workDir });
      const app = await openWith(card, join(work, "app"));
      const m = store.meta();
      store.writeMeta({
        ...m,
        environment: {
          ...m.environment,
          card: profile.card
            ? `${card.tokenLabel}: the assessor's card (${card.realModule} behind uyum's PKCS#11 interposer)${profile.card.reader ? ` in the reader "${profile.card.reader}"` : ", no reader named"}`
            : `${card.tokenLabel}: virtual card (${card.realModule} behind uyum's PKCS#11 interposer)`,
          pki: `uyum test PKI (KAMU SM-like, vectors/pki/kamusm-test-pki.yaml) at ${instant.toISOString()}`,
        },
      });
      const sessionsDir = join(work, "sessions");
      mkdirSync(sessionsDir, { recursive: true });
      const ctx: SessionContext = {
        ...{ evidence: store, profile, card, rootPem, app, progress, workDir: sessionsDir, openWith },
        ...(vectorSelection ? { vectorSelection } : {}),
        pki: { dir: pkiDir, baseUrl: services.baseUrl, pki: services.pki, services },
      };
      const runSession = async (id: SessionId) => {
        if (SCREEN_SESSIONS.has(id) && !app.screen) return; // their items say the driver has no screen
        progress(`session ${id}…`);
        const started = performance.now();
        // a session handles the application's misbehaviour itself; a throw is uyum's own error: the items that
        // read this session are not assessed saying so, the others are still judged
        try {
          store.saveSession(id, await SESSION_RUNNERS[id](ctx));
          progress(`session ${id} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } catch (e) {
          if (e instanceof SessionNotAssessed) {
            sessionsNotAssessed.set(id, e.reason);
            progress(`session ${id} not assessed: ${e.reason.en}`);
            return;
          }
          const message = e instanceof Error ? e.message : String(e);
          sessionFailures.set(id, message);
          progress(`session ${id} failed (uyum's internal error): ${message}`);
        }
      };
      // the sessions with a card and an application of their own run beside the others; those that change the
      // services run alone at the end (harness/sessions/lanes.ts)
      const lanes = sessionLanes([...needed], { realCard: profile.card !== undefined });
      const besideDone = (async () => {
        for (const id of lanes.beside) await runSession(id);
      })();
      try {
        for (const id of lanes.inTurn) await runSession(id);
        await besideDone;
        for (const id of lanes.after) await runSession(id);
      } finally {
        await besideDone; // never leaves a session running when the application and services stop
        await app.close?.();
      }
    } finally {
      await services.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }

  const profileRef = store.put("profile", profileBytes, "yaml");
  const evidence: Partial<SessionEvidence> = {};
  for (const id of Object.keys(SESSION_RUNNERS) as SessionId[]) {
    const e = store.loadSession<SessionEvidence[typeof id]>(id);
    if (e) (evidence as Record<string, unknown>)[id] = e;
  }
  for (const entry of plan.entries) {
    if (done.has(entry.itemId)) continue;
    if (!selected(entry, o.only)) continue; // not journaled: a later run without --only assesses it
    const f = judgeItem(
      entry,
      probes.get(entry.itemId),
      evidence,
      profile,
      profileRef,
      sessionFailures,
      sessionsNotAssessed,
    );
    store.record(f);
    done.set(entry.itemId, f);
  }
  store.writeMeta({ ...store.meta(), finished: new Date().toISOString() });
  const notSelected = (item: string): Finding => ({
    item,
    mark: "not-assessed",
    reason: {
      tr: `Bu çalıştırmada seçilmedi (--only ${o.only!.join(",")}).`,
      en: `Not selected for this run (--only ${o.only!.join(",")}).`,
    },
    evidence: [],
  });
  return {
    dir,
    findings: plan.entries.map((e) => done.get(e.itemId) ?? notSelected(e.itemId)),
    checklist,
  };
}
