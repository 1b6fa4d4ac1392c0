// Opens the application the profile names through its driver: the one place that dispatches on driver.kind.
// `driverProblems` checks the profile before anything runs; `openApplication` gives the sessions the faces
// (signing, verifying) the driver offers. A face the driver lacks is absent, and the items that need it say so.
import type { Issue } from "../core/issues.ts";
import type { AppProfile } from "../profile/types.ts";
import { cliSigningFace } from "./cli-face.ts";
import { cliSignTemplates } from "./cli-profile.ts";
import type { ApplicationFaces, DriverEnv } from "./face.ts";
import { openWebApplication } from "./web/face.ts";
import { webSettings } from "./web/settings.ts";

export type { DriverEnv };

export function driverProblems(profile: AppProfile): Issue[] {
  if (profile.driver?.kind === "web") return webSettings(profile).issues;
  return cliSignTemplates(profile).issues;
}

/** Opens the application; a web application is started (and stopped by `close`). */
export async function openApplication(profile: AppProfile, env: DriverEnv): Promise<ApplicationFaces> {
  if (profile.driver?.kind === "web") {
    const { settings, issues } = webSettings(profile);
    if (!settings) throw new Error(issues.map((i) => i.message).join("; "));
    return openWebApplication(profile, settings, env);
  }
  const { templates } = cliSignTemplates(profile);
  return { driver: "cli", signing: cliSigningFace({ templates, ...env }) };
}
