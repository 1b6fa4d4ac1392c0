// npm run bench:start — how long `uyum` takes to start, next to a bare `node -e 0` (the floor any Node command
// pays) in the same run: `uyum --help` and `uyum checklist --summary` from the compiled build (dist/cli) and,
// for comparison, from the TypeScript sources through tsx (UYUM_TSX=1, what every start cost before the build).
// Medians over interleaved rounds, so a busy machine slows every contender alike. Timings live here, not in tests.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildIsFresh, PROJECT_ROOT } from "../bin/build-state.js";

const ROUNDS = Number(process.env.UYUM_BENCH_ROUNDS ?? 15);
const uyum = join(PROJECT_ROOT, "bin", "uyum.js");
const contenders = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "uyum --help (build)", args: [uyum, "--help"] },
  { name: "uyum --help (tsx)", args: [uyum, "--help"], env: { UYUM_TSX: "1" } },
  { name: "uyum checklist --summary (build)", args: [uyum, "checklist", "--summary"] },
  { name: "uyum checklist --summary (tsx)", args: [uyum, "checklist", "--summary"], env: { UYUM_TSX: "1" } },
];

if (!buildIsFresh()) {
  process.stderr.write("bench:start: dist/cli is missing or older than the sources; run `npm run setup` first\n");
  process.exit(1);
}
const times = contenders.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  contenders.forEach((c, i) => {
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, c.args, { env: { ...process.env, ...c.env }, stdio: "ignore" });
    if (run.status !== 0) throw new Error(`${c.name}: exit ${run.status}`);
    times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times[0]);
process.stdout.write(`start time, median of ${ROUNDS} interleaved rounds (ratio to node -e 0):\n`);
contenders.forEach((c, i) => {
  const m = median(times[i]);
  process.stdout.write(`  ${c.name.padEnd(34)} ${m.toFixed(0).padStart(5)} ms  ${(m / floor).toFixed(2)}×\n`);
});
