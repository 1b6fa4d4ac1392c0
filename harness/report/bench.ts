// npm run bench:hash — `uyum hash` throughput vs coreutils `sha256sum` on the same tree, same run (best of 3
// each, page cache warm for both). Prints both figures and the ratio; asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashSoftware } from "./hash.ts";

const MIB = 1 << 20;
const dir = mkdtempSync(join(tmpdir(), "uyum-hash-bench-"));
let total = 0;
// an application-like tree: many small files and a few large ones
for (let i = 0; i < 400; i++) {
  const d = join(dir, `mod${i % 20}`);
  mkdirSync(d, { recursive: true });
  const b = Buffer.alloc(8192 + ((i * 977) % 65536), i & 0xff);
  writeFileSync(join(d, `f${i}.js`), b);
  total += b.length;
}
for (let i = 0; i < 6; i++) {
  const b = Buffer.alloc(24 * MIB, i + 1);
  writeFileSync(join(dir, `lib${i}.so`), b);
  total += b.length;
}

function best(run: () => Promise<void> | void): Promise<number> {
  return (async () => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await run();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  })();
}

let ourDigest = "";
const ours = await best(async () => {
  ourDigest = (await hashSoftware([dir])).digest;
});
let theirDigest = "";
const theirs = await best(() => {
  const manifest = execFileSync(
    "sh",
    ["-c", "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64"],
    { cwd: dir, encoding: "utf8" },
  );
  theirDigest = manifest.trim();
});
rmSync(dir, { recursive: true, force: true });
const mibs = (ms: number) => total / MIB / (ms / 1000);
console.log(`tree: ${406} files, ${(total / MIB).toFixed(1)} MiB (best of 3 each)`);
console.log(`uyum hash:  ${ours.toFixed(0)} ms, ${mibs(ours).toFixed(0)} MiB/s`);
console.log(`sha256sum:  ${theirs.toFixed(0)} ms, ${mibs(theirs).toFixed(0)} MiB/s (find | sort | xargs sha256sum)`);
console.log(`ratio (uyum / sha256sum throughput): ${(theirs / ours).toFixed(2)}×`);
console.log(`same overall digest: ${ourDigest === theirDigest ? "yes" : `NO (${ourDigest} vs ${theirDigest})`}`);
