// `npm run bench:run`: the wall time of a creation-side campaign on a real application (openssl cms through the
// card, cli driver) against the number of driver actions it took, and, as the peer, the same signing commands
// run by hand (one after the other, same card, same PKI, no uyum around them), measured in the same run.
// What the ratio says: what uyum's planning, PKI, card, validation, judging and journaling add to the actions.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionCard } from "../card/index.ts";
import { DEFAULT_PKI_CONFIG, PROJECT_ROOT } from "../core/paths.ts";
import { cliSignTemplates } from "../drivers/cli-profile.ts";
import { fill } from "../drivers/cli.ts";
import { sessionVars } from "../drivers/cli-face.ts";
import { loadChecklist } from "../checklist/load.ts";
import { loadPkiConfig } from "../pki/config.ts";
import { startPkiServices, writePki } from "../pki/index.ts";
import { loadProfile } from "../profile/load.ts";
import { runCampaign } from "./run.ts";

const PROFILE = join(PROJECT_ROOT, "examples", "profiles", "openssl-cms.yaml");
const work = mkdtempSync(join(tmpdir(), "uyum-bench-run-"));
let actions = 0;
const t0 = performance.now();
await runCampaign({
  profile: PROFILE,
  out: join(work, "campaign"),
  progress: (l) => {
    if (/^ {2}\S+: /.test(l)) actions++; // one progress line per driver action (signing attempt)
  },
});
const ours = (performance.now() - t0) / 1000;

// The peer: the profile's command, filled the same way, run `actions` times by hand.
const services = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG));
const pkiDir = join(work, "pki");
await writePki(services.pki, pkiDir);
const card = await provisionCard({ pkiDir, outDir: join(work, "card") });
const root = [...services.pki.entities.values()].find((e) => e.role === "root")!;
const vars = sessionVars({
  card,
  pkiDir,
  pkiBaseUrl: services.baseUrl,
  rootPem: readFileSync(join(pkiDir, "certs", `${root.label}.pem`), "utf8"),
  workDir: join(work, "by-hand"),
});
const [template] = cliSignTemplates(loadProfile(PROFILE, loadChecklist())).templates;
const env = Object.fromEntries(Object.entries(template!.env ?? {}).map(([k, v]) => [k, fill(v, vars)]));
// the profile hands openssl the PIN in a variable (-passin env:…); by hand, the same variable
const pinVariable = "env" in template!.pin ? template!.pin.env : "UYUM_PIN";
const t1 = performance.now();
for (let i = 0; i < actions; i++) {
  writeFileSync(join(work, `doc${i}.txt`), `belge ${i}\n`);
  const argv = template!.command.map((p) =>
    fill(p, { ...vars, input: join(work, `doc${i}.txt`), output: join(work, `doc${i}.p7s`) }),
  );
  execFileSync(argv[0]!, argv.slice(1), {
    env: { ...process.env, ...card.env, ...env, [pinVariable]: card.pin! },
    stdio: "ignore",
  });
}
const peer = (performance.now() - t1) / 1000;
await services.stop();
rmSync(work, { recursive: true, force: true });

console.log(
  `uyum run (openssl cms profile): ${ours.toFixed(2)} s for ${actions} driver actions, ${(ours / actions).toFixed(2)} s/action`,
);
console.log(
  `peer (the same ${actions} openssl cms commands by hand): ${peer.toFixed(2)} s, ${(peer / actions).toFixed(2)} s/action`,
);
console.log(
  `ratio: uyum takes ${(ours / peer).toFixed(1)}× the bare actions (planning, PKI, card, validation, judging, journal)`,
);
