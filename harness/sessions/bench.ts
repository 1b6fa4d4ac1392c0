// npm run bench:verify — the verification side of a campaign on the reference application: the whole
// verify-vectors session's wall time (vector set made, every declared vector given to the app's CLI verifier and
// to uyum's validator), then on the same vectors in the same run: vectors per second through the app's verifier
// (one process per vector, as the cli driver runs it) vs `uyum validate` in-process, and their ratio. Also the
// app's start-up alone (a `verify` with no arguments: usage error, nothing validated), to show how much of the
// per-vector time is spawning. BENCH_VECTORS=N gives only the first N declared vectors (a quick look).
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { VerifyingFace } from "../drivers/face.ts";
import { runManifest } from "../vectors/manifest-run.ts";
import { verifierContext } from "../testing/sessions/verifier.ts";
import { agrees, notDeclaredReason, verifyVectors } from "./verify-vectors.ts";
import { allScenarios } from "../vectors/scenarios.ts";

const PROFILE = "examples/profiles/ornek-imzaci-cli.yaml";
const APP = "examples/apps/ornek-imzaci/bin/ornek-imzaci";
const LIMIT = process.env.BENCH_VECTORS ? Number(process.env.BENCH_VECTORS) : undefined;

async function main(): Promise<void> {
  const ctx = verifierContext(PROFILE, { progress: (l) => console.log(`  ${l}`) });
  const declared = allScenarios().filter((s) => !notDeclaredReason(ctx.profile, s));
  const ids = new Set(declared.slice(0, LIMIT ?? declared.length).map((s) => s.id));
  // time the app's answers apart from uyum's work in the same session
  const face = ctx.app.verifying!;
  let appMs = 0;
  let firstAsked = Infinity;
  let lastAnswered = 0;
  const timed: VerifyingFace = {
    tellsTime: face.tellsTime,
    async verify(sig, o) {
      const t = performance.now();
      firstAsked = Math.min(firstAsked, t);
      try {
        return await face.verify(sig, o);
      } finally {
        appMs += performance.now() - t;
        lastAnswered = performance.now();
      }
    },
  };
  ctx.app.verifying = timed;
  console.log(`verify-vectors on ${PROFILE}: ${ids.size} of ${declared.length} declared vectors`);
  const t0 = performance.now();
  const e = await verifyVectors(ctx, { only: (s) => ids.has(s.id) });
  const sessionS = (performance.now() - t0) / 1000;
  const n = e.rows.length;
  // vectors of one validation time are given side by side: the app's rate is over the wall time of the giving
  // phase (which also holds uyum's own verdicts, in-process, a small share: see its rate below)
  const givingS = (lastAnswered - firstAsked) / 1000;
  const appRate = n / givingS;

  // uyum alone, in-process, on the same vectors at the same times with the same services (runManifest starts them
  // on the port the vectors' certificates name, now free again)
  const manifestFile = join(ctx.workDir!, "verify-vectors", "vectors", "manifest.json");
  const t1 = performance.now();
  const { outcomes, servicesProblem } = await runManifest(manifestFile);
  const uyumS = (performance.now() - t1) / 1000;
  if (servicesProblem) console.log(`  (uyum run: ${servicesProblem})`);
  const uyumRate = outcomes.length / uyumS;

  // the app's start-up alone, 5 times
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(APP, ["verify"], { stdio: "ignore" });
    starts.push(performance.now() - t);
  }
  starts.sort((a, b) => a - b);
  const startMs = starts[2]!;

  console.log(
    [
      ``,
      `whole verify-vectors session: ${sessionS.toFixed(1)} s for ${n} vectors (issue target: ≤ 120 s for the verification side)`,
      `  of which before the first vector was given (services, the vector set made): ${((firstAsked - t0) / 1000).toFixed(1)} s; giving them: ${givingS.toFixed(1)} s`,
      `  app agrees with the expected verdict on ${e.rows.filter(agrees).length}/${n}; no answer on ${e.rows.filter((r) => r.app.verdict === "no-answer").length}`,
      `reference app CLI verifier: ${appRate.toFixed(2)} vectors/s over ${givingS.toFixed(1)} s (${(appMs / n).toFixed(0)} ms per vector, one process each, up to ${Math.min(4, availableParallelism())} at once)`,
      `uyum validate (in-process):  ${uyumRate.toFixed(2)} vectors/s (${((uyumS * 1000) / outcomes.length).toFixed(0)} ms per vector)`,
      `ratio uyum / app: ${(uyumRate / appRate).toFixed(1)}×`,
      `app start-up alone (verify, no arguments → usage error; median of 5): ${startMs.toFixed(0)} ms = ${((startMs / (appMs / n)) * 100).toFixed(0)}% of the app's per-vector time`,
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
