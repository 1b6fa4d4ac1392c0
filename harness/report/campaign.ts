// Reading a campaign directory (assessment.md §4) for the report: campaign.json, results.jsonl, evidence/ and the
// software manifest. Every problem is reported at once, naming file and field, and every evidence file is checked
// against its SHA-256.
//
//   campaign.json   what harness/campaign/store.ts writes ({uyum {version}, app {name, version, vendor?},
//                   profile {file, sha256}, instant, started, finished?, environment {k: v}}), and what the report
//                   can use beyond it when present: id, institution, assessor {name, organisation?},
//                   harness {version, sha256}, software {manifest, digest}, declarations [{item, accepted,
//                   statement?}], answers [{item, answer}], verifierAgreement [{vector, expected, app, uyum}],
//                   validationReports [path…]. Without `software`, the profile's `software:` globs are hashed
//                   when the report is made; with neither, the report says it carries no hash values.
//   results.jsonl   harness/campaign/results.ts's findings (read by it); here also: every item id is a checklist
//                     item, every evidence file is inside the directory and has the SHA-256 the finding says
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, resolve } from "node:path";
import { parse } from "yaml";
import type { Checklist } from "../checklist/types.ts";
import { UserError } from "../core/errors.ts";
import { closest, type Issue, ValidationError } from "../core/issues.ts";
import { type Finding, readFindings, RESULTS_FILE } from "../campaign/results.ts";
import { expandSoftwareGlobs } from "./glob.ts";
import { HashInputError, hashSoftware, parseManifest } from "./hash.ts";

export type ResultLine = Finding;

export interface CampaignJson {
  id?: string;
  uyum?: { version: string };
  app: { name: string; version: string; vendor?: string };
  institution?: string;
  assessor?: { name: string; organisation?: string };
  instant?: string;
  started: string;
  finished?: string;
  environment?: Record<string, string>;
  harness?: { version: string; sha256?: string };
  profile?: { file?: string; path?: string; sha256: string };
  software?: { manifest: string; digest: string };
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
  /** the software manifest and its digest; empty with `digest` undefined when the campaign has none */
  manifest: string;
  manifestFiles: Map<string, string>;
  digest?: string;
  /** where the hash values came from */
  softwareSource: "campaign" | "profile" | "none";
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The campaign's profile file: as written, relative to the campaign directory, or to the working directory. */
function profileFile(dir: string, json: CampaignJson): string | undefined {
  const f = json.profile?.file ?? json.profile?.path;
  if (!f) return undefined;
  return [resolve(dir, f), resolve(f)].find((p) => existsSync(p));
}

/** Reads and checks a campaign directory; throws ValidationError listing every problem. */
export async function loadCampaign(dir: string, checklist: Checklist): Promise<Campaign> {
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
  need(json.app?.name, "app.name");
  need(json.app?.version, "app.version");
  need(json.started, "started");
  if (json.software) {
    need(json.software.manifest, "software.manifest");
    need(json.software.digest, "software.digest");
  }

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
  let digest: string | undefined;
  let softwareSource: Campaign["softwareSource"] = "none";
  if (typeof json.software?.manifest === "string") {
    softwareSource = "campaign";
    digest = json.software.digest;
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

  const rf = join(dir, RESULTS_FILE);
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
  if (softwareSource === "none") {
    // not in the campaign: the profile's software, hashed now (a real campaign names its profile)
    const pf = profileFile(dir, json);
    const globs = pf ? (parse(readFileSync(pf, "utf8")) as { software?: unknown } | null)?.software : undefined;
    if (pf && Array.isArray(globs) && globs.length) {
      try {
        const g = await expandSoftwareGlobs(dirname(pf), globs as string[]);
        const h = await hashSoftware(g.paths, { root: g.root });
        manifest = h.manifest;
        manifestFiles = parseManifest(manifest);
        digest = h.digest;
        softwareSource = "profile";
      } catch (e) {
        if (e instanceof HashInputError) throw new UserError(`${pf}: software: ${e.message}`);
        throw e;
      }
    }
  }
  return { dir, json, results, manifest, manifestFiles, digest, softwareSource };
}
