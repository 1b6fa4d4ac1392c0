// The plan: for one app profile, whether each checklist item applies, is N-A (and why), or cannot be decided
// until the profile says more. Part filter first (an app that only creates signatures is not assessed on
// verification items), then K conditions.
import type { AppProfile } from "../profile/types.ts";
import { evaluate } from "./predicate.ts";
import type { Checklist, ChecklistItem, Text } from "./types.ts";

export type PlanStatus = "applies" | "not-applicable" | "undetermined";

export interface PlanEntry {
  itemId: string;
  item: ChecklistItem;
  status: PlanStatus;
  reason: Text;
  /** For undetermined entries: the capabilities the profile must state. */
  needs?: string[];
  /** For B/form-field and declared items: whether the profile already answers it. */
  answered?: boolean;
}

export interface Plan {
  profile: { file: string; name: string; version: string; vendor?: string; assesses: string[] };
  entries: PlanEntry[];
  counts: Record<PlanStatus, number>;
}

const PART_TR: Record<string, string> = { creation: "imza oluşturma", verification: "imza doğrulama" };
const join = (facts: Text[], sep = "; ") => ({
  tr: facts.map((f) => f.tr).join(sep),
  en: facts.map((f) => f.en).join(sep),
});

export function planItem(item: ChecklistItem, profile: AppProfile): PlanEntry {
  const base = { itemId: item.id, item };
  const answered =
    item.evidence.kind === "form-field"
      ? profile.answers?.[item.id] !== undefined
      : item.evidence.kind === "declared"
        ? profile.declarations?.[item.id] !== undefined
        : undefined;
  const withAnswer = answered === undefined ? {} : { answered };

  if ((item.part === "creation" || item.part === "verification") && !profile.assesses.includes(item.part)) {
    const other = profile.assesses.map((p) => PART_TR[p]).join(", ");
    return {
      ...base,
      status: "not-applicable",
      reason: {
        tr: `${PART_TR[item.part]} maddesi; profil yalnızca ${other} yazılımını değerlendiriyor (assesses: ${profile.assesses.join(", ")})`,
        en: `${item.part} item; the profile assesses only ${profile.assesses.join(", ")} software (assesses: ${profile.assesses.join(", ")})`,
      },
    };
  }
  if (item.obligation !== "K" || !item.condition) {
    const kind = {
      Z: { tr: "zorunlu", en: "mandatory" },
      O: { tr: "opsiyonel", en: "optional" },
      B: { tr: "bilgi amaçlı", en: "informational" },
      K: { tr: "koşullu", en: "conditional" },
    }[item.obligation];
    const decl = item.evidence.kind === "declared" ? profile.declarations?.[item.id] : undefined;
    const said =
      decl === undefined
        ? { tr: "", en: "" }
        : decl.accepted
          ? { tr: "; üretici beyanı: kabul", en: "; vendor declaration: accepted" }
          : { tr: "; üretici beyanı: kabul edilmedi", en: "; vendor declaration: not accepted" };
    return {
      ...base,
      ...withAnswer,
      status: "applies",
      reason: {
        tr: `${kind.tr} madde (${item.obligation})${said.tr}`,
        en: `${kind.en} item (${item.obligation})${said.en}`,
      },
    };
  }
  const cond = item.condition;
  const e = evaluate(cond.when, profile.capabilities ?? {});
  const fnote = cond.footnotes?.length
    ? { tr: ` (dipnot ${cond.footnotes.join(", ")})`, en: ` (footnote ${cond.footnotes.join(", ")})` }
    : { tr: "", en: "" };
  const facts = join(e.facts);
  if (e.value === true)
    return {
      ...base,
      ...withAnswer,
      status: "applies",
      reason: { tr: `koşul sağlanıyor${fnote.tr}: ${facts.tr}`, en: `condition holds${fnote.en}: ${facts.en}` },
    };
  if (e.value === false)
    return {
      ...base,
      status: "not-applicable",
      reason: {
        tr: `koşul sağlanmıyor${fnote.tr}: ${facts.tr} — ${cond.text.tr}`,
        en: `condition does not hold${fnote.en}: ${facts.en} — ${cond.text.en}`,
      },
    };
  const need = e.missing.map((m) => `capabilities.${m}`).join(", ");
  return {
    ...base,
    ...withAnswer,
    status: "undetermined",
    needs: e.missing,
    reason: {
      tr: `belirsiz${fnote.tr}: profil şunları bildirmeli: ${need} — ${cond.text.tr}`,
      en: `undetermined${fnote.en}: the profile must state ${need} — ${cond.text.en}`,
    },
  };
}

export function makePlan(checklist: Checklist, profile: AppProfile): Plan {
  const entries = checklist.items.map((i) => planItem(i, profile));
  const counts: Record<PlanStatus, number> = { applies: 0, "not-applicable": 0, undetermined: 0 };
  for (const e of entries) counts[e.status]++;
  return {
    profile: {
      file: profile.file,
      name: profile.app.name,
      version: profile.app.version,
      vendor: profile.app.vendor,
      assesses: profile.assesses,
    },
    entries,
    counts,
  };
}
