// The profile's `software:` globs (relative to the profile file) → the paths to hash and the root the manifest's
// paths are relative to (the deepest directory holding every glob's fixed part). `**` spans directories, `*` and
// `?` stay within one name. Links are listed, never followed (hash.ts reports them).
import { lstat, readdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { HashInputError } from "./hash.ts";

const WILD = /[*?[]/;

function globRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      if (pattern[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

async function walk(dir: string, rel: string, out: string[]): Promise<void> {
  for (const name of await readdir(dir)) {
    const abs = join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    if ((await lstat(abs)).isDirectory()) await walk(abs, r, out);
    else out.push(r);
  }
}

function commonDir(dirs: string[]): string {
  let parts = dirs[0]!.split(sep);
  for (const d of dirs.slice(1)) {
    const p = d.split(sep);
    let i = 0;
    while (i < parts.length && i < p.length && parts[i] === p[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}

/** Expands globs relative to baseDir; a glob matching nothing is an error naming it (app not built?). */
export async function expandSoftwareGlobs(
  baseDir: string,
  globs: string[],
): Promise<{ root: string; paths: string[] }> {
  if (!globs.length) throw new HashInputError("the profile lists no software: paths");
  const paths = new Set<string>();
  const prefixes: string[] = [];
  for (const g of globs) {
    const segs = g.split("/");
    const fixed: string[] = [];
    while (fixed.length < segs.length - 1 && !WILD.test(segs[fixed.length]!)) fixed.push(segs[fixed.length]!);
    const rest = segs.slice(fixed.length).join("/");
    const prefix = resolve(baseDir, ...fixed);
    if (!WILD.test(rest)) {
      const abs = resolve(prefix, rest);
      const st = await lstat(abs).catch(() => undefined);
      if (!st) throw new HashInputError(`software path "${g}" (${abs}) does not exist`);
      paths.add(abs);
      prefixes.push(st.isDirectory() ? abs : dirname(abs));
      continue;
    }
    const st = await lstat(prefix).catch(() => undefined);
    if (!st?.isDirectory()) throw new HashInputError(`software glob "${g}": ${prefix} is not a directory`);
    const all: string[] = [];
    await walk(prefix, "", all);
    const re = globRegex(rest);
    const hits = all.filter((r) => re.test(r));
    if (!hits.length) throw new HashInputError(`software glob "${g}" matches no file under ${prefix}`);
    for (const h of hits) paths.add(join(prefix, h));
    prefixes.push(prefix);
  }
  return { root: commonDir(prefixes), paths: [...paths] };
}
