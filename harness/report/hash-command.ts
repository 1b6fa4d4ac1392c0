// `uyum hash`: prints (or writes) the manifest, the overall digest and what was skipped; progress on stderr.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserError } from "../core/errors.ts";
import { expandSoftwareGlobs } from "./glob.ts";
import { HashInputError, hashesJson, hashSoftware, type HashProgress } from "./hash.ts";

export async function softwarePaths(
  paths: string[],
  o: { profile?: string; root?: string },
): Promise<{ paths: string[]; root?: string }> {
  if (!o.profile) {
    if (!paths.length) throw new UserError("give the application's files or directories, or --profile");
    return { paths, root: o.root };
  }
  const { readFileSync } = await import("node:fs");
  const { parse } = await import("yaml");
  let doc: { software?: unknown };
  try {
    doc = (parse(readFileSync(o.profile, "utf8")) ?? {}) as { software?: unknown };
  } catch (e) {
    throw new UserError(`${o.profile}: ${(e as Error).message}`);
  }
  const globs = doc.software;
  if (!Array.isArray(globs) || !globs.every((g) => typeof g === "string"))
    throw new UserError(`${o.profile}: field "software": give a list of paths or globs`);
  const g = await expandSoftwareGlobs(dirname(resolve(o.profile)), [...(globs as string[]), ...paths]);
  return { paths: g.paths, root: o.root ?? g.root };
}

function progressPrinter(): (p: HashProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 1000 && p.files < p.totalFiles) return;
    last = now;
    const mib = (n: number) => (n / 1048576).toFixed(1);
    process.stderr.write(`hash: ${p.files}/${p.totalFiles} files, ${mib(p.bytes)}/${mib(p.totalBytes)} MiB\n`);
  };
}

export async function runHashCommand(
  paths: string[],
  o: { profile?: string; root?: string; out?: string },
): Promise<number> {
  try {
    const sel = await softwarePaths(paths, o);
    const h = await hashSoftware(sel.paths, {
      root: sel.root,
      onProgress: process.stderr.isTTY ? progressPrinter() : undefined,
    });
    for (const s of h.skipped) process.stderr.write(`hash: skipped ${s.path} (${s.kind}: not followed, not hashed)\n`);
    if (o.out) {
      writeFileSync(o.out, h.manifest);
      writeFileSync(`${o.out.replace(/\.sha256$/, "")}.json`, hashesJson(h));
      process.stdout.write(
        `${h.files.length} files under ${h.root}\nmanifest: ${o.out} (check: cd ${h.root} && sha256sum -c ${resolve(o.out)})\n` +
          `overall digest (SHA-256 of the manifest; sha256sum < ${o.out}): ${h.digest}\n`,
      );
    } else {
      process.stdout.write(h.manifest);
      process.stderr.write(`overall digest (SHA-256 of the manifest above): ${h.digest}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof HashInputError) throw new UserError(e.message);
    throw e;
  }
}
