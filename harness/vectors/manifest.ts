// The vector manifest: one entry per generated signature vector with the verdict a correct validator must
// reach. It is the validator's (harness/ades) main test input, so its shape is a contract: fields may be
// added (optional), never renamed or removed. Paths are relative to the manifest's directory.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { INDICATIONS, SUB_INDICATIONS, type Text, type Indication, type SubIndication } from "../ades/verdict.ts";
import { ValidationError } from "../core/issues.ts";
import {
  SIGNATURE_FORMATS,
  SIGNATURE_LEVELS,
  SIGNATURE_PROFILES,
  type SignatureFormat,
  type SignatureLevel,
  type SignatureProfile,
} from "../core/signature-forms.ts";
import { issueAt, listItemLabel, makeAjv, readYaml, schemaIssues, sourceOf, type YamlSource } from "../core/yaml.ts";

export const MANIFEST_VERSION = 1 as const;

export const FORMATS = SIGNATURE_FORMATS;
export type { SignatureFormat };

export const PACKAGINGS = ["attached", "detached", "enveloped", "enveloping"] as const;
export type Packaging = (typeof PACKAGINGS)[number];

/** Levels (core/signature-forms.ts), and "none" for documents that are not signatures (malformed input vectors). */
export const LEVELS = [...SIGNATURE_LEVELS, "none"] as const;
export type { SignatureLevel };

/** Turkish signature usage profiles; "none" = no profile claimed. */
export const PROFILES = [...SIGNATURE_PROFILES, "none"] as const;
export type Profile = SignatureProfile;

/** embedded: everything needed is inside the signature (or the manifest's trust anchors); live: the validator
 *  must fetch CRL/OCSP from the test PKI's services (harness/pki startServices) at `validationTime`. */
export const REVOCATION_SOURCES = ["embedded", "live"] as const;
export type RevocationSource = (typeof REVOCATION_SOURCES)[number];

export interface ExpectedVerdict {
  indication: Indication;
  subIndication?: SubIndication;
  reason: Text;
}

export interface VectorEntry {
  /** Stable, unique, filename-safe: e.g. "cades-bes-attached", "kamusm-05-cades-bes-messagedigest". */
  id: string;
  /** The signature file (for PAdES the signed PDF), relative to the manifest. */
  file: string;
  /** For detached signatures: the signed document, relative to the manifest. */
  detachedContent?: string;
  /** KAMU SM scenario number as they write it ("5", "16_1", "39_s", "P4_4") or our class ("level", "profile", "multi"). */
  scenario: string;
  /** True when the scenario number is KAMU SM's (notes.md §5), false when it is our own class. */
  kamusm: boolean;
  description: Text;
  format: SignatureFormat;
  packaging: Packaging;
  level: SignatureLevel;
  profile: Profile;
  /** Certificates (PEM) the validator trusts, relative to the manifest. */
  trustAnchors: string[];
  /** The time to validate at (ISO 8601, UTC). */
  validationTime: string;
  revocationSource: RevocationSource;
  expected: ExpectedVerdict;
  /** Number of signatures in the file (parallel signers + counter-signatures; for PAdES also the document
   *  time-stamp); the verdict is for the whole file. */
  signatureCount: number;
  /** KAMU SM marks this scenario "outside API scope"; the verdict is what the control list implies. */
  outsideApiScope?: boolean;
  /** Free tags for selection: "positive", "negative", "tamper", "revocation", "timestamp", "multi", "cert-profile", … */
  tags: string[];
  /** PKI entity labels used (signer first), so a reader can look them up in pki.json. */
  pkiLabels: string[];
}

export interface DocumentEntry {
  id: string;
  file: string;
  mediaType: string;
  description: Text;
  /** Malformed documents: a signing application must refuse them with a clear error. */
  malformed: boolean;
}

/** KAMU SM signing-side scenario (QCA…): a certificate to drive a signature-creation application with, and what
 *  a conformant application does with it. Revocation is live: run the PKI's services (`uyum pki serve`) with
 *  their clock at `signingTime`. */
export interface SigningSideEntry {
  /** KAMU SM id as they write it: "QCA1_3", "QCA2", "QCB" */
  kamusm: string;
  pkiLabel: string;
  /** signer certificate (PEM), its chain up to the root (PEM), its PKCS#8 test key; relative to the manifest */
  certificate: string;
  chain: string;
  privateKey: string;
  /** the time the application signs at (the PKI's referenceTime) */
  signingTime: string;
  expected: "sign" | "refuse";
  reason: Text;
  /** "pki-tag": the PKI YAML tags the certificate with this id; "inferred": see `note` */
  mapping: "pki-tag" | "inferred";
  note?: string;
  outsideApiScope?: boolean;
}

export interface Manifest {
  manifestVersion: typeof MANIFEST_VERSION;
  /** The PKI config the vectors were generated from (as given on the command line). */
  pkiConfig: string;
  /** PKI written beside the vectors (pki.json etc.), relative to the manifest. */
  pkiDir: string;
  documents: DocumentEntry[];
  vectors: VectorEntry[];
  /** Certificates for signature-creation tests (optional: older manifests have none). */
  signingSide?: SigningSideEntry[];
}

const bilingual = {
  type: "object",
  additionalProperties: false,
  required: ["tr", "en"],
  properties: { tr: { type: "string", minLength: 1 }, en: { type: "string", minLength: 1 } },
} as const;

const relPath = { type: "string", minLength: 1, pattern: "^(?!/)(?!.*\\.\\./).+$" } as const;

const allSubIndications = [...new Set([...SUB_INDICATIONS["TOTAL-FAILED"], ...SUB_INDICATIONS.INDETERMINATE])];

/** The verdict a correct validator reaches (manifest entries, the KAMU SM scenario table). */
export const EXPECTED_VERDICT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["indication", "reason"],
  properties: {
    indication: { enum: [...INDICATIONS] },
    subIndication: { enum: allSubIndications },
    reason: bilingual,
  },
  // A sub-indication must belong to its indication (EN 319 102-1 table 5); TOTAL-PASSED has none.
  allOf: [
    {
      if: { properties: { indication: { const: "TOTAL-PASSED" } } },
      then: { not: { required: ["subIndication"] } },
    },
    {
      if: { properties: { indication: { const: "TOTAL-FAILED" } } },
      then: { properties: { subIndication: { enum: [...SUB_INDICATIONS["TOTAL-FAILED"]] } } },
    },
    {
      if: { properties: { indication: { const: "INDETERMINATE" } } },
      then: { properties: { subIndication: { enum: [...SUB_INDICATIONS.INDETERMINATE] } } },
    },
  ],
} as const;

/** JSON Schema (2020-12) of manifest.json. */
export const MANIFEST_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://uyum.invalid/schemas/vector-manifest.json",
  title: "uyum signature vector manifest",
  type: "object",
  additionalProperties: false,
  required: ["manifestVersion", "pkiConfig", "pkiDir", "documents", "vectors"],
  properties: {
    manifestVersion: { const: MANIFEST_VERSION },
    pkiConfig: { type: "string", minLength: 1 },
    pkiDir: relPath,
    documents: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "file", "mediaType", "description", "malformed"],
        properties: {
          id: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]*$" },
          file: relPath,
          mediaType: { type: "string", minLength: 1 },
          description: bilingual,
          malformed: { type: "boolean" },
        },
      },
    },
    signingSide: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "kamusm",
          "pkiLabel",
          "certificate",
          "chain",
          "privateKey",
          "signingTime",
          "expected",
          "reason",
          "mapping",
        ],
        properties: {
          kamusm: { type: "string", pattern: "^QC[A-Z0-9_]+$" },
          pkiLabel: { type: "string", minLength: 1 },
          certificate: relPath,
          chain: relPath,
          privateKey: relPath,
          signingTime: { type: "string", format: "date-time" },
          expected: { enum: ["sign", "refuse"] },
          reason: bilingual,
          mapping: { enum: ["pki-tag", "inferred"] },
          note: { type: "string", minLength: 1 },
          outsideApiScope: { type: "boolean" },
        },
        // an inferred mapping must say why
        if: { properties: { mapping: { const: "inferred" } } },
        then: { required: ["note"] },
      },
    },
    vectors: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "file",
          "scenario",
          "kamusm",
          "description",
          "format",
          "packaging",
          "level",
          "profile",
          "trustAnchors",
          "validationTime",
          "revocationSource",
          "expected",
          "signatureCount",
          "tags",
          "pkiLabels",
        ],
        properties: {
          id: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]*$" },
          file: relPath,
          detachedContent: relPath,
          scenario: { type: "string", minLength: 1 },
          kamusm: { type: "boolean" },
          description: bilingual,
          format: { enum: [...FORMATS] },
          packaging: { enum: [...PACKAGINGS] },
          level: { enum: [...LEVELS] },
          profile: { enum: [...PROFILES] },
          trustAnchors: { type: "array", minItems: 1, items: relPath },
          validationTime: { type: "string", format: "date-time" },
          revocationSource: { enum: [...REVOCATION_SOURCES] },
          signatureCount: { type: "integer", minimum: 1 },
          outsideApiScope: { type: "boolean" },
          tags: { type: "array", items: { type: "string" } },
          pkiLabels: { type: "array", items: { type: "string" } },
          expected: EXPECTED_VERDICT_SCHEMA,
        },
      },
    },
  },
} as const;

const WHAT = "vector manifest";
let compiled: ValidateFunction | undefined;
const validator = () => (compiled ??= makeAjv({ formats: true }).compile(MANIFEST_SCHEMA));

/** Schema check plus the rules a schema cannot say (unique ids). Throws a ValidationError listing every problem. */
export function checkManifest(data: unknown, file = "manifest.json", src: YamlSource = sourceOf(data, file)): Manifest {
  const label = listItemLabel(data, "vectors", "id", "vector ");
  const problems = schemaIssues(src, validator(), label);
  if (problems.length) throw new ValidationError(WHAT, problems);
  const manifest = data as Manifest;
  const seen = new Set<string>();
  manifest.vectors.forEach((v, i) => {
    if (seen.has(v.id)) problems.push(issueAt(src, ["vectors", i, "id"], `vector id "${v.id}" is not unique`, label));
    seen.add(v.id);
  });
  const seenQ = new Set<string>();
  (manifest.signingSide ?? []).forEach((q, i) => {
    if (seenQ.has(q.kamusm))
      problems.push(issueAt(src, ["signingSide", i, "kamusm"], `signing-side id "${q.kamusm}" is not unique`));
    seenQ.add(q.kamusm);
  });
  if (problems.length) throw new ValidationError(WHAT, problems);
  return manifest;
}

/** Read and check a manifest.json; the returned paths stay relative, resolve them with `resolveInManifest`. */
export function readManifest(file: string): Manifest {
  const { source, issues } = readYaml(file, file); // JSON is YAML: the same reader gives line numbers
  if (!source) throw new ValidationError(WHAT, issues);
  return checkManifest(source.data, file, source);
}

export function resolveInManifest(manifestFile: string, rel: string): string {
  return path.resolve(path.dirname(manifestFile), rel);
}
