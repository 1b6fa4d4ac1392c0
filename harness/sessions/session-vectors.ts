// The vector set a verifier session gives the application: made in the session's work directory for services of
// its own (a free port, a settable clock), from the fixed-date vector PKI config, so the certificates name these
// services. Used by verify-vectors and verify-degraded; the services stop and any temporary directory goes when
// `use` ends.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PKI_CONFIG, loadPkiConfig, SettableClock, startPkiServices, type Services } from "../pki/index.ts";
import { generateVectors } from "../vectors/generate.ts";
import { resolveInManifest, type Manifest } from "../vectors/manifest.ts";
import type { SessionContext } from "./context.ts";

/** The PKI config the sessions' vector sets are made from (the fixed-date one `uyum vectors` uses). */
export const VECTOR_PKI_CONFIG = DEFAULT_PKI_CONFIG;

export interface SessionVectors {
  manifest: Manifest;
  manifestFile: string;
  /** the vector set's PKI directory */
  pkiDir: string;
  services: Services;
  clock: SettableClock;
}

export async function withSessionVectors<T>(
  ctx: SessionContext,
  session: string,
  vectorIds: Set<string>,
  o: { maxDelayMs?: number },
  use: (s: SessionVectors) => Promise<T>,
): Promise<T> {
  const ownWork = ctx.workDir ? undefined : mkdtempSync(join(tmpdir(), `uyum-${session}-`));
  const work = join(ctx.workDir ?? ownWork!, session);
  const clock = new SettableClock(new Date(0));
  // the services listen first, on a free port; the vector set is then made for that port's base URL from the same
  // fixed-date config (the PKI build is deterministic, checked below), so the certificates name these services
  const services = await startPkiServices(loadPkiConfig(VECTOR_PKI_CONFIG), {
    clock,
    ...(o.maxDelayMs !== undefined ? { maxDelayMs: o.maxDelayMs } : {}),
  });
  try {
    ctx.progress(`${session}: making ${vectorIds.size} vectors for ${services.baseUrl}…`);
    const { manifest, manifestFile } = await generateVectors({
      outDir: join(work, "vectors"),
      pkiConfig: VECTOR_PKI_CONFIG,
      baseUrl: services.baseUrl,
      filter: (s) => vectorIds.has(s.id),
    });
    const pkiDir = resolveInManifest(manifestFile, manifest.pkiDir);
    const root = [...services.pki.entities.values()].find((e) => e.role === "root")!;
    if (!readFileSync(join(pkiDir, "certs", `${root.label}.pem`), "utf8").includes(pemBody(root.certDer)))
      throw new Error(
        "internal error: the vector set's PKI differs from its services' (the PKI build is not deterministic)",
      );
    return await use({ manifest, manifestFile, pkiDir, services, clock });
  } finally {
    await services.stop();
    if (ownWork) rmSync(ownWork, { recursive: true, force: true });
  }
}

function pemBody(der: Uint8Array): string {
  return Buffer.from(der).toString("base64").slice(0, 64);
}
