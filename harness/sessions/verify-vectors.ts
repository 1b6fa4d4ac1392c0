// verify-vectors: the verifier-agreement engine. The campaign's own vector set (harness/vectors, the KAMU SM
// scenario matrix with expected ETSI verdicts) is built in the session's work directory with its PKI services on a
// free port; every vector whose format, packaging, level and profile the application declares is given to the
// application's verifier with the services' clock at the vector's validation time (and the time told, where the
// driver can), and to uyum's validator on the same bytes at the same time. Each answer is a row of the matrix
// (vector × expected × app × uyum); an application that crashes or hangs on one gives a "no-answer" row and the
// session goes on.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { parseCert, pemOrDer, validateBytes, type ValidationResult } from "../ades/index.ts";
import type { Text } from "../core/text.ts";
import type { VerifyingFace } from "../drivers/face.ts";
import type { SettableClock, Services } from "../pki/index.ts";
import type { AppProfile } from "../profile/types.ts";
import { resolveInManifest, type VectorEntry } from "../vectors/manifest.ts";
import { allScenarios, type ScenarioDef } from "../vectors/scenarios.ts";
import type { VerifierRow, VerifyVectorsEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { VECTOR_PKI_CONFIG, withSessionVectors } from "./session-vectors.ts";

/** The vector set's PKI config: the fixed-date test PKI the vectors are made under. */
export { VECTOR_PKI_CONFIG };

type Kind = Pick<VectorEntry, "format" | "packaging" | "level" | "profile">;

/** Levels that ask nothing of a Turkish profile beyond themselves: a P1 vector is declared with its level. */
const P1_LEVELS = new Set(["BES", "EPES", "B-B"]);

/**
 * Whether the profile's capabilities declare a vector's kind; undefined when they do, else why not (tr/en). A list
 * the profile does not give does not restrict. A malformed-input vector (level "none") goes with its format: a
 * verifier of CAdES must survive a spoiled CAdES file.
 */
export function notDeclaredReason(profile: AppProfile, v: Kind): Text | undefined {
  const caps = (profile.capabilities ?? {}) as {
    signatureFormats?: string[];
    signatureLevels?: string[];
    signatureProfiles?: string[];
    packagings?: string[];
  };
  if (caps.signatureFormats && !caps.signatureFormats.includes(v.format))
    return {
      tr: `uygulama ${v.format} biçimini bildirmiyor (signatureFormats: ${caps.signatureFormats.join(", ")})`,
      en: `the application does not declare ${v.format} (signatureFormats: ${caps.signatureFormats.join(", ")})`,
    };
  if (v.level !== "none" && caps.signatureLevels && !caps.signatureLevels.includes(v.level))
    return {
      tr: `uygulama ${v.format}-${v.level} seviyesini bildirmiyor (signatureLevels: ${caps.signatureLevels.join(", ")})`,
      en: `the application does not declare the level ${v.format}-${v.level} (signatureLevels: ${caps.signatureLevels.join(", ")})`,
    };
  if (caps.packagings && !caps.packagings.includes(v.packaging))
    return {
      tr: `uygulama ${v.packaging} paketlemeyi bildirmiyor (packagings: ${caps.packagings.join(", ")})`,
      en: `the application does not declare ${v.packaging} packaging (packagings: ${caps.packagings.join(", ")})`,
    };
  const profileDeclared =
    v.profile === "none" ||
    !caps.signatureProfiles ||
    caps.signatureProfiles.includes(v.profile) ||
    (v.profile === "P1" && P1_LEVELS.has(v.level));
  if (!profileDeclared)
    return {
      tr: `uygulama ${v.profile} imza profilini bildirmiyor (signatureProfiles: ${caps.signatureProfiles!.join(", ")})`,
      en: `the application does not declare the signature profile ${v.profile} (signatureProfiles: ${caps.signatureProfiles!.join(", ")})`,
    };
  return undefined;
}

export interface VerifyVectorsOptions {
  /** only these scenarios (tests, benchmarks, a campaign's selection); the others are neither given nor listed */
  only?: (s: ScenarioDef) => boolean;
  /** the campaign's selectors behind `only`, recorded in the evidence */
  selected?: string[];
  /** how many vectors (of one validation time) the application is given at once; default min(4, CPUs) */
  concurrency?: number;
}

/** The catalogue check ids that did not pass (failed or indeterminate), the file's and each signature's. */
export function failedChecks(r: ValidationResult): string[] {
  const all = [...r.checks, ...r.signatures.flatMap((s) => s.checks)];
  return [...new Set(all.filter((c) => c.result === "failed" || c.result === "indeterminate").map((c) => c.id))];
}

export async function verifyVectors(ctx: SessionContext, o: VerifyVectorsOptions = {}): Promise<VerifyVectorsEvidence> {
  const scenarios = allScenarios().filter(o.only ?? (() => true));
  const notDeclared: VerifyVectorsEvidence["notDeclared"] = [];
  const declared = new Set<string>();
  for (const s of scenarios) {
    const reason = notDeclaredReason(ctx.profile, s);
    if (reason) notDeclared.push({ vector: s.id, scenario: s.scenario, reason });
    else declared.add(s.id);
  }
  const face = ctx.app.verifying;
  const selected = o.selected ? { selected: o.selected } : {};
  const empty = (why: Text): VerifyVectorsEvidence => ({
    rows: [],
    notDeclared,
    timeTold: false,
    matrix: ctx.evidence.put(
      "validation-report",
      JSON.stringify({ rows: [], notDeclared, unavailable: why, ...selected }),
      "json",
    ),
    unavailable: why,
    ...selected,
  });
  if (!face)
    return empty({
      tr: `uygulamanın sürücüsü (${ctx.app.driver}) bir doğrulama yolu sunmuyor (profilde driver.settings.verify yok)`,
      en: `the application's driver (${ctx.app.driver}) offers no verifier (the profile has no driver.settings.verify)`,
    });
  if (declared.size === 0)
    return empty({
      tr: "uygulamanın bildirdiği biçim ve seviyelerde test imzası yok",
      en: "no test signature is in a format and level the application declares",
    });
  if (face.upTo !== undefined && declared.size > face.upTo)
    return empty({
      tr: `uygulamanın doğrulama sayfası tarayıcı üzerinden kampanya başına en çok ${face.upTo} test imzası doğrular (sayfa nesnesinin verifyPage.asVerifier.upTo ayarı; imza başına birkaç saniye); bu kampanya ${declared.size} imza gerektiriyor. Doğrulama maddeleri birkaçı seçilerek (--only) ya da uygulamanın komut satırı veya HTTP yüzüyle değerlendirilir`,
      en: `the application's verification page verifies at most ${face.upTo} test signatures per campaign through the browser (the page object's verifyPage.asVerifier.upTo; seconds per signature); this campaign needs ${declared.size}. Assess the verification items a few at a time (--only), or through the application's command-line or HTTP face`,
    });

  return withSessionVectors(
    ctx,
    "verify-vectors",
    declared,
    {},
    async ({ manifest, manifestFile, pkiDir, services, clock }) => {
      const concurrency = Math.max(1, o.concurrency ?? Math.min(4, availableParallelism()));
      const rows = await giveVectors(
        ctx,
        face,
        manifest.vectors,
        manifestFile,
        pkiDir,
        services.baseUrl,
        clock,
        services,
        concurrency,
      );
      const matrix = ctx.evidence.put(
        "validation-report",
        JSON.stringify({ rows, notDeclared, timeTold: face.tellsTime, ...selected }, null, 2),
        "json",
      );
      ctx.evidence.put("validation-report", matrixTable(rows, notDeclared), "md");
      return { rows, notDeclared, timeTold: face.tellsTime, matrix, ...selected };
    },
  );
}

async function giveVectors(
  ctx: SessionContext,
  face: VerifyingFace,
  vectors: VectorEntry[],
  manifestFile: string,
  pkiDir: string,
  baseUrl: string,
  clock: SettableClock,
  services: Services,
  concurrency: number,
): Promise<VerifierRow[]> {
  const rows: VerifierRow[] = new Array(vectors.length);
  const started = performance.now();
  let done = 0;
  const one = async (i: number) => {
    const v = vectors[i]!;
    const at = new Date(v.validationTime);
    const read = (rel: string) => new Uint8Array(readFileSync(resolveInManifest(manifestFile, rel)));
    const bytes = read(v.file);
    const detached = v.detachedContent ? read(v.detachedContent) : undefined;
    const anchorsPem = v.trustAnchors.map((a) => readFileSync(resolveInManifest(manifestFile, a), "utf8")).join("");
    // uyum's own verdict is reached while the application works on the same vector: its slot is not left idle
    const [attempt, uyum] = await Promise.all([
      face.verify(
        { bytes, ext: extname(v.file).slice(1) },
        { detached, at, name: v.id, pki: { dir: pkiDir, baseUrl, anchorsPem } },
      ),
      uyumVerdict(v, bytes, detached, anchorsPem, at),
    ]);
    const said = [attempt.run?.stdout ?? "", attempt.run?.stderr ? `--- stderr ---\n${attempt.run.stderr}` : ""]
      .filter(Boolean)
      .join("\n");
    const ref =
      said || attempt.text ? { ...ctx.evidence.put("stdout", said || attempt.text, "txt"), locator: v.id } : undefined;
    rows[i] = {
      vector: v.id,
      scenario: v.scenario,
      kamusm: v.kamusm,
      tags: v.tags,
      format: v.format,
      packaging: v.packaging,
      level: v.level,
      profile: v.profile,
      validationTime: v.validationTime,
      expected: {
        indication: v.expected.indication,
        ...(v.expected.subIndication ? { subIndication: v.expected.subIndication } : {}),
      },
      app: {
        verdict: attempt.verdict,
        text: attempt.text.length > 2000 ? `${attempt.text.slice(0, 2000)}…` : attempt.text,
        ...(attempt.ended ? { ended: attempt.ended } : {}),
      },
      uyum,
      ...(ref ? { ref } : {}),
    };
    if (++done % 20 === 0 || done === vectors.length)
      ctx.progress(
        `verify-vectors: ${done}/${vectors.length} (${(done / ((performance.now() - started) / 1000)).toFixed(1)}/s), ` +
          `app agrees with expected on ${rows.filter((r) => r && agrees(r)).length}`,
      );
  };
  // The services have one clock: vectors are given in groups that share a validation time, each group's vectors
  // side by side (the app's start-up is most of its time per vector), the clock set once per group. A vector whose
  // revocation data is all inside it ("embedded") is judged on that data: the services are down while it is given,
  // so a verifier cannot trade the scenario's bad CRL or OCSP answer for a fresh good one from the network.
  const groups = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    const key = `${v.validationTime}|${v.revocationSource}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
  });
  for (const [key, idx] of groups) {
    const [time, source] = key.split("|");
    clock.set(new Date(time!));
    if (source === "embedded") services.setFault("*", { fault: "down" });
    else services.clearFaults();
    let next = 0;
    const worker = async () => {
      while (next < idx.length) await one(idx[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, idx.length) }, worker));
  }
  return rows;
}

async function uyumVerdict(
  v: VectorEntry,
  bytes: Uint8Array,
  detachedContent: Uint8Array | undefined,
  anchorsPem: string,
  at: Date,
): Promise<VerifierRow["uyum"]> {
  try {
    const r = await validateBytes(v.file, bytes, {
      anchors: pemOrDer(new TextEncoder().encode(anchorsPem)).map(parseCert),
      at,
      detachedContent,
      fetch: v.revocationSource === "live",
      fetchTimeoutMs: 3000,
    });
    return {
      indication: r.indication,
      ...(r.subIndication ? { subIndication: r.subIndication } : {}),
      failedChecks: failedChecks(r),
    };
  } catch {
    // our own fault, never a verdict on the vector
    return { indication: "INDETERMINATE", failedChecks: ["internal-error"] };
  }
}

const APP_INDICATION = { valid: "TOTAL-PASSED", invalid: "TOTAL-FAILED", indeterminate: "INDETERMINATE" } as const;

/** Whether the application's verdict is the expected indication (no-answer never agrees). */
export function agrees(r: VerifierRow): boolean {
  return r.app.verdict !== "no-answer" && APP_INDICATION[r.app.verdict] === r.expected.indication;
}

/** The matrix as a table a reader opens: one line per vector, then the vectors not given and why. */
export function matrixTable(rows: VerifierRow[], notDeclared: VerifyVectorsEvidence["notDeclared"]): string {
  const ind = (i: string, s?: string) => `${i}${s ? `/${s}` : ""}`;
  let out =
    `# Doğrulayıcı uyum matrisi / verifier agreement matrix\n\n` +
    `${rows.length} vectors given, ${rows.filter(agrees).length} answered as expected, ` +
    `${rows.filter((r) => r.app.verdict === "no-answer").length} without an answer; ${notDeclared.length} not declared.\n\n` +
    `| vector | KAMU SM | time | expected | app | uyum | failed checks (uyum) | agrees |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n`;
  for (const r of rows)
    out += `| ${r.vector} | ${r.kamusm ? r.scenario : "–"} | ${r.validationTime} | ${ind(r.expected.indication, r.expected.subIndication)} | ${r.app.verdict}${r.app.ended ? ` (${r.app.ended})` : ""} | ${ind(r.uyum.indication, r.uyum.subIndication)} | ${r.uyum.failedChecks.join(" ")} | ${agrees(r) ? "✓" : "✗"} |\n`;
  if (notDeclared.length) {
    out += `\n## Verilmeyenler / not given\n\n| vector | scenario | why |\n| --- | --- | --- |\n`;
    for (const n of notDeclared) out += `| ${n.vector} | ${n.scenario} | ${n.reason.tr} / ${n.reason.en} |\n`;
  }
  return out;
}
