// How far harness/ades agrees with the manifest: runs the validator over every vector (embedded ones offline,
// live ones against the PKI services on the certificates' port, clock at the vector's validation time) and
// prints the vectors whose verdict differs. A development tool, not a test:
//   npx tsx harness/vectors/validator-agreement.ts DIR            (DIR from `uyum vectors --out DIR`)
import "reflect-metadata";
import { readFileSync } from "node:fs";
import path from "node:path";
import { validateBytes } from "../ades/index.ts";
import { loadTrust } from "../ades/inputs.ts";
import { SettableClock, startServices } from "../pki/index.ts";
import { readManifest } from "./manifest.ts";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: validator-agreement.ts DIR\n");
  process.exit(2);
}
const manifest = readManifest(path.join(dir, "manifest.json"));
const read = (rel: string) => new Uint8Array(readFileSync(path.join(dir, rel)));
const clock = new SettableClock(new Date(manifest.vectors[0]?.validationTime ?? Date.UTC(2026, 0, 1)));
const services = manifest.vectors.some((v) => v.revocationSource === "live")
  ? await startServices(path.join(dir, manifest.pkiDir), { clock, port: 18480 })
  : undefined;
let agree = 0;
const differing: string[] = [];
for (const v of manifest.vectors) {
  clock.set(new Date(v.validationTime));
  const r = await validateBytes(v.file, read(v.file), {
    anchors: loadTrust(v.trustAnchors.map((t) => path.join(dir, t))),
    at: new Date(v.validationTime),
    detachedContent: v.detachedContent ? read(v.detachedContent) : undefined,
    fetch: v.revocationSource === "live",
  });
  if (r.indication === v.expected.indication && (r.subIndication ?? "") === (v.expected.subIndication ?? "")) agree++;
  else
    differing.push(
      `${v.id}: expected ${v.expected.indication}/${v.expected.subIndication ?? "-"}, validator ${r.indication}/${r.subIndication ?? "-"}`,
    );
}
await services?.stop();
process.stdout.write(
  `validator agrees on ${agree} of ${manifest.vectors.length} vectors\n${differing.join("\n")}${differing.length ? "\n" : ""}`,
);
