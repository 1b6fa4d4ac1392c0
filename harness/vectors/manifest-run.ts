// Runs every vector of a manifest through the validator: the trust anchors, validation time and detached
// document the manifest names; for "live" vectors the test PKI's CRL/OCSP services run on the port the
// certificates point at, with their clock at the vector's validation time.
import { readFileSync } from "node:fs";
import { SettableClock, startServices, type Services } from "../pki/index.ts";
import { readManifest, resolveInManifest, type Manifest, type VectorEntry } from "./manifest.ts";
import { validateBytes, pemOrDer, parseCert } from "../ades/index.ts";
import type { ValidationResult } from "../ades/report.ts";

export interface VectorOutcome {
  vector: VectorEntry;
  result: ValidationResult;
  pass: boolean;
}

export async function runManifest(
  manifestFile: string,
  filter: (v: VectorEntry) => boolean = () => true,
): Promise<{ manifest: Manifest; outcomes: VectorOutcome[]; servicesProblem?: string }> {
  const manifest = readManifest(manifestFile);
  const vectors = manifest.vectors.filter(filter);
  let services: Services | undefined;
  let servicesProblem: string | undefined;
  const clock = new SettableClock(new Date(vectors[0]?.validationTime ?? 0));
  if (vectors.some((v) => v.revocationSource === "live")) {
    const pkiDir = resolveInManifest(manifestFile, manifest.pkiDir);
    const pkiJson = JSON.parse(readFileSync(`${pkiDir}/pki.json`, "utf8")) as { baseUrl?: string };
    const port = Number(new URL(pkiJson.baseUrl ?? "http://127.0.0.1:18480").port);
    // The certificates name this port; another test of this run may hold it for a while, so retry before giving
    // up. Whoever holds it after that is not ours (often the user's own `uyum pki serve`): its answers would be
    // judged as if they were this run's, so the live vectors must not be validated against it.
    for (let attempt = 0; attempt < 20 && !services; attempt++) {
      try {
        services = await startServices(pkiDir, { port, clock });
        servicesProblem = undefined;
      } catch (e) {
        const inUse = (e as NodeJS.ErrnoException).code === "EADDRINUSE";
        servicesProblem = inUse
          ? `port ${port} on 127.0.0.1 is held by another process (a \`uyum pki serve\` of yours?); the live vectors' ` +
            `certificates name that port and must be answered by this run's own PKI services, not by it. Stop it, or ` +
            `run the tests through \`npm test\` (scripts/test.sh), which gives them a private network namespace`
          : `could not start the PKI services on port ${port}: ${(e as Error).message}`;
        await new Promise((r) => setTimeout(r, 1500));
      }
    }
  }
  const outcomes: VectorOutcome[] = [];
  try {
    for (const v of vectors) {
      const at = new Date(v.validationTime);
      clock.set(at);
      const anchors = v.trustAnchors.flatMap((a) =>
        pemOrDer(new Uint8Array(readFileSync(resolveInManifest(manifestFile, a)))).map(parseCert),
      );
      const detachedContent = v.detachedContent
        ? new Uint8Array(readFileSync(resolveInManifest(manifestFile, v.detachedContent)))
        : undefined;
      const bytes = new Uint8Array(readFileSync(resolveInManifest(manifestFile, v.file)));
      const result = await validateBytes(v.file, bytes, {
        anchors,
        at,
        detachedContent,
        fetch: v.revocationSource === "live" && !servicesProblem, // never ask a server this run did not start
        fetchTimeoutMs: 3000,
      });
      const pass =
        result.indication === v.expected.indication &&
        (result.subIndication ?? undefined) === (v.expected.subIndication ?? undefined);
      outcomes.push({ vector: v, result, pass });
    }
  } finally {
    await services?.stop();
  }
  return { manifest, outcomes, servicesProblem };
}
