// The reference application's HTTP face opened through uyum's http driver the way a campaign opens it: the campaign
// PKI built for now with its services live on a free port, a fresh virtual card, the profile's start command
// given both. For the http driver's integration tests.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionCard, type CardInfo } from "../../card/index.ts";
import { loadChecklist } from "../../checklist/load.ts";
import { DEFAULT_PKI_CONFIG, PROJECT_ROOT } from "../../core/paths.ts";
import type { ApplicationFaces } from "../../drivers/face.ts";
import { openApplication } from "../../drivers/open.ts";
import { pkiConfigAt } from "../../pki/campaign-time.ts";
import { loadPkiConfig, SettableClock, startPkiServices, writePki } from "../../pki/index.ts";
import { loadProfile } from "../../profile/load.ts";

export const HTTP_PROFILE = join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http.yaml");
/** the same server as a signing server holding the card: the whole-document flow */
export const HTTP_WHOLE_PROFILE = join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-http-whole.yaml");

export interface OpenedHttpApp {
  app: ApplicationFaces;
  card: CardInfo;
  rootPem: string;
  pkiBaseUrl: string;
  close(): Promise<void>;
}

/** Opens the profile's application; `flaw` switches a flawed variant (ORNEK_IMZACI_FLAW for its start command). */
export async function openHttpReferenceApp(
  o: { flaw?: string; pin?: string; profile?: string } = {},
): Promise<OpenedHttpApp> {
  const work = mkdtempSync(join(tmpdir(), "uyum-http-app-"));
  const clock = new SettableClock(new Date(), true);
  const services = await startPkiServices(pkiConfigAt(loadPkiConfig(DEFAULT_PKI_CONFIG), new Date()), { clock });
  const pkiDir = join(work, "pki");
  await writePki(services.pki, pkiDir);
  const card = await provisionCard({ pkiDir, outDir: join(work, "card"), pin: o.pin });
  const root = [...services.pki.entities.values()].find((e) => e.role === "root")!;
  const rootPem = readFileSync(join(pkiDir, "certs", `${root.label}.pem`), "utf8");
  const profile = loadProfile(o.profile ?? HTTP_PROFILE, loadChecklist());
  const before = process.env.ORNEK_IMZACI_FLAW;
  if (o.flaw) process.env.ORNEK_IMZACI_FLAW = o.flaw;
  else delete process.env.ORNEK_IMZACI_FLAW;
  let app: ApplicationFaces;
  try {
    app = await openApplication(profile, {
      card,
      pin: card.pin!,
      pkiDir,
      pkiBaseUrl: services.baseUrl,
      rootPem,
      workDir: join(work, "app"),
    });
  } catch (e) {
    await services.stop();
    throw e;
  } finally {
    if (before === undefined) delete process.env.ORNEK_IMZACI_FLAW;
    else process.env.ORNEK_IMZACI_FLAW = before;
  }
  return {
    app,
    card,
    rootPem,
    pkiBaseUrl: services.baseUrl,
    async close() {
      await app.close?.();
      await services.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
