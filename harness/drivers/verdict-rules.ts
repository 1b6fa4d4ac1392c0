// How an application's answer to "verify this" becomes a verdict: rules in the profile, first that holds. Shared by
// the cli driver (exit code + words on stdout/stderr) and the http driver (status code + a JSON field or the body),
// because applications say it their own way: one that answers "geçersiz" for both invalid and indeterminate maps
// both to invalid, and the profile says so.
import type { AppVerdict } from "./face.ts";

export type VerdictRule = {
  verdict: Exclude<AppVerdict, "no-answer">;
  /** cli: exit code(s) the rule holds for */
  exit?: number | number[];
  /** http: status code(s) the rule holds for */
  status?: number | number[];
  /** http: the JSON field (dotted path, e.g. result.verdict) the pattern is matched on; default the whole body */
  field?: string;
  /** a regular expression on the application's words: case-insensitive, Unicode, dotted and dotless I alike */
  match?: string;
};

export const VERDICTS = ["valid", "invalid", "indeterminate"] as const;

/** What an application answered, as the rules see it. */
export interface Answer {
  exit?: number;
  status?: number;
  /** its words: stdout/stderr, or the response body */
  text: string;
  /** the body parsed as JSON, when it is JSON */
  json?: unknown;
}

/** Problems of the rule list at `field` (each with its own field path); `keys` are the selectors this driver has. */
export function verdictRuleProblems(
  rules: unknown,
  field: string,
  keys: ("exit" | "status" | "field")[],
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (rules === undefined) return out;
  const shape = `{ verdict, ${keys.map((k) => `${k}?`).join(", ")}, match? }`;
  if (!Array.isArray(rules)) return [{ field, message: `must be a list of ${shape}` }];
  rules.forEach((r: Record<string, unknown>, i) => {
    const f = `${field}[${i}]`;
    if (!r || typeof r !== "object") return out.push({ field: f, message: `must be ${shape}` });
    for (const k of Object.keys(r))
      if (k !== "verdict" && k !== "match" && !(keys as string[]).includes(k))
        out.push({ field: `${f}.${k}`, message: `unknown key (known: verdict, ${keys.join(", ")}, match)` });
    if (!VERDICTS.includes(r.verdict as never))
      out.push({ field: `${f}.verdict`, message: `must be one of ${VERDICTS.join(", ")}` });
    if (keys.every((k) => k === "field" || r[k] === undefined) && r.match === undefined)
      out.push({
        field: f,
        message: `says neither ${keys.filter((k) => k !== "field").join(" nor ")} nor match: a rule needs a code, a pattern, or both`,
      });
    const codes = (k: "exit" | "status", lo: number, hi: number, what: string) => {
      const list = r[k] === undefined ? [] : [r[k]].flat();
      if (list.some((e) => !Number.isInteger(e) || (e as number) < lo || (e as number) > hi))
        out.push({ field: `${f}.${k}`, message: `must be ${what} (${lo}–${hi}) or a list of them` });
    };
    codes("exit", 0, 255, "an exit code");
    codes("status", 100, 599, "an HTTP status code");
    if (r.field !== undefined && (typeof r.field !== "string" || !r.field))
      out.push({ field: `${f}.field`, message: "must be a JSON field path (e.g. verdict or result.status)" });
    if (r.match !== undefined)
      try {
        new RegExp(String(r.match), "iu");
      } catch (err) {
        out.push({ field: `${f}.match`, message: `not a regular expression: ${(err as Error).message}` });
      }
  });
  return out;
}

/** İ/ı have no simple case folding (a /iu pattern "BELİRSİZ" misses "belirsiz"): both sides fold them to I/i. */
export function foldTurkishI(s: string): string {
  return s.replace(/İ/g, "I").replace(/ı/g, "i");
}

/** The value at a dotted path (a.b.0.c) of parsed JSON, or undefined. */
export function jsonAt(json: unknown, path: string): unknown {
  let v: unknown = json;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** The verdict of the first rule that holds, or undefined when none does. */
export function firstVerdict(rules: VerdictRule[], a: Answer): VerdictRule["verdict"] | undefined {
  for (const r of rules) {
    const exitHolds = r.exit === undefined || (a.exit !== undefined && [r.exit].flat().includes(a.exit));
    const statusHolds = r.status === undefined || (a.status !== undefined && [r.status].flat().includes(a.status));
    let words: string | undefined = a.text;
    if (r.field !== undefined) {
      const v = jsonAt(a.json, r.field);
      words = v === undefined || v === null ? undefined : typeof v === "object" ? JSON.stringify(v) : String(v);
    }
    const matchHolds =
      r.match === undefined
        ? r.field === undefined || words !== undefined
        : words !== undefined && new RegExp(foldTurkishI(r.match), "iu").test(foldTurkishI(words));
    if (exitHolds && statusHolds && matchHolds) return r.verdict;
  }
  return undefined;
}
