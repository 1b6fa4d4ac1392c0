// Applying a probe to a campaign's evidence. A probe whose sessions did not record evidence, or whose judge
// throws, gives no verdict: the item is "not assessed" with the reason, and a throw is reported as uyum's own
// internal error, never as a fault of the application.
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import type { SessionEvidence, SessionId } from "../sessions/catalogue.ts";
import type { EvidenceRef } from "../sessions/evidence.ts";
import type { Given, Judgement } from "./kit.ts";
import type { LoadedProbe } from "./registry.ts";

export type ProbeOutcome =
  { status: "judged"; judgement: Judgement } | { status: "not-assessed"; reason: Text; internalError?: string };

export function applyProbe(
  loaded: LoadedProbe,
  evidence: Partial<SessionEvidence>,
  profile: AppProfile,
  profileRef: EvidenceRef,
): ProbeOutcome {
  const missing = loaded.probe.uses.filter((s: SessionId) => evidence[s] === undefined);
  if (missing.length > 0)
    return {
      status: "not-assessed",
      reason: {
        tr: `Kanıt yok: ${missing.join(", ")} oturumu kayıt bırakmadı.`,
        en: `No evidence: the ${missing.join(", ")} session recorded nothing.`,
      },
    };
  const given = { ...evidence, profile, profileRef, item: loaded.item } as Given<typeof loaded.probe.uses>;
  try {
    return { status: "judged", judgement: loaded.probe.judge(given) };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return {
      status: "not-assessed",
      reason: {
        tr: `uyum'un iç hatası (${loaded.file}): madde değerlendirilemedi. Bu uyum'un hatasıdır, uygulamanın değil.`,
        en: `uyum's internal error (${loaded.file}): the item could not be judged. This is uyum's fault, not the application's.`,
      },
      internalError: message,
    };
  }
}
