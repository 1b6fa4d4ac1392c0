// What a web profile says about driving the application (driver.kind: web): its page object (`adapter`, a
// TypeScript module relative to the profile), how to start it (`start`: argv with placeholders, printing one
// JSON line of URLs), and the idle timeout it declares. Checked before anything runs.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Issue } from "../../core/issues.ts";
import type { AppProfile } from "../../profile/types.ts";

export interface WebSettings {
  /** absolute path of the page object module */
  adapter: string;
  /** argv; placeholders {card} {module} {tokenLabel} {pkiDir} {pkiBaseUrl} {idleTimeoutMs}; run in the project root */
  start: string[];
  /** how long the application's start may take before it is called hung */
  startTimeoutSeconds: number;
  /** the idle timeout the application is configured with, when it has one */
  idleTimeoutMs?: number;
}

export const START_PLACEHOLDERS = ["card", "module", "tokenLabel", "pkiDir", "pkiBaseUrl", "idleTimeoutMs"] as const;

export function webSettings(profile: AppProfile): { settings?: WebSettings; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (field: string, message: string) => issues.push({ file: profile.file, field, message });
  const s = (profile.driver?.settings ?? {}) as Record<string, unknown>;
  const base = dirname(resolve(profile.file));
  let adapter: string | undefined;
  if (typeof s.adapter !== "string" || !s.adapter)
    at("driver.settings.adapter", "names no page object: the path (relative to the profile) of the adapter module");
  else {
    adapter = resolve(base, s.adapter);
    if (!existsSync(adapter)) at("driver.settings.adapter", `${s.adapter}: no such file (looked at ${adapter})`);
  }
  const start = s.start;
  if (!Array.isArray(start) || start.length === 0 || !start.every((p) => typeof p === "string"))
    at("driver.settings.start", "the command that starts the application, as a list (argv), printing its URLs as JSON");
  else
    for (const p of start as string[])
      for (const m of p.matchAll(/\{([A-Za-z]+)\}/g))
        if (!(START_PLACEHOLDERS as readonly string[]).includes(m[1]!))
          at("driver.settings.start", `unknown placeholder {${m[1]}}; known: ${START_PLACEHOLDERS.join(", ")}`);
  const idle = s.idleTimeoutMs;
  if (idle !== undefined && (typeof idle !== "number" || !(idle > 0)))
    at("driver.settings.idleTimeoutMs", "a positive number of milliseconds");
  const startTimeout = s.startTimeoutSeconds ?? 120;
  if (typeof startTimeout !== "number" || !(startTimeout > 0))
    at("driver.settings.startTimeoutSeconds", "a positive number of seconds");
  if (issues.length || !adapter) return { issues };
  return {
    issues,
    settings: {
      adapter,
      start: start as string[],
      startTimeoutSeconds: startTimeout as number,
      idleTimeoutMs: idle as number | undefined,
    },
  };
}

/** argv with the placeholders filled. */
export function fillStart(
  argv: string[],
  vars: Partial<Record<(typeof START_PLACEHOLDERS)[number], string>>,
): string[] {
  return argv.map((p) => p.replace(/\{([A-Za-z]+)\}/g, (_, k: string) => vars[k as keyof typeof vars] ?? `{${k}}`));
}
