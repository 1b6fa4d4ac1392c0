// A campaign's findings as the store keeps them: results.jsonl in the campaign directory, one JSON object a line,
// one line per judged item (a later line for the same item, e.g. an assessor's confirmation, replaces it).
// Reading is strict and names the line: a broken store is the reader's problem to see, never a silent skip.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.ts";
import { displayPath } from "../core/issues.ts";
import type { Text } from "../core/text.ts";
import { EVIDENCE_KINDS, type EvidenceRef } from "../sessions/evidence.ts";

/** The marks of the control list: ✓ ✗ ? and the two that say nothing was proven (N-A, not assessed). */
export const MARKS = ["pass", "fail", "undetermined", "not-applicable", "not-assessed"] as const;
export type Mark = (typeof MARKS)[number];

export interface Finding {
  item: string;
  mark: Mark;
  reason: Text;
  evidence: EvidenceRef[];
  /** The probe file that judged, relative to the project root (absent for the plan's N-A and not-assessed). */
  probe?: string;
  /** A machine's suggestion for an observed item, until an assessor confirms it. */
  suggested?: boolean;
  confirmed?: { by: string; at: string; note?: string };
}

export const RESULTS_FILE = "results.jsonl";

function problem(file: string, line: number, what: string): UserError {
  return new UserError(`${displayPath(file)}:${line}: ${what}`);
}

function isText(x: unknown): x is Text {
  return (
    typeof x === "object" && x !== null && typeof (x as Text).tr === "string" && typeof (x as Text).en === "string"
  );
}

function asEvidence(x: unknown): x is EvidenceRef {
  const e = x as EvidenceRef;
  return (
    typeof e === "object" &&
    e !== null &&
    (EVIDENCE_KINDS as readonly string[]).includes(e.kind) &&
    typeof e.path === "string" &&
    /^[0-9a-f]{64}$/.test(e.sha256)
  );
}

/** The findings of a campaign directory, by item id (the last line for an item wins). */
export function readFindings(campaignDir: string): Map<string, Finding> {
  const file = join(campaignDir, RESULTS_FILE);
  if (!existsSync(file))
    throw new UserError(`${displayPath(campaignDir)}: not a campaign directory (no ${RESULTS_FILE})`);
  const out = new Map<string, Finding>();
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, i) => {
      if (text.trim() === "") return;
      let f: Finding;
      try {
        f = JSON.parse(text) as Finding;
      } catch (e) {
        throw problem(file, i + 1, `not JSON (${(e as Error).message})`);
      }
      if (typeof f?.item !== "string") throw problem(file, i + 1, 'no "item" id');
      if (!(MARKS as readonly string[]).includes(f.mark))
        throw problem(file, i + 1, `item ${f.item}: mark "${String(f.mark)}" is not one of ${MARKS.join(", ")}`);
      if (!isText(f.reason)) throw problem(file, i + 1, `item ${f.item}: "reason" must have tr and en`);
      if (!Array.isArray(f.evidence) || !f.evidence.every(asEvidence))
        throw problem(file, i + 1, `item ${f.item}: "evidence" must be a list of {kind, path, sha256[, locator]}`);
      out.set(f.item, f);
    });
  return out;
}
