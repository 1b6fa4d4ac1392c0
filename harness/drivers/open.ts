// Opens the application the profile names through its driver: the one place that dispatches on driver.kind.
// `driverProblems` checks the profile before anything runs; `openApplication` gives the sessions the faces
// (signing, verifying) the driver offers. A face the driver lacks is absent, and the items that need it say so.
import type { CardInfo } from "../card/index.ts";
import type { Issue } from "../core/issues.ts";
import type { AppProfile } from "../profile/types.ts";
import { cliSigningFace } from "./cli-face.ts";
import { cliSignTemplates } from "./cli-profile.ts";
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

export function driverProblems(profile: AppProfile): Issue[] {
  return cliSignTemplates(profile).issues;
}

export function openApplication(profile: AppProfile, env: DriverEnv): ApplicationFaces {
  const { templates } = cliSignTemplates(profile);
  return { driver: "cli", signing: cliSigningFace({ templates, ...env }) };
}
