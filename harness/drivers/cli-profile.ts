// What an app profile says about driving it on the command line (driver.kind: cli): one command template per
// format and level it signs, read from `driver.settings.sign` and checked before anything runs.
import { dirname, resolve } from "node:path";
import type { Issue } from "../core/issues.ts";
import type { SignatureFormat, SignatureLevel } from "../core/signature-forms.ts";
import type { AppProfile } from "../profile/types.ts";
import { templateProblems, type CommandTemplate } from "./cli.ts";

export interface SignTemplate extends CommandTemplate {
  format: SignatureFormat;
  level: SignatureLevel;
  /** extension of the file the command writes to {output} */
  output: string;
}

export function cliSignTemplates(profile: AppProfile): { templates: SignTemplate[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (field: string, message: string) => issues.push({ file: profile.file, field, message });
  if (profile.driver?.kind !== "cli") {
    at(
      "driver.kind",
      `is ${profile.driver?.kind ?? "absent"}: uyum run has the cli driver only so far (web, agent and http are planned); a profile it can run says driver.kind: cli`,
    );
    return { templates: [], issues };
  }
  const sign = (profile.driver.settings as { sign?: unknown } | undefined)?.sign;
  if (!Array.isArray(sign) || sign.length === 0) {
    at("driver.settings.sign", "no sign command: list one { format, level, output, command, pin } per signature kind");
    return { templates: [], issues };
  }
  const templates: SignTemplate[] = [];
  sign.forEach((raw, i) => {
    const t = raw as Partial<SignTemplate>;
    const field = `driver.settings.sign[${i}]`;
    if (!t.format || !t.level || !t.output)
      at(field, "needs format, level and output (the extension of the file written)");
    if (!t.pin || !("env" in t.pin || "stdin" in t.pin || "none" in t.pin))
      at(`${field}.pin`, "say how the PIN reaches the application: { env: NAME } or { stdin: true } (never argv)");
    for (const p of templateProblems(t as CommandTemplate)) at(field, p);
    // a program named relative to the profile ("./x", "../x") is found there, as the software paths are
    const program = t.command?.[0];
    if (program && /^\.\.?\//.test(program))
      t.command = [resolve(dirname(profile.file), program), ...t.command!.slice(1)];
    templates.push(t as SignTemplate);
  });
  return { templates: issues.length ? [] : templates, issues };
}
