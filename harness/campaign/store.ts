// The campaign store: one directory per campaign.
//   campaign.json       what was assessed, with what, when (written at the start, completed at the end)
//   evidence/<sha256>.<ext>   every file a finding may cite, content-addressed, written once
//   sessions/<id>.json  what each session recorded (evidence refs and what was read from them); a session with
//                       a file here is not run again on --resume
//   results.jsonl       one finding a line, journaled: each line carries `chain`, the SHA-256 of the previous
//                       line's chain and this line, so a line edited or lost afterwards shows
// Files are written whole (temp + rename) or appended a line at a time, so a run killed at any point leaves a
// store that resumes.
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.ts";
import { displayPath } from "../core/issues.ts";
import type { EvidenceKind, EvidenceRef } from "../sessions/evidence.ts";
import { RESULTS_FILE, type Finding } from "./results.ts";

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

function writeWhole(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export interface CampaignMeta {
  uyum: { version: string };
  app: { name: string; version: string; vendor?: string };
  profile: { file: string; sha256: string };
  /** the campaign's instant: its PKI's validation time, and when its sessions ran */
  instant: string;
  started: string;
  finished?: string;
  environment: Record<string, string>;
}

export class CampaignStore {
  private lastChain = "";
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** A new store in an empty (or absent) directory. */
  static create(dir: string, meta: CampaignMeta): CampaignStore {
    if (existsSync(join(dir, "campaign.json")))
      throw new UserError(
        `${displayPath(dir)} already holds a campaign (resume it with --resume, or choose another --out)`,
      );
    mkdirSync(join(dir, "evidence"), { recursive: true });
    mkdirSync(join(dir, "sessions"), { recursive: true });
    const s = new CampaignStore(dir);
    s.writeMeta(meta);
    return s;
  }

  /** An existing store, its journal checked line by line. */
  static open(dir: string): CampaignStore {
    if (!existsSync(join(dir, "campaign.json")))
      throw new UserError(`${displayPath(dir)}: not a campaign directory (no campaign.json)`);
    const s = new CampaignStore(dir);
    s.lastChain = verifyJournal(dir);
    return s;
  }

  meta(): CampaignMeta {
    return JSON.parse(readFileSync(join(this.dir, "campaign.json"), "utf8")) as CampaignMeta;
  }

  writeMeta(meta: CampaignMeta): void {
    writeWhole(join(this.dir, "campaign.json"), `${JSON.stringify(meta, null, 2)}\n`);
  }

  /** Stores bytes as evidence (once per content) and returns the reference findings cite. */
  put(kind: EvidenceKind, bytes: Uint8Array | string, ext: string): EvidenceRef {
    const hash = sha256(bytes);
    const path = `evidence/${hash}.${ext}`;
    const full = join(this.dir, path);
    if (!existsSync(full)) writeWhole(full, bytes);
    return { kind, path, sha256: hash };
  }

  sessionDone(id: string): boolean {
    return existsSync(join(this.dir, "sessions", `${id}.json`));
  }

  saveSession(id: string, evidence: unknown): void {
    writeWhole(join(this.dir, "sessions", `${id}.json`), JSON.stringify(evidence));
  }

  loadSession<T>(id: string): T | undefined {
    const f = join(this.dir, "sessions", `${id}.json`);
    return existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")) as T) : undefined;
  }

  /** Appends a finding to the journal, chained to the line before it. */
  record(finding: Finding): void {
    const body = JSON.stringify(finding);
    const chain = sha256(this.lastChain + body);
    appendFileSync(join(this.dir, RESULTS_FILE), `${JSON.stringify({ ...finding, chain })}\n`);
    this.lastChain = chain;
  }
}

/** Checks the journal's chain; returns the last chain value, or throws naming the first line that breaks it. */
export function verifyJournal(dir: string): string {
  const file = join(dir, RESULTS_FILE);
  if (!existsSync(file)) return "";
  let last = "";
  const lines = readFileSync(file, "utf8").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line === "") {
      if (i === lines.length - 1) break;
      continue;
    }
    let parsed: Finding & { chain?: string };
    try {
      parsed = JSON.parse(line) as Finding & { chain?: string };
    } catch {
      // a line cut short by a kill is the last line: it never completed, so it does not count
      if (i >= lines.length - 2)
        throw new UserError(
          `${displayPath(file)}:${i + 1}: the last line is cut short (the run was killed while writing it); remove it and resume`,
        );
      throw new UserError(`${displayPath(file)}:${i + 1}: not JSON: the journal was edited`);
    }
    const { chain, ...finding } = parsed;
    if (chain !== sha256(last + JSON.stringify(finding)))
      throw new UserError(
        `${displayPath(file)}:${i + 1}: the journal chain breaks here: a line was edited, removed or reordered`,
      );
    last = chain;
  }
  return last;
}
