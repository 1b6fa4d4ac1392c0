// npm run bench:verify-http — the verification side through the http driver vs the cli driver, on the same
// vectors in the same run: the verify-vectors session (every vector the http profile declares, at its validation
// time, with uyum's own verdict beside) given to the reference application's verify endpoint (one server, a
// request per vector) and then to its CLI `verify` (a process per vector); each session's wall time, the app's
// vectors per second in the giving phase, and their ratio. BENCH_VECTORS=N gives only the first N (a quick look).
import "reflect-metadata";
import type { VerifyingFace } from "../drivers/face.ts";
import { HTTP_PROFILE, openHttpReferenceApp } from "../testing/drivers/http-app.ts";
import { verifierContext } from "../testing/sessions/verifier.ts";
import { allScenarios } from "../vectors/scenarios.ts";
import { agrees, notDeclaredReason, verifyVectors } from "./verify-vectors.ts";

const CLI_PROFILE = "examples/profiles/ornek-imzaci-cli.yaml";
const LIMIT = process.env.BENCH_VECTORS ? Number(process.env.BENCH_VECTORS) : undefined;

async function session(label: string, face: VerifyingFace, only: (s: { id: string }) => boolean) {
  let firstAsked = Infinity;
  let lastAnswered = 0;
  const timed: VerifyingFace = {
    tellsTime: face.tellsTime,
    async verify(sig, o) {
      firstAsked = Math.min(firstAsked, performance.now());
      try {
        return await face.verify(sig, o);
      } finally {
        lastAnswered = performance.now();
      }
    },
  };
  const ctx = verifierContext(HTTP_PROFILE, { face: { driver: "http", verifying: timed } });
  const t0 = performance.now();
  const e = await verifyVectors(ctx, { only });
  const sessionS = (performance.now() - t0) / 1000;
  const givingS = (lastAnswered - firstAsked) / 1000;
  const n = e.rows.length;
  console.log(
    `${label}: session ${sessionS.toFixed(1)} s for ${n} vectors; giving phase ${givingS.toFixed(1)} s = ${(n / givingS).toFixed(2)} vectors/s; ` +
      `agrees on ${e.rows.filter(agrees).length}/${n}, no answer on ${e.rows.filter((r) => r.app.verdict === "no-answer").length}`,
  );
  return { sessionS, rate: n / givingS };
}

async function main(): Promise<void> {
  const cliFace = verifierContext(CLI_PROFILE).app.verifying!;
  const httpProfile = verifierContext(HTTP_PROFILE, { face: { driver: "http", verifying: cliFace } }).profile;
  const declared = allScenarios().filter((s) => !notDeclaredReason(httpProfile, s));
  const ids = new Set(declared.slice(0, LIMIT ?? declared.length).map((s) => s.id));
  const only = (s: { id: string }) => ids.has(s.id);
  console.log(
    `verify-vectors on the ${ids.size} vectors ${HTTP_PROFILE} declares, through both faces of the reference app`,
  );
  const opened = await openHttpReferenceApp();
  let http;
  try {
    http = await session("http driver (verify endpoint)", opened.app.verifying!, only);
  } finally {
    await opened.close();
  }
  const cli = await session("cli driver (ornek-imzaci verify)", cliFace, only);
  console.log(
    [
      ``,
      `whole session: http ${http.sessionS.toFixed(1)} s vs cli ${cli.sessionS.toFixed(1)} s: ${(cli.sessionS / http.sessionS).toFixed(1)}× faster through http`,
      `app's verifier: http ${http.rate.toFixed(2)} vs cli ${cli.rate.toFixed(2)} vectors/s: ratio ${(http.rate / cli.rate).toFixed(1)}×`,
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
