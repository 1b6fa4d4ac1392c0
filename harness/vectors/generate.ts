// `uyum vectors`: documents + PKI + every scenario → files and manifest.json, byte-identical on every run.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildPki, loadPkiConfig, writePki, type Pki } from "../pki/index.ts";
import { UserError } from "../core/errors.ts";
import { IMPLIED_POLICY, turkishPolicy } from "../sign/common.ts";
import { VectorBuilder, chainOf } from "./build.ts";
import { makeDocuments, type GeneratedDocument } from "./documents.ts";
import { MANIFEST_SCHEMA, MANIFEST_VERSION, checkManifest, type Manifest, type VectorEntry } from "./manifest.ts";
import { allScenarios, type ScenarioDef } from "./scenarios.ts";
import { signingSideEntries } from "./signing-side.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;

export interface GenerateOptions {
  outDir: string;
  pkiConfig: string;
  /** only scenarios whose id matches (tests; the verify-vectors session: the kinds an application declares) */
  filter?: (s: ScenarioDef) => boolean;
  /** the PKI services' base URL the certificates name, instead of the config's (a campaign's vector set lives on
   *  a free port, never the fixed 18480); without it the fixed-date vector set is byte-identical on every run */
  baseUrl?: string;
}
export interface GenerateResult {
  manifest: Manifest;
  manifestFile: string;
  /** scenarios left out because the PKI lacks what they need, with the reason */
  skipped: Array<{ id: string; reason: string }>;
}

/** Resolve "label" or "tag:X" candidates against the PKI: entities first, then TSA definitions. */
function resolve(pki: Pki, candidates: string[], kind: "entity" | "tsa"): string | undefined {
  for (const c of candidates) {
    if (!c.startsWith("tag:")) {
      if (kind === "tsa" && pki.tsas.has(c)) return c;
      if (pki.entities.has(c)) return c;
      continue;
    }
    const t = c.slice(4);
    if (kind === "tsa")
      for (const d of pki.tsas.values()) if (d.kamusm?.includes(t) || d.scenario === t) return d.label;
    for (const e of pki.entities.values())
      if (
        (e.kamusm?.includes(t) || e.scenario === t) &&
        (kind === "tsa" ? e.role === "tsa" : e.role === "nes" || e.role === "other")
      )
        return e.label;
  }
  return undefined;
}

function defaultTsa(pki: Pki): string {
  for (const d of pki.tsas.values()) if (!d.fault && d.scenario?.startsWith("valid")) return d.label;
  const first = [...pki.tsas.values()].find((d) => !d.fault);
  if (!first) throw new UserError("the PKI defines no usable TSA (tsas:)");
  return first.label;
}

const EXT = { CAdES: "p7s", XAdES: "xml", PAdES: "pdf" } as const;

export async function generateVectors(o: GenerateOptions): Promise<GenerateResult> {
  const out = path.resolve(o.outDir);
  // the output is written fresh; only ever delete a directory that holds a previous vector set
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new UserError(`--out ${o.outDir}: exists and is not a directory`);
    if (readdirSync(out).length > 0 && !existsSync(path.join(out, "manifest.json")))
      throw new UserError(
        `--out ${o.outDir}: refusing to overwrite a non-empty directory that is not a vector set (no manifest.json)`,
      );
  }
  const config = loadPkiConfig(o.pkiConfig, o.baseUrl ? { baseUrl: o.baseUrl } : {});
  const pki = await buildPki(config);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writePki(pki, path.join(out, "pki"));

  const docs = makeDocuments();
  const docById = new Map<string, GeneratedDocument>(docs.map((d) => [d.id, d]));
  for (const d of docs) {
    await mkdir(path.join(out, path.dirname(d.file)), { recursive: true });
    await writeFile(path.join(out, d.file), d.bytes);
  }

  const builder = new VectorBuilder(pki);
  const tsaDefault = defaultTsa(pki);
  const signingTime = pki.referenceTime;
  // one trust anchor for every vector: the root of the PKI's valid NES (an "unknown root" stays untrusted)
  const trustRoot = chainOf(
    pki,
    resolve(pki, ["nes-rsa", "tag:BES_8"], "entity") ?? [...pki.entities.values()].find((e) => e.role === "nes")!.label,
  ).at(-1)!;
  const vectors: VectorEntry[] = [];
  const skipped: GenerateResult["skipped"] = [];
  for (const s of allScenarios().filter(o.filter ?? (() => true))) {
    const signer = resolve(pki, s.signer ?? ["nes-rsa"], "entity");
    const second = s.second ? resolve(pki, s.second, "entity") : undefined;
    const tsa = s.tsa ? resolve(pki, s.tsa, "tsa") : tsaDefault;
    const missingAnchors = (s.trustAnchors ?? []).filter((l) => !pki.entities.has(l));
    const missing = [
      !signer && `signer (${(s.signer ?? []).join(" | ")})`,
      s.second && !second && `second signer (${s.second.join(" | ")})`,
      !tsa && `TSA (${(s.tsa ?? []).join(" | ")})`,
      missingAnchors.length > 0 && `trust anchor (${missingAnchors.join(", ")})`,
    ].filter(Boolean);
    if (missing.length) {
      skipped.push({ id: s.id, reason: `the PKI has no ${missing.join(", ")}` });
      continue;
    }
    const doc = docById.get(s.document);
    if (!doc) throw new Error(`scenario ${s.id}: unknown document ${s.document}`);
    const file = `${s.format.toLowerCase()}/${s.id}.${EXT[s.format]}`;
    const profilePolicy =
      s.profile === "P2" || s.profile === "P3" || s.profile === "P4" ? turkishPolicy(s.profile) : undefined;
    const wantsPolicy = !["BES", "B-B", "B-T", "B-LT", "B-LTA"].includes(s.level);
    const policy = s.spec?.policy ?? (wantsPolicy ? (profilePolicy ?? IMPLIED_POLICY) : undefined);
    const detachedRel = path.relative(path.dirname(file), doc.file);
    let result;
    try {
      result = builder.build({
        format: s.format,
        packaging: s.packaging,
        level: s.level,
        profile: s.profile,
        document: { bytes: doc.bytes, file: detachedRel, mediaType: doc.mediaType.split(";")[0]! },
        signer: signer!,
        tsa: tsa!,
        signingTime,
        tsTime: new Date(signingTime.getTime() + (s.tsOffsetMinutes ?? 5) * MIN),
        signerRevocation: s.signerRevocation ?? (s.profile === "P4" ? "ocsp" : "crl"),
        tsFault: s.tsFault,
        multi: s.multi && second ? { kind: s.multi, signer: second } : undefined,
        ...(s.validatedAfterMinutes !== undefined
          ? { revocationAt: new Date(signingTime.getTime() + (s.validatedAfterMinutes - 60) * MIN) }
          : {}),
        ...s.spec,
        policy,
      });
    } catch (err) {
      throw new Error(`vector ${s.id}: ${(err as Error).message}`, { cause: err });
    }
    await mkdir(path.join(out, path.dirname(file)), { recursive: true });
    const bytes = s.damage ? damage(result.bytes, s.damage) : result.bytes;
    await writeFile(path.join(out, file), bytes);
    const root = trustRoot;
    vectors.push({
      id: s.id,
      file,
      ...(s.packaging === "detached" && !s.withholdContent ? { detachedContent: doc.file } : {}),
      scenario: s.scenario,
      kamusm: s.kamusm,
      description: s.description,
      format: s.format,
      packaging: s.packaging,
      level: s.level,
      profile: s.profile,
      trustAnchors: [`pki/certs/${root.label}.pem`, ...(s.trustAnchors ?? []).map((l) => `pki/certs/${l}.pem`)],
      validationTime: validationTimeOf(s, result, signingTime, pki.validationTime)
        .toISOString()
        .replace(/\.000Z$/, "Z"),
      revocationSource: result.embedded ? "embedded" : "live",
      expected: s.expected,
      signatureCount: result.signatureCount,
      ...(s.outsideApiScope ? { outsideApiScope: true } : {}),
      tags: s.tags,
      pkiLabels: result.labels,
    });
  }

  const signing = signingSideEntries(pki, signingTime.toISOString().replace(/\.000Z$/, "Z"));
  for (const id of signing.missing)
    skipped.push({ id: `signing-side ${id}`, reason: "the PKI has no NES certificate tagged with it" });
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    pkiConfig: o.pkiConfig,
    pkiDir: "pki",
    documents: docs.map((d) => ({
      id: d.id,
      file: d.file,
      mediaType: d.mediaType,
      description: d.description,
      malformed: d.malformed,
    })),
    vectors,
    signingSide: signing.entries,
  };
  checkManifest(JSON.parse(JSON.stringify(manifest)), "generated manifest");
  const manifestFile = path.join(out, "manifest.json");
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
  await writeFile(path.join(out, "manifest.schema.json"), JSON.stringify(MANIFEST_SCHEMA, null, 2) + "\n");
  if (skipped.length) await writeFile(path.join(out, "skipped.json"), JSON.stringify(skipped, null, 2) + "\n");
  await writeFile(path.join(out, "SCENARIOS.md"), scenarioTable(manifest));
  return { manifest, manifestFile, skipped };
}

/** Embedded revocation data: an hour after it was gathered; live: the PKI's validation time; either way the
 *  scenario's own moment when it names one (inside a grace period). */
function validationTimeOf(
  s: ScenarioDef,
  r: { embedded: boolean; revocationTime: Date },
  signingTime: Date,
  pkiValidationTime: Date,
): Date {
  if (s.validatedAfterMinutes !== undefined) return new Date(signingTime.getTime() + s.validatedAfterMinutes * MIN);
  return r.embedded ? new Date(r.revocationTime.getTime() + HOUR) : pkiValidationTime;
}

/** Malformed-signature vectors: a whole, valid signature spoiled in a way any parser must survive. */
function damage(b: Uint8Array, how: NonNullable<ScenarioDef["damage"]>): Uint8Array {
  if (how === "truncate") return b.subarray(0, Math.floor(b.length / 2));
  // "garble": overwrite the middle third with a repeating pattern (keeps the length and the header)
  const c = Uint8Array.from(b);
  for (let i = Math.floor(c.length / 3); i < Math.floor((2 * c.length) / 3); i++) c[i] = 0x3c;
  return c;
}

/** Counts by format, level, scenario class and verdict, as printed at the end of generation. */
export function printCounts(m: Manifest, skipped: GenerateResult["skipped"] = []): string {
  const count = (key: (v: VectorEntry) => string) => {
    const c = new Map<string, number>();
    for (const v of m.vectors) c.set(key(v), (c.get(key(v)) ?? 0) + 1);
    return [...c.entries()]
      .sort((a, b) => a[0].localeCompare(b[0], "en", { numeric: true }))
      .map(([k, n]) => `${k}=${n}`)
      .join("  ");
  };
  const lines = [
    `vectors: ${m.vectors.length}  documents: ${m.documents.length}  skipped: ${skipped.length}`,
    `by format: ${count((v) => v.format)}`,
    `by level: ${count((v) => `${v.format}-${v.level}`)}`,
    `by verdict: ${count((v) => v.expected.indication)}`,
    `by class: ${count((v) => (v.kamusm ? "kamusm" : v.scenario))}`,
    `KAMU SM scenarios: ${count((v) => (v.kamusm ? v.scenario : "-")).replace(/(^|\s)-=\d+/, "")}`,
  ];
  for (const s of skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  return lines.join("\n") + "\n";
}

/** Markdown: scenario class → KAMU SM number → vector ids and expected verdict (the closing-report table). */
export function scenarioTable(m: Manifest): string {
  const groups = new Map<string, VectorEntry[]>();
  for (const v of m.vectors) {
    const key = `${v.kamusm ? "kamusm" : "class"}\u0000${v.scenario}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(v);
  }
  const keys = [...groups.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const CLASS: Record<string, string> = {
    level: "Levels × packagings, RSA and ECDSA (valid)",
    "profile-P2": "Turkish profile P2 (ES-T, CRL)",
    "profile-P3": "Turkish profile P3 (ES-X-L / ES-A, CRL)",
    "profile-P4": "Turkish profile P4 (ES-X-L / ES-A, OCSP)",
    "multi-serial": "Serial signatures (counter-signature; sequential PAdES)",
    "multi-parallel": "Parallel signatures",
    "tsa-own-root":
      "Controls for P4_11 / 101: TSA under its own root (a second trust anchor), its root and CRL embedded (valid)",
  };
  let out = "| scenario (class) | KAMU SM no. | expected | vectors |\n| --- | --- | --- | --- |\n";
  for (const k of keys) {
    const vs = groups.get(k)!;
    const v0 = vs[0]!;
    const verdicts = [
      ...new Set(
        vs.map(
          (v) =>
            `${v.expected.indication}${v.expected.subIndication ? "/" + v.expected.subIndication : ""}${vs.length > 1 ? ` (${v.level})` : ""}`,
        ),
      ),
    ];
    const uniqVerdicts = [
      ...new Set(
        vs.map((v) => `${v.expected.indication}${v.expected.subIndication ? "/" + v.expected.subIndication : ""}`),
      ),
    ];
    out += `| ${(!v0.kamusm && CLASS[v0.scenario]) || v0.description.en}${v0.outsideApiScope ? " (outside API scope)" : ""} | ${v0.kamusm ? v0.scenario : "–"} | ${uniqVerdicts.length === 1 ? uniqVerdicts[0] : verdicts.join("; ")} | ${vs.map((v) => "`" + v.id + "`").join(" ")} |\n`;
  }
  return out;
}

let cached: Promise<string> | undefined;
/** Generate the default vector set once per process into a temp dir; returns the dir (manifest.json inside).
 *  For other concerns' tests (harness/ades uses it as its main test input). */
export function ensureVectors(pkiConfig = "vectors/pki/kamusm-test-pki.yaml"): Promise<string> {
  cached ??= (async () => {
    const dir = path.join(os.tmpdir(), `uyum-vectors-${process.pid}`);
    await generateVectors({ outDir: dir, pkiConfig });
    return dir;
  })();
  return cached;
}
