// Validation problems in user-edited files (checklist YAML, app profiles), each naming file, item and field,
// and the UserError that carries them to the CLI as one message.
import { relative, isAbsolute } from "node:path";
import { UserError } from "./errors.ts";

export interface Issue {
  file: string;
  item?: string;
  field?: string;
  message: string;
  line?: number;
  col?: number;
}

/** `file: item X: field "a.b": message (line N)` — the one shape every checklist/profile error takes. */
export function formatIssue(i: Issue): string {
  const parts = [i.file];
  if (i.item !== undefined) parts.push(`item ${i.item}`);
  if (i.field !== undefined) parts.push(`field "${i.field}"`);
  const where = i.line !== undefined ? ` (line ${i.line}${i.col !== undefined ? `, column ${i.col}` : ""})` : "";
  return `${parts.join(": ")}: ${i.message}${where}`;
}

export class ValidationError extends UserError {
  constructor(
    readonly what: string,
    readonly issues: Issue[],
  ) {
    super(
      `${what}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join("\n"),
    );
    this.name = "ValidationError";
  }
}

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** Closest name by edit distance, for "did you mean" hints on typos. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
