// Opens the application the profile names through its driver: the one place that dispatches on driver.kind.
// `driverProblems` checks the profile before anything runs; `openApplication` gives the sessions the faces
// (signing, verifying) the driver offers. A face the driver lacks is absent, and the items that need it say so.
import type { Issue } from "../core/issues.ts";
import type { Text } from "../core/text.ts";
import type { AppProfile } from "../profile/types.ts";
import { cliSigningFace } from "./cli-face.ts";
import { cliSignTemplates } from "./cli-profile.ts";
import { cliChangePinTemplate, cliPinChangeFace } from "./cli-change-pin.ts";
import { cliProduceTemplates, cliProducingFace } from "./cli-produce.ts";
import { cliVerifyingFace, cliVerifyTemplate } from "./cli-verify.ts";
import type { ApplicationFaces, DriverEnv } from "./face.ts";
import { HTTP_CARD_SIDE_ITEMS, HTTP_CARD_SIDE_REASON, openHttpApplication } from "./http.ts";
import { httpSettings } from "./http-settings.ts";
import { openWebApplication } from "./web/face.ts";
import { webSettings } from "./web/settings.ts";

export type { DriverEnv };

/** A cli profile with a verify template and no sign templates is a verifier only: it needs no sign command. */
function verifierOnly(profile: AppProfile): boolean {
  const settings = profile.driver?.settings as { sign?: unknown; verify?: unknown } | undefined;
  return profile.driver?.kind === "cli" && settings?.sign === undefined && settings?.verify !== undefined;
}

export function driverProblems(profile: AppProfile): Issue[] {
  if (profile.driver?.kind === "web") return webSettings(profile).issues;
  if (profile.driver?.kind === "http") return httpSettings(profile).issues;
  const sign = verifierOnly(profile) ? [] : cliSignTemplates(profile).issues;
  return [
    ...sign,
    ...cliVerifyTemplate(profile).issues,
    ...cliProduceTemplates(profile).issues,
    ...cliChangePinTemplate(profile).issues,
  ];
}

/** Why the profile's driver cannot judge this item (it would grade uyum, not the application), or undefined. */
export function driverCannotJudge(profile: AppProfile, itemId: string): Text | undefined {
  // in the hash-only flow uyum plays the local signer that talks to the card; a server that signs whole documents
  // on its own card (settings.sign) handles the card itself, and is judged on it
  const wholeDocument = (profile.driver?.settings as Record<string, unknown> | undefined)?.sign !== undefined;
  if (profile.driver?.kind === "http" && !wholeDocument && HTTP_CARD_SIDE_ITEMS.has(itemId))
    return HTTP_CARD_SIDE_REASON;
  return undefined;
}

/** Opens the application; a web application is started (and stopped by `close`). */
export async function openApplication(profile: AppProfile, env: DriverEnv): Promise<ApplicationFaces> {
  if (profile.driver?.kind === "web") {
    const { settings, issues } = webSettings(profile);
    if (!settings) throw new Error(issues.map((i) => i.message).join("; "));
    return openWebApplication(profile, settings, env);
  }
  if (profile.driver?.kind === "http") {
    const { settings, issues } = httpSettings(profile);
    if (!settings) throw new Error(issues.map((i) => i.message).join("; "));
    return openHttpApplication(profile, settings, env);
  }
  const { templates } = verifierOnly(profile) ? { templates: [] } : cliSignTemplates(profile);
  const { template } = cliVerifyTemplate(profile);
  const produce = cliProduceTemplates(profile).templates;
  const changePin = cliChangePinTemplate(profile).template;
  return {
    driver: "cli",
    ...(changePin ? { pinChange: cliPinChangeFace({ ...env, template: changePin }) } : {}),
    ...(templates.length ? { signing: cliSigningFace({ templates, ...env }) } : {}),
    ...(produce.length ? { producing: cliProducingFace({ ...env, templates: produce }) } : {}),
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
