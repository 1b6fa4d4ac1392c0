// How far harness/ades agrees with the manifest: runs the validator over every vector (runManifest: embedded
// ones offline, live ones against the PKI services on the certificates' port, clock at the vector's validation
// time) and prints the vectors whose verdict differs. A development tool, not a test:
//   npx tsx harness/vectors/validator-agreement.ts DIR            (DIR from `uyum vectors --out DIR`)
import "reflect-metadata";
import path from "node:path";
import { runManifest } from "./manifest-run.ts";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: validator-agreement.ts DIR\n");
  process.exit(2);
}
const { manifest, outcomes, servicesProblem } = await runManifest(path.join(dir, "manifest.json"));
if (servicesProblem) process.stderr.write(`${servicesProblem}\n`);
const differing = outcomes
  .filter((o) => !o.pass)
  .map(
    ({ vector: v, result: r }) =>
      `${v.id}: expected ${v.expected.indication}/${v.expected.subIndication ?? "-"}, validator ${r.indication}/${r.subIndication ?? "-"}`,
  );
process.stdout.write(
  `validator agrees on ${outcomes.length - differing.length} of ${manifest.vectors.length} vectors\n${differing.join("\n")}${differing.length ? "\n" : ""}`,
);
