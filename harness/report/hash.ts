// Software hash values (assessment.md §4): a canonical manifest of an application's files that anyone can check
// and recompute with coreutils alone.
//
//   manifest  = one line per regular file, "<sha256 hex>  <path>\n", paths relative to the root, '/'-separated,
//               sorted bytewise (UTF-8), exactly the lines `sha256sum` writes, so `cd ROOT && sha256sum -c M` checks
//               it; a path holding a newline or a backslash is written the way coreutils escapes it (leading '\')
//   digest    = SHA-256 of the manifest's bytes: `sha256sum < M` (or `sha256sum M | cut -c1-64`)
//
// Symlinks, FIFOs, sockets and devices are reported (in the JSON twin and on stderr) and never followed or read:
// following a link could hash files outside the application, and reading a FIFO could hang.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

export interface HashedFile {
  path: string;
  size: number;
  sha256: string;
}
export interface SkippedFile {
  path: string;
  kind: "symlink" | "fifo" | "socket" | "block-device" | "character-device" | "unknown";
}
export interface SoftwareHashes {
  version: 1;
  algorithm: "SHA-256";
  /** absolute root the paths are relative to (not part of the digest: the same app installed elsewhere agrees) */
  root: string;
  files: HashedFile[];
  skipped: SkippedFile[];
  /** the manifest's exact text */
  manifest: string;
  /** SHA-256 of the manifest's UTF-8 bytes */
  digest: string;
}
export interface HashProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}
export interface HashOptions {
  /** directory the manifest's paths are relative to (default: the one directory given, else the working dir) */
  root?: string;
  onProgress?: (p: HashProgress) => void;
  /** files hashed at once (default 4: reads overlap the hashing) */
  concurrency?: number;
}

/** A file the hash walk could not read (named, with the reason), as a user's problem, never a crash. */
export class HashInputError extends Error {}

function kindOf(st: import("node:fs").Stats): SkippedFile["kind"] | "file" | "dir" {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  if (st.isSymbolicLink()) return "symlink";
  if (st.isFIFO()) return "fifo";
  if (st.isSocket()) return "socket";
  if (st.isBlockDevice()) return "block-device";
  if (st.isCharacterDevice()) return "character-device";
  return "unknown";
}

const toPosix = (p: string) => p.split(sep).join("/");
const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** One manifest line as sha256sum writes it (GNU coreutils escaping for '\\' and newline in names). */
export function manifestLine(sha256: string, path: string): string {
  if (/[\\\n\r]/.test(path)) {
    const escaped = path.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
    return `\\${sha256}  ${escaped}\n`;
  }
  return `${sha256}  ${path}\n`;
}

export function manifestText(files: HashedFile[]): string {
  return files.map((f) => manifestLine(f.sha256, f.path)).join("");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Parses a manifest (the lines `sha256sum` writes) back into path → sha256; throws naming the bad line. */
export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, i) => {
    const m = /^(\\?)([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new HashInputError(`manifest line ${i + 1} is not "<sha256>  <path>": ${JSON.stringify(line)}`);
    const path = m[1]
      ? m[3]!.replace(/\\(\\|n|r)/g, (_all, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : "\\"))
      : m[3]!;
    out.set(path, m[2]!);
  });
  return out;
}

async function hashFile(abs: string, onBytes: (n: number) => void): Promise<string> {
  const h = createHash("sha256");
  // streamed in 1 MiB chunks: a large file is never held whole
  for await (const chunk of createReadStream(abs, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
  }
  return h.digest("hex");
}

/** Walks the paths (files or directories, never following links) and hashes every regular file. */
export async function hashSoftware(paths: string[], o: HashOptions = {}): Promise<SoftwareHashes> {
  if (!paths.length) throw new HashInputError("no software paths given");
  const absPaths = paths.map((p) => resolve(p));
  let root = o.root ? resolve(o.root) : undefined;
  if (!root) {
    const st = absPaths.length === 1 ? await lstat(absPaths[0]!).catch(() => undefined) : undefined;
    root = st?.isDirectory() ? absPaths[0]! : process.cwd();
  }
  const found: { abs: string; rel: string; size: number }[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const relOf = (abs: string) => {
    const rel = toPosix(relative(root!, abs));
    if (rel.startsWith("../") || rel === "..")
      throw new HashInputError(`${abs} is outside the root ${root}: give --root a directory that holds it`);
    return rel;
  };
  const visit = async (abs: string): Promise<void> => {
    let st;
    try {
      st = await lstat(abs);
    } catch (e) {
      throw new HashInputError(
        `${abs}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e)}`,
      );
    }
    const kind = kindOf(st);
    if (kind === "dir") {
      let names: string[];
      try {
        names = await readdir(abs);
      } catch (e) {
        throw new HashInputError(`${abs}: cannot list the directory (${(e as NodeJS.ErrnoException).code})`);
      }
      for (const n of names) await visit(join(abs, n));
      return;
    }
    const rel = relOf(abs);
    if (rel === "") throw new HashInputError(`${abs} is the root itself, not a file under it`);
    if (seen.has(rel)) return;
    seen.add(rel);
    if (kind === "file") found.push({ abs, rel, size: st.size });
    else skipped.push({ path: rel, kind });
  };
  for (const p of absPaths) await visit(p);
  found.sort((a, b) => bytewise(a.rel, b.rel));
  skipped.sort((a, b) => bytewise(a.path, b.path));

  const totalBytes = found.reduce((s, f) => s + f.size, 0);
  const progress: HashProgress = { files: 0, totalFiles: found.length, bytes: 0, totalBytes };
  const files: HashedFile[] = new Array(found.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < found.length; i = next++) {
      const f = found[i]!;
      let sha256: string;
      try {
        sha256 = await hashFile(f.abs, (n) => {
          progress.bytes += n;
        });
      } catch (e) {
        throw new HashInputError(`${f.abs}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      files[i] = { path: f.rel, size: f.size, sha256 };
      progress.files++;
      o.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  const manifest = manifestText(files);
  return { version: 1, algorithm: "SHA-256", root, files, skipped, manifest, digest: sha256Hex(manifest) };
}

/** The JSON twin: everything but the root (machine-specific) and the manifest text (it is derived). */
export function hashesJson(h: SoftwareHashes): string {
  return (
    JSON.stringify(
      {
        version: h.version,
        algorithm: h.algorithm,
        digest: h.digest,
        files: h.files,
        skipped: h.skipped,
      },
      null,
      2,
    ) + "\n"
  );
}

export interface ManifestDiff {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** expected (e.g. the report's manifest) vs actual (the installed files). */
export function diffManifests(expected: Map<string, string>, actual: Map<string, string>): ManifestDiff {
  const changed: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [p, h] of expected) {
    const a = actual.get(p);
    if (a === undefined) missing.push(p);
    else if (a !== h) changed.push(p);
  }
  for (const p of actual.keys()) if (!expected.has(p)) extra.push(p);
  return { changed: changed.sort(bytewise), missing: missing.sort(bytewise), extra: extra.sort(bytewise) };
}
