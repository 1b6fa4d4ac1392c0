// KAMU SM's numbered validation scenarios, as data: vectors/scenarios/kamusm.yaml (one entry per scenario, the
// renderings it gets, the verdict a correct validator reaches), read and schema-checked here with the core YAML
// reader, so a broken entry is reported with file, scenario, field, line and column like every uyum input.
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { ValidationError } from "../core/issues.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { issueAt, listItemLabel, makeAjv, readYaml, schemaIssues } from "../core/yaml.ts";
import type { TsaFault } from "../pki/index.ts";
import type { SignSpec } from "./build.ts";
import {
  EXPECTED_VERDICT_SCHEMA,
  FORMATS,
  LEVELS,
  PACKAGINGS,
  PROFILES,
  type ExpectedVerdict,
  type Packaging,
  type Profile,
  type SignatureFormat,
  type SignatureLevel,
} from "./manifest.ts";

export const KAMUSM_SCENARIOS_FILE = join(PROJECT_ROOT, "vectors", "scenarios", "kamusm.yaml");

/** The signing options a scenario may set (SignSpec without what the rendering and the PKI roles decide). */
export type ScenarioSpec = Partial<
  Omit<SignSpec, "format" | "packaging" | "level" | "profile" | "document" | "signer" | "tsa" | "multi">
>;

/** One KAMU SM scenario rendered in several formats/levels. */
export interface KamusmScenario {
  n: string;
  en: string;
  tr: string;
  /** which renderings: [format, packaging, level, profile?] (in the file: "CAdES detached T P2") */
  as: Array<[SignatureFormat, Packaging, SignatureLevel, Profile?]>;
  expected: ExpectedVerdict;
  signer?: string[];
  tsa?: string[];
  document?: string;
  signerRevocation?: "crl" | "ocsp";
  spec?: ScenarioSpec;
  tsFault?: TsaFault;
  tsOffsetMinutes?: number;
  multi?: "serial" | "parallel";
  second?: string[];
  outsideApiScope?: boolean;
  trustAnchors?: string[];
  tags: string[];
  /** expected per rendering level, when it differs (BES vs T) */
  byLevel?: Partial<Record<SignatureLevel, ExpectedVerdict>>;
}

// The enums below must name every value of their TypeScript type: `Exhaustive` fails to compile otherwise.
type Exhaustive<T, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? L : never;
const HASHES = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"] as const;
const hashes: Exhaustive<NonNullable<SignSpec["hash"]>, typeof HASHES> = HASHES;
const OMITS = [
  "certRefs",
  "revRefs",
  "certValues",
  "revValues",
  "caCertValue",
  "signerRevValue",
  "tsaRevValue",
  "tsaRootValue",
  "atsTsaRevValue",
] as const;
const omits: Exhaustive<NonNullable<ScenarioSpec["omit"]>[number], typeof OMITS> = OMITS;
const TSA_FAULTS = ["wrong-imprint", "forged-signature"] as const;
const tsaFaults: Exhaustive<TsaFault, typeof TSA_FAULTS> = TSA_FAULTS;
const REVOCATION = { enum: ["crl", "ocsp"] } as const;
const labels = { type: "array", items: { type: "string", minLength: 1 } } as const;
const enumPattern = (xs: readonly string[]) => `(${xs.join("|")})`; // the values hold no regex characters

/** JSON Schema (2020-12) of vectors/scenarios/kamusm.yaml. */
export const KAMUSM_SCENARIOS_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "uyum KAMU SM scenario table",
  type: "object",
  additionalProperties: false,
  required: ["scenarios"],
  properties: {
    scenarios: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["n", "en", "tr", "as", "expected", "tags"],
        properties: {
          n: { type: "string", minLength: 1 },
          en: { type: "string", minLength: 1 },
          tr: { type: "string", minLength: 1 },
          as: {
            type: "array",
            minItems: 1,
            items: {
              type: "string",
              pattern: `^${enumPattern(FORMATS)} ${enumPattern(PACKAGINGS)} ${enumPattern(LEVELS)}( ${enumPattern(PROFILES)})?$`,
            },
          },
          expected: EXPECTED_VERDICT_SCHEMA,
          byLevel: {
            type: "object",
            propertyNames: { enum: [...LEVELS] },
            additionalProperties: EXPECTED_VERDICT_SCHEMA,
          },
          signer: labels,
          second: labels,
          tsa: labels,
          trustAnchors: labels,
          tags: labels,
          document: { type: "string", minLength: 1 },
          signerRevocation: REVOCATION,
          tsFault: { enum: [...tsaFaults] },
          tsOffsetMinutes: { type: "number" },
          multi: { enum: ["serial", "parallel"] },
          outsideApiScope: { type: "boolean" },
          spec: {
            type: "object",
            additionalProperties: false,
            properties: {
              hash: { enum: [...hashes] },
              essCertHash: { enum: [...hashes] },
              atsHash: { enum: [...hashes] },
              essCert: { enum: ["v1", "v2"] },
              noSigningTime: { type: "boolean" },
              claimedRoles: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
              responderStatus: { type: "boolean" },
              contentHints: {
                type: "object",
                additionalProperties: false,
                required: ["contentType"],
                properties: { description: { type: "string" }, contentType: { type: "string" } },
              },
              fault: {
                type: "object",
                additionalProperties: false,
                properties: {
                  messageDigest: { type: "boolean" },
                  essCertHash: { type: "boolean" },
                  signatureValue: { type: "boolean" },
                },
              },
              policy: {
                type: "object",
                additionalProperties: false,
                required: ["oid", "hash", "hashValue"],
                properties: {
                  oid: { type: "string", pattern: "^(implied|[0-9]+(\\.[0-9]+)+)$" },
                  hash: { enum: [...hashes] },
                  hashValue: { type: "string", pattern: "^([0-9A-Fa-f]{2})+$" },
                  uri: { type: "string" },
                  userNotice: { type: "string" },
                },
              },
              escTsa: { type: "string", minLength: 1 },
              atsTsa: { type: "string", minLength: 1 },
              caRevocation: REVOCATION,
              tsaRevocation: REVOCATION,
              omit: { type: "array", items: { enum: [...omits] } },
              wrongRef: { enum: ["cert", "rev"] },
            },
          },
        },
      },
    },
  },
} as const;

const WHAT = "KAMU SM scenario table";
let compiled: ValidateFunction | undefined;

/** Reads vectors/scenarios/kamusm.yaml (or `file`); throws a ValidationError naming every problem. */
export function loadKamusmScenarios(file = KAMUSM_SCENARIOS_FILE, display = file): KamusmScenario[] {
  const { source, issues } = readYaml(file, display);
  if (!source) throw new ValidationError(WHAT, issues);
  const label = listItemLabel(source.data, "scenarios", "n", "scenario ");
  const problems = schemaIssues(source, (compiled ??= makeAjv().compile(KAMUSM_SCENARIOS_SCHEMA)), label);
  if (problems.length) throw new ValidationError(WHAT, problems);
  const data = source.data as { scenarios: Array<Record<string, unknown> & { n: string }> };
  const seen = new Set<string>();
  for (const [i, s] of data.scenarios.entries()) {
    if (seen.has(s.n))
      problems.push(issueAt(source, ["scenarios", i, "n"], `scenario "${s.n}" is listed twice`, label));
    seen.add(s.n);
  }
  if (problems.length) throw new ValidationError(WHAT, problems);
  return data.scenarios.map((s) => {
    const spec = s.spec as { policy?: { hashValue: string } } | undefined;
    const hashValue = spec?.policy && Uint8Array.from(Buffer.from(spec.policy.hashValue, "hex"));
    return {
      ...s,
      as: (s.as as string[]).map((r) => r.split(" ")),
      ...(spec?.policy ? { spec: { ...spec, policy: { ...spec.policy, hashValue } } } : {}),
    } as unknown as KamusmScenario;
  });
}
