// npm run bench:app-start — how long the reference application's CLI takes to start, next to a bare `node -e 0`
// (the floor any Node command pays) in the same run: `ornek-imzaci verify` with no arguments (a usage error after
// loading everything a verify loads; nothing validated) from the build made at setup (dist/ornek-imzaci), from the
// sources through tsx in the same process (ORNEK_IMZACI_TSX=1: what bin/ornek-imzaci does when the build is
// stale), and as it started before the build (`node tsx/dist/cli.mjs cli.ts`: tsx's command, which compiles in a
// second process). A campaign starts it once per vector verified and per signature made (about 300 times).
// Medians over interleaved rounds, so a busy machine slows every contender alike. Timings live here, not in tests.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../bin/build-state.js";
import { appBuildState } from "../examples/apps/ornek-imzaci/bin/bundle-state.js";

const ROUNDS = Number(process.env.UYUM_BENCH_ROUNDS ?? 15);
const app = join(PROJECT_ROOT, "examples/apps/ornek-imzaci/bin/ornek-imzaci");
const tsxCli = join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs");
const sources = join(PROJECT_ROOT, "examples/apps/ornek-imzaci/cli.ts");
const contenders = [
  { name: "node -e 0", command: process.execPath, args: ["-e", "0"] },
  { name: "ornek-imzaci verify (build)", command: app, args: ["verify"] },
  { name: "ornek-imzaci verify (tsx, in process)", command: app, args: ["verify"], env: { ORNEK_IMZACI_TSX: "1" } },
  { name: "tsx cli.ts verify (before the build)", command: process.execPath, args: [tsxCli, sources, "verify"] },
];

if (!appBuildState().isFresh()) {
  process.stderr.write(
    "bench:app-start: dist/ornek-imzaci is missing or older than the sources; run `npm run setup`\n",
  );
  process.exit(1);
}
const times = contenders.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  contenders.forEach((c, i) => {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(c.command, c.args, { env: { ...process.env, ...c.env }, stdio: "ignore" });
    const expected = i === 0 ? 0 : 2; // the usage error of `verify` with no --in
    if (run.status !== expected) throw new Error(`${c.name}: exit ${run.status ?? run.signal}, expected ${expected}`);
    times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times[0]);
const build = median(times[1]);
process.stdout.write(`reference app start time, median of ${ROUNDS} interleaved rounds (ratio to node -e 0):\n`);
contenders.forEach((c, i) => {
  const m = median(times[i]);
  process.stdout.write(`  ${c.name.padEnd(40)} ${m.toFixed(0).padStart(5)} ms  ${(m / floor).toFixed(2)}×\n`);
});
process.stdout.write(
  `build vs before: ${(median(times[3]) / build).toFixed(1)}× faster; build's own start over node's: ${(build - floor).toFixed(0)} ms\n`,
);
