// Reading a campaign directory (assessment.md §4) for the report: campaign.json, results.jsonl, evidence/ and the
// software manifest. Until harness/campaign writes real ones this file is the format's reference; every problem is
// reported at once, naming file, line and field, and every evidence file is checked against its SHA-256.
//
//   campaign.json   { version: 1, id, app {name, version, vendor}, institution?, assessor {name, organisation?},
//                     started, finished?, environment {os, card?, module?, reader?, pki?, browser?},
//                     harness {version, sha256}, profile {path, sha256}, software {manifest, digest},
//                     declarations?: [{item, accepted, statement?}], answers?: [{item, answer}],
//                     verifierAgreement?: [{vector, expected, app, uyum}], validationReports?: [path…] }
//   results.jsonl   harness/campaign/results.ts's findings (read by it); here also: every item id is a checklist
//                     item, every evidence file is inside the directory and has the SHA-256 the finding says
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import type { Checklist } from "../checklist/types.ts";
import { UserError } from "../core/errors.ts";
import { closest, type Issue, ValidationError } from "../core/issues.ts";
import { type Finding, readFindings } from "../campaign/results.ts";
import { parseManifest } from "./hash.ts";

export type ResultLine = Finding;

export interface CampaignJson {
  version: 1;
  id: string;
  app: { name: string; version: string; vendor: string };
  institution?: string;
  assessor: { name: string; organisation?: string };
  started: string;
  finished?: string;
  environment: { os: string; card?: string; module?: string; reader?: string; pki?: string; browser?: string };
  harness: { version: string; sha256: string };
  profile: { path: string; sha256: string };
  software: { manifest: string; digest: string };
  declarations?: { item: string; accepted: boolean; statement?: string }[];
  answers?: { item: string; answer: string }[];
  verifierAgreement?: { vector: string; expected: string; app: string; uyum: string }[];
  validationReports?: string[];
}

export interface Campaign {
  dir: string;
  json: CampaignJson;
  /** the last line per item */
  results: Map<string, Finding>;
  manifest: string;
  manifestFiles: Map<string, string>;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Reads and checks a campaign directory; throws ValidationError listing every problem. */
export function loadCampaign(dir: string, checklist: Checklist): Campaign {
  const cj = join(dir, "campaign.json");
  if (!existsSync(cj)) throw new UserError(`${dir}: not a campaign directory (no campaign.json)`);
  const issues: Issue[] = [];
  let json: CampaignJson;
  try {
    json = JSON.parse(readFileSync(cj, "utf8")) as CampaignJson;
  } catch (e) {
    throw new UserError(`${cj}: not JSON (${(e as Error).message})`);
  }
  const need = (v: unknown, field: string) => {
    if (typeof v !== "string" || !v) issues.push({ file: cj, field, message: "missing (give a non-empty string)" });
  };
  if (json.version !== 1) issues.push({ file: cj, field: "version", message: `is ${json.version}, expected 1` });
  need(json.id, "id");
  need(json.app?.name, "app.name");
  need(json.app?.version, "app.version");
  need(json.app?.vendor, "app.vendor");
  need(json.assessor?.name, "assessor.name");
  need(json.started, "started");
  need(json.environment?.os, "environment.os");
  need(json.harness?.version, "harness.version");
  need(json.software?.manifest, "software.manifest");
  need(json.software?.digest, "software.digest");

  // a path inside the campaign directory, never outside it
  const inside = (p: string, file: string, field: string): string | undefined => {
    const n = normalize(p);
    if (isAbsolute(n) || n.startsWith("..")) {
      issues.push({ file, field, message: `"${p}" is outside the campaign directory` });
      return undefined;
    }
    return join(dir, n);
  };

  let manifest = "";
  let manifestFiles = new Map<string, string>();
  if (typeof json.software?.manifest === "string") {
    const mf = inside(json.software.manifest, cj, "software.manifest");
    if (mf && !existsSync(mf)) issues.push({ file: cj, field: "software.manifest", message: `${mf} does not exist` });
    else if (mf) {
      manifest = readFileSync(mf, "utf8");
      try {
        manifestFiles = parseManifest(manifest);
      } catch (e) {
        issues.push({ file: mf, message: (e as Error).message });
      }
      if (json.software.digest && sha256(Buffer.from(manifest, "utf8")) !== json.software.digest)
        issues.push({
          file: cj,
          field: "software.digest",
          message: `is not the SHA-256 of ${json.software.manifest} (${sha256(Buffer.from(manifest, "utf8"))})`,
        });
    }
  }

  const rf = join(dir, "results.jsonl");
  const results = readFindings(dir);
  const checkedEvidence = new Map<string, string>();
  for (const r of results.values()) {
    const at = (field: string, message: string) => issues.push({ file: rf, item: r.item, field, message });
    if (!checklist.byId.has(r.item)) {
      const near = closest(r.item, checklist.byId.keys());
      at("item", `no such checklist item${near ? ` (did you mean ${near}?)` : ""}`);
      results.delete(r.item);
      continue;
    }
    for (const [k, ev] of r.evidence.entries()) {
      const p = inside(ev.path, rf, `evidence[${k}].path`);
      if (!p) continue;
      if (!existsSync(p)) {
        at(`evidence[${k}].path`, `${ev.path} does not exist`);
        continue;
      }
      const got = checkedEvidence.get(p) ?? sha256(readFileSync(p));
      checkedEvidence.set(p, got);
      if (got !== ev.sha256)
        at(`evidence[${k}].sha256`, `${ev.path} has SHA-256 ${got}, the finding says ${ev.sha256}: evidence changed`);
    }
    if (r.confirmed && !r.suggested) at("confirmed", "only a suggested mark is confirmed");
  }
  if (issues.length) throw new ValidationError(`campaign ${dir}`, issues);
  return { dir, json, results, manifest, manifestFiles };
}
