// The cli driver's face for work on existing signatures: the profile's `driver.settings.upgrade`, `cosign`,
// `countersign` and `archive` templates (the same shape as `sign`: format, output, pin, command; upgrade also
// names the level it goes `to`). {input} is the signature to work on, {detached} the document it signs,
// {output} the file the command writes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Issue } from "../core/issues.ts";
import {
  SIGNATURE_FORMATS,
  SIGNATURE_LEVELS,
  type SignatureFormat,
  type SignatureLevel,
} from "../core/signature-forms.ts";
import type { AppProfile } from "../profile/types.ts";
import { runCommand, templateProblems, type CommandTemplate } from "./cli.ts";
import { sessionVars, type CliFaceOptions } from "./cli-face.ts";
import type { ProduceOperation, ProduceRequest, ProducingFace } from "./face.ts";

export interface ProduceTemplate extends CommandTemplate {
  operation: ProduceOperation;
  format: SignatureFormat;
  to?: SignatureLevel;
  output: string;
}

const OPERATIONS: ProduceOperation[] = ["upgrade", "cosign", "countersign", "archive"];

/** The templates the profile gives, and what is wrong with them (none given is not a problem: the face is absent). */
export function cliProduceTemplates(profile: AppProfile): { templates: ProduceTemplate[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const templates: ProduceTemplate[] = [];
  if (profile.driver?.kind !== "cli") return { templates, issues };
  const settings = (profile.driver.settings ?? {}) as Record<string, unknown>;
  for (const operation of OPERATIONS) {
    const list = settings[operation];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      issues.push({ file: profile.file, field: `driver.settings.${operation}`, message: "a list of templates" });
      continue;
    }
    list.forEach((raw, i) => {
      const field = `driver.settings.${operation}[${i}]`;
      const at = (message: string) => issues.push({ file: profile.file, field, message });
      const t = { ...(raw as Partial<ProduceTemplate>), operation } as ProduceTemplate;
      if (!t.format || !(SIGNATURE_FORMATS as readonly string[]).includes(t.format))
        at(`format: one of ${SIGNATURE_FORMATS.join(", ")}`);
      if (!t.output) at("output: the extension of the file written");
      if (operation === "upgrade" && (!t.to || !(SIGNATURE_LEVELS as readonly string[]).includes(t.to)))
        at(`to: the level the upgrade makes, one of ${SIGNATURE_LEVELS.join(", ")}`);
      if (!t.pin) t.pin = { none: true };
      for (const p of templateProblems(t)) at(p);
      const program = t.command?.[0];
      if (program && /^\.\.?\//.test(program))
        t.command = [resolve(dirname(profile.file), program), ...t.command.slice(1)];
      templates.push(t);
    });
  }
  return { templates: issues.length ? [] : templates, issues };
}

export function cliProducingFace(
  o: Omit<CliFaceOptions, "templates"> & { templates: ProduceTemplate[] },
): ProducingFace {
  const base = sessionVars(o);
  return {
    operations: () => o.templates.map(({ operation, format, to }) => ({ operation, format, ...(to ? { to } : {}) })),
    async produce(req: ProduceRequest, signature, document, name) {
      const t = o.templates.find(
        (x) => x.operation === req.operation && x.format === req.format && (req.to === undefined || x.to === req.to),
      );
      if (!t)
        throw new Error(`the profile has no ${req.operation} template for ${req.format}${req.to ? ` ${req.to}` : ""}`);
      const dir = join(o.workDir, name);
      mkdirSync(dir, { recursive: true });
      const input = join(dir, `in.${signature.ext}`);
      const detached = join(dir, "document.txt");
      const output = join(dir, `out.${t.output}`);
      writeFileSync(input, signature.bytes);
      writeFileSync(detached, document);
      const run = await runCommand(
        t,
        { ...base, input, detached, output, format: req.format, ...(req.to ? { level: req.to } : {}) },
        { pin: o.pin, env: o.card.env, cwd: dir },
      );
      return {
        ...req,
        output: existsSync(output) ? new Uint8Array(readFileSync(output)) : undefined,
        outputExt: t.output,
        run,
      };
    },
  };
}
