// The condition language of K items: a small declarative predicate over the app profile's capabilities,
// checked against the closed capability set, evaluated with three values (a capability the profile does
// not state makes the result undetermined, never silently N-A).
import { CAPABILITIES, type Capabilities } from "../profile/capabilities.ts";
import { closest } from "../core/issues.ts";
import type { PathSeg } from "../core/yaml.ts";
import type { Predicate, Text } from "./types.ts";

export const OPERATORS = ["declares", "includes", "equals", "any", "all", "not"] as const;

/** Semantic problems in a (schema-valid) predicate: unknown capability, wrong operator for its kind, bad value. */
export function checkPredicate(p: Predicate, path: PathSeg[]): { path: PathSeg[]; message: string }[] {
  const out: { path: PathSeg[]; message: string }[] = [];
  const unknown = (name: string, at: PathSeg[]) => {
    const hint = closest(name, CAPABILITIES.keys());
    out.push({
      path: at,
      message: `unknown capability "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; capabilities are defined in harness/profile/app-profile.schema.json`,
    });
  };
  if ("declares" in p) {
    const cap = CAPABILITIES.get(p.declares);
    if (!cap) unknown(p.declares, [...path, "declares"]);
    else if (cap.kind !== "flag")
      out.push({
        path: [...path, "declares"],
        message: `capability "${p.declares}" is a ${cap.kind}, not a yes/no flag: use ${cap.kind === "list" ? "includes" : "equals"}`,
      });
  } else if ("includes" in p || "equals" in p) {
    const op = "includes" in p ? "includes" : "equals";
    const { field, value } = "includes" in p ? p.includes : p.equals;
    const cap = CAPABILITIES.get(field);
    const want = op === "includes" ? "list" : "choice";
    if (!cap) unknown(field, [...path, op, "field"]);
    else if (cap.kind !== want)
      out.push({
        path: [...path, op, "field"],
        message: `capability "${field}" is a ${cap.kind}: "${op}" needs a ${want}`,
      });
    else if (cap.values && !cap.values.includes(value))
      out.push({
        path: [...path, op, "value"],
        message: `"${value}" is not a value of ${field} (one of ${cap.values.join(", ")})`,
      });
  } else if ("any" in p || "all" in p) {
    const op = "any" in p ? "any" : "all";
    const list = "any" in p ? p.any : p.all;
    list.forEach((q, i) => out.push(...checkPredicate(q, [...path, op, i])));
  } else if ("not" in p) {
    out.push(...checkPredicate(p.not, [...path, "not"]));
  }
  return out;
}

export type Truth = true | false | undefined;

export interface Evaluation {
  value: Truth;
  /** The facts from the profile that decided the value (or all facts looked at when undetermined). */
  facts: Text[];
  /** Capabilities the profile must state for the value to be decided (only when undetermined). */
  missing: string[];
}

const yesNo = (b: boolean) => (b ? { tr: "evet", en: "yes" } : { tr: "hayır", en: "no" });

/** Kleene three-valued evaluation of `p` over `caps`. */
export function evaluate(p: Predicate, caps: Capabilities): Evaluation {
  if ("declares" in p) {
    const v = caps[p.declares];
    if (v === undefined) return { value: undefined, facts: [], missing: [p.declares] };
    const b = v === true;
    const yn = yesNo(b);
    return {
      value: b,
      facts: [{ tr: `profil ${p.declares}: ${yn.tr} bildiriyor`, en: `the profile declares ${p.declares}: ${yn.en}` }],
      missing: [],
    };
  }
  if ("includes" in p) {
    const { field, value } = p.includes;
    const v = caps[field];
    if (v === undefined) return { value: undefined, facts: [], missing: [field] };
    const list = Array.isArray(v) ? v : [String(v)];
    const shown = `[${list.join(", ")}]`;
    return list.includes(value)
      ? {
          value: true,
          facts: [
            {
              tr: `profil ${field} ${shown} içinde ${value} var`,
              en: `the profile's ${field} ${shown} includes ${value}`,
            },
          ],
          missing: [],
        }
      : {
          value: false,
          facts: [
            {
              tr: `profil ${field} ${shown} içinde ${value} yok`,
              en: `the profile's ${field} ${shown} does not include ${value}`,
            },
          ],
          missing: [],
        };
  }
  if ("equals" in p) {
    const { field, value } = p.equals;
    const v = caps[field];
    if (v === undefined) return { value: undefined, facts: [], missing: [field] };
    const eq = v === value;
    return {
      value: eq,
      facts: [
        eq
          ? { tr: `profil ${field}: ${value} bildiriyor`, en: `the profile's ${field} is ${value}` }
          : {
              tr: `profil ${field}: ${String(v)} bildiriyor (${value} değil)`,
              en: `the profile's ${field} is ${String(v)}, not ${value}`,
            },
      ],
      missing: [],
    };
  }
  if ("not" in p) {
    const e = evaluate(p.not, caps);
    return { value: e.value === undefined ? undefined : !e.value, facts: e.facts, missing: e.missing };
  }
  const isAny = "any" in p;
  const parts = (isAny ? (p as { any: Predicate[] }).any : (p as { all: Predicate[] }).all).map((q) =>
    evaluate(q, caps),
  );
  const decisive = isAny ? true : false; // any: one true decides; all: one false decides
  const hit = parts.find((e) => e.value === decisive);
  if (hit) return { value: decisive, facts: hit.facts, missing: [] };
  if (parts.every((e) => e.value === !decisive))
    return { value: !decisive, facts: parts.flatMap((e) => e.facts), missing: [] };
  return {
    value: undefined,
    facts: parts.flatMap((e) => e.facts),
    missing: [...new Set(parts.flatMap((e) => e.missing))],
  };
}

/** Every capability a predicate looks at (for docs and reports). */
export function capabilitiesOf(p: Predicate): string[] {
  if ("declares" in p) return [p.declares];
  if ("includes" in p) return [p.includes.field];
  if ("equals" in p) return [p.equals.field];
  if ("not" in p) return capabilitiesOf(p.not);
  const list = "any" in p ? p.any : p.all;
  return [...new Set(list.flatMap(capabilitiesOf))];
}

/** A predicate as one line of text, e.g. `any(declares timestamping, signatureProfiles ∋ P2)`. */
export function showPredicate(p: Predicate): string {
  if ("declares" in p) return `declares ${p.declares}`;
  if ("includes" in p) return `${p.includes.field} ∋ ${p.includes.value}`;
  if ("equals" in p) return `${p.equals.field} = ${p.equals.value}`;
  if ("not" in p) return `not(${showPredicate(p.not)})`;
  return "any" in p ? `any(${p.any.map(showPredicate).join(", ")})` : `all(${p.all.map(showPredicate).join(", ")})`;
}
