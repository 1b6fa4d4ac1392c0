// Opens the application the profile names through its driver: the one place that dispatches on driver.kind.
// `driverProblems` checks the profile before anything runs; `openApplication` gives the sessions the faces
// (signing, verifying) the driver offers. A face the driver lacks is absent, and the items that need it say so.
import type { CardInfo } from "../card/index.ts";
import type { Issue } from "../core/issues.ts";
import type { AppProfile } from "../profile/types.ts";
import { cliSigningFace } from "./cli-face.ts";
import { cliSignTemplates } from "./cli-profile.ts";
import { cliVerifyingFace, cliVerifyTemplate } from "./cli-verify.ts";
import type { ApplicationFaces } from "./face.ts";

/** What every driver is given: the card (interposed module), its PIN, the campaign PKI and a work directory. */
export interface DriverEnv {
  card: CardInfo;
  pin: string;
  /** the campaign PKI directory (as `uyum pki init` writes it) and its services' base URL */
  pkiDir: string;
  pkiBaseUrl: string;
  rootPem: string;
  workDir: string;
}

/** A cli profile with a verify template and no sign templates is a verifier only: it needs no sign command. */
function verifierOnly(profile: AppProfile): boolean {
  const settings = profile.driver?.settings as { sign?: unknown; verify?: unknown } | undefined;
  return profile.driver?.kind === "cli" && settings?.sign === undefined && settings?.verify !== undefined;
}

export function driverProblems(profile: AppProfile): Issue[] {
  const sign = verifierOnly(profile) ? [] : cliSignTemplates(profile).issues;
  return [...sign, ...cliVerifyTemplate(profile).issues];
}

export function openApplication(profile: AppProfile, env: DriverEnv): ApplicationFaces {
  const { templates } = verifierOnly(profile) ? { templates: [] } : cliSignTemplates(profile);
  const { template } = cliVerifyTemplate(profile);
  return {
    driver: "cli",
    ...(templates.length ? { signing: cliSigningFace({ templates, ...env }) } : {}),
    ...(template
      ? {
          verifying: cliVerifyingFace({
            template,
            pkiDir: env.pkiDir,
            pkiBaseUrl: env.pkiBaseUrl,
            rootPem: env.rootPem,
            workDir: env.workDir,
          }),
        }
      : {}),
  };
}
