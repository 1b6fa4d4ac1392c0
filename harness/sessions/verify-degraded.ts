// verify-degraded: the application's verifier with the PKI's services degraded. A few valid vectors of the campaign's
// vector set (KAMU SM scenario 8, "valid signature", in each kind the application declares) are given to its
// verifier under each condition: the CRL service down, OCSP down, both, both slower than any sane timeout, a stale
// CRL (nextUpdate past) with OCSP down, a stale OCSP answer with the CRL down, the TSA down; a vector whose
// revocation data is inside it (X-L, B-LT) also with every service down. uyum's validator verifies the same bytes
// in the same condition. What a conformant verifier does: never "valid" for want of revocation data
// (INDETERMINATE / TRY_LATER, or invalid with the reason), "valid" with the services up, "valid" offline on a
// signature that carries its own validation data. The probes judge that (harness/probes/verification/degraded.ts).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import type { Text } from "../core/text.ts";
import type { VerifyingFace } from "../drivers/face.ts";
import { loadPkiConfig, SettableClock, startPkiServices, type FaultSetting, type Services } from "../pki/index.ts";
import { generateVectors } from "../vectors/generate.ts";
import { resolveInManifest, type VectorEntry } from "../vectors/manifest.ts";
import { allScenarios } from "../vectors/scenarios.ts";
import type { DegradedCondition, DegradedRow, VerifyDegradedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { failedChecks, notDeclaredReason, VECTOR_PKI_CONFIG } from "./verify-vectors.ts";

/** Longer than any verifier should wait for a CRL or OCSP answer (the reference app gives up after 10 s). */
export const SLOW_DELAY_MS = 12_000;

export interface ConditionDef {
  id: DegradedCondition;
  /** the faults, given the vectors' signing time (a stale answer is one issued before it) */
  faults: (signedAt: Date) => [target: string, setting: FaultSetting][];
  /** no usable revocation data can be reached in this condition */
  deprives: boolean;
  /** which vectors it is tried on */
  on: "live" | "timestamped" | "embedded" | "all";
}

const down: FaultSetting = { fault: "down" };
/** Issued an hour before the signature: past its nextUpdate at the validation time, and silent on the signing. */
const staleFor = (signedAt: Date): FaultSetting => ({ fault: "stale", issuedAt: new Date(signedAt.getTime() - HOUR) });
const HOUR = 3_600_000;

export const CONDITIONS: ConditionDef[] = [
  { id: "services-up", faults: () => [], deprives: false, on: "all" },
  // one source down: the other may still answer (a verifier that falls back may say valid; uyum's verdict shows it)
  { id: "crl-down", faults: () => [["crl", down]], deprives: false, on: "live" },
  { id: "ocsp-down", faults: () => [["ocsp", down]], deprives: false, on: "live" },
  {
    id: "revocation-down",
    faults: () => [
      ["crl", down],
      ["ocsp", down],
    ],
    deprives: true,
    on: "live",
  },
  {
    id: "revocation-slow",
    faults: () => [
      ["crl", { fault: "slow", delayMs: SLOW_DELAY_MS }],
      ["ocsp", { fault: "slow", delayMs: SLOW_DELAY_MS }],
    ],
    deprives: true,
    on: "live",
  },
  {
    id: "crl-stale",
    faults: (t) => [
      ["crl", staleFor(t)],
      ["ocsp", down],
    ],
    deprives: true,
    on: "live",
  },
  {
    id: "ocsp-stale",
    faults: (t) => [
      ["ocsp", staleFor(t)],
      ["crl", down],
    ],
    deprives: true,
    on: "live",
  },
  // verifying a time-stamp needs the TSA's certificates and their status, never the TSA itself
  { id: "tsa-down", faults: () => [["tsa", down]], deprives: false, on: "timestamped" },
  { id: "all-down", faults: () => [["*", down]], deprives: false, on: "embedded" },
];

const TIMESTAMPED = /^(T|C|X-Type1|X-Type2|X-L|A|B-T|B-LT|B-LTA)$/;

function conditionsFor(v: VectorEntry): ConditionDef[] {
  return CONDITIONS.filter(
    (c) =>
      c.on === "all" ||
      (c.on === "embedded" && v.revocationSource === "embedded") ||
      (c.on === "live" && v.revocationSource === "live") ||
      (c.on === "timestamped" && v.revocationSource === "live" && TIMESTAMPED.test(v.level)),
  );
}

/** The valid vectors the session uses: KAMU SM's scenario 8 in every kind (packaging aside) the profile declares. */
const CANDIDATE = (s: { scenario: string; expected: { indication: string } }) =>
  s.scenario === "8" && s.expected.indication === "TOTAL-PASSED";

export interface VerifyDegradedOptions {
  /** only these of the session's vectors (tests) */
  only?: (vectorId: string) => boolean;
}

export async function verifyDegraded(
  ctx: SessionContext,
  o: VerifyDegradedOptions = {},
): Promise<VerifyDegradedEvidence> {
  const face = ctx.app.verifying;
  const declared = new Set(
    allScenarios()
      .filter((s) => CANDIDATE(s) && !notDeclaredReason(ctx.profile, s) && (o.only?.(s.id) ?? true))
      .map((s) => s.id),
  );
  const empty = (why: Text): VerifyDegradedEvidence => ({
    rows: [],
    slowDelayMs: SLOW_DELAY_MS,
    timeTold: false,
    matrix: ctx.evidence.put("validation-report", JSON.stringify({ rows: [], unavailable: why }), "json"),
    unavailable: why,
  });
  if (!face)
    return empty({
      tr: `uygulamanın sürücüsü (${ctx.app.driver}) bir doğrulama yolu sunmuyor (profilde driver.settings.verify yok)`,
      en: `the application's driver (${ctx.app.driver}) offers no verifier (the profile has no driver.settings.verify)`,
    });
  if (declared.size === 0)
    return empty({
      tr: "uygulamanın bildirdiği biçim ve seviyelerde geçerli test imzası (senaryo 8) yok",
      en: "no valid test signature (scenario 8) is in a format and level the application declares",
    });

  const ownWork = ctx.workDir ? undefined : mkdtempSync(join(tmpdir(), "uyum-verify-degraded-"));
  const work = join(ctx.workDir ?? ownWork!, "verify-degraded");
  const clock = new SettableClock(new Date(0));
  // the session's own services (not the campaign's): the vectors name them, and their faults touch nothing else
  const services = await startPkiServices(loadPkiConfig(VECTOR_PKI_CONFIG), { clock, maxDelayMs: SLOW_DELAY_MS });
  try {
    ctx.progress(`verify-degraded: making ${declared.size} vectors for ${services.baseUrl}…`);
    const { manifest, manifestFile } = await generateVectors({
      outDir: join(work, "vectors"),
      pkiConfig: VECTOR_PKI_CONFIG,
      baseUrl: services.baseUrl,
      filter: (s) => declared.has(s.id),
    });
    const pkiDir = resolveInManifest(manifestFile, manifest.pkiDir);
    const rows = await giveUnderConditions(ctx, face, manifest.vectors, manifestFile, pkiDir, services, clock);
    const matrix = ctx.evidence.put(
      "validation-report",
      JSON.stringify({ rows, slowDelayMs: SLOW_DELAY_MS, timeTold: face.tellsTime }, null, 2),
      "json",
    );
    ctx.evidence.put("validation-report", degradedTable(rows), "md");
    return { rows, slowDelayMs: SLOW_DELAY_MS, timeTold: face.tellsTime, matrix };
  } finally {
    services.clearFaults();
    await services.stop();
    if (ownWork) rmSync(ownWork, { recursive: true, force: true });
  }
}

async function giveUnderConditions(
  ctx: SessionContext,
  face: VerifyingFace,
  vectors: VectorEntry[],
  manifestFile: string,
  pkiDir: string,
  services: Services,
  clock: SettableClock,
): Promise<DegradedRow[]> {
  const rows: DegradedRow[] = [];
  const read = (rel: string) => new Uint8Array(readFileSync(resolveInManifest(manifestFile, rel)));
  for (const cond of CONDITIONS) {
    const given = vectors.filter((v) => conditionsFor(v).includes(cond));
    if (given.length === 0) continue;
    ctx.progress(`verify-degraded: ${cond.id} (${given.length} vectors)`);
    // one condition at a time, its vectors side by side (same faults); the clock per vector group is the same
    // validation time for every vector of scenario 8, set from each vector to be sure
    const times = new Set(given.map((v) => v.validationTime));
    for (const time of times) {
      clock.set(new Date(time));
      services.clearFaults();
      const faults = cond.faults(services.pki.referenceTime);
      for (const [target, setting] of faults) services.setFault(target, { ...setting });
      const here = given.filter((v) => v.validationTime === time);
      const lateBefore = services.slowAnswersSent;
      const out = await Promise.all(
        here.map(async (v): Promise<DegradedRow> => {
          const bytes = read(v.file);
          const detached = v.detachedContent ? read(v.detachedContent) : undefined;
          const anchorsPem = v.trustAnchors
            .map((a) => readFileSync(resolveInManifest(manifestFile, a), "utf8"))
            .join("");
          const at = new Date(v.validationTime);
          const started = performance.now();
          const attempt = await face.verify(
            { bytes, ext: extname(v.file).slice(1) },
            {
              detached,
              at,
              name: `${v.id}-${cond.id}`,
              pki: { dir: pkiDir, baseUrl: services.baseUrl, anchorsPem },
            },
          );
          const elapsedMs = Math.round(performance.now() - started);
          const uyum = await uyumVerdict(v, bytes, detached, anchorsPem, at);
          const said = [attempt.run?.stdout ?? "", attempt.run?.stderr ? `--- stderr ---\n${attempt.run.stderr}` : ""]
            .filter(Boolean)
            .join("\n");
          const ref =
            said || attempt.text
              ? { ...ctx.evidence.put("stdout", said || attempt.text, "txt"), locator: `${v.id}@${cond.id}` }
              : undefined;
          return {
            vector: v.id,
            scenario: v.scenario,
            format: v.format,
            level: v.level,
            profile: v.profile,
            revocationSource: v.revocationSource === "embedded" ? "embedded" : "live",
            condition: cond.id,
            faults: faults.map(
              ([t, f]) =>
                `${t}: ${f.fault}${f.delayMs ? ` ${f.delayMs} ms` : ""}${f.issuedAt ? ` (issued ${f.issuedAt.toISOString()})` : ""}`,
            ),
            deprives: cond.deprives,
            validationTime: v.validationTime,
            app: {
              verdict: attempt.verdict,
              text: attempt.text.length > 2000 ? `${attempt.text.slice(0, 2000)}…` : attempt.text,
              ...(attempt.ended ? { ended: attempt.ended } : {}),
              elapsedMs,
            },
            uyum,
            ...(ref ? { ref } : {}),
          };
        }),
      );
      const late = services.slowAnswersSent - lateBefore;
      rows.push(...out.map((r) => (cond.id === "revocation-slow" ? { ...r, lateAnswers: late } : r)));
    }
  }
  services.clearFaults();
  return rows;
}

async function uyumVerdict(
  v: VectorEntry,
  bytes: Uint8Array,
  detachedContent: Uint8Array | undefined,
  anchorsPem: string,
  at: Date,
): Promise<DegradedRow["uyum"]> {
  try {
    const r = await validateBytes(v.file, bytes, {
      anchors: pemOrDer(new TextEncoder().encode(anchorsPem)).map(parseCert),
      at,
      detachedContent,
      fetch: true,
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

/** The matrix as a table a reader opens: one line per vector and condition. */
export function degradedTable(rows: DegradedRow[]): string {
  const ind = (i: string, s?: string) => `${i}${s ? `/${s}` : ""}`;
  let out =
    `# Bozuk servislerle doğrulama / verification with degraded services\n\n` +
    `| vector | condition | faults | no revocation data reachable | app | app time (ms) | uyum |\n| --- | --- | --- | --- | --- | --- | --- |\n`;
  for (const r of rows)
    out += `| ${r.vector} | ${r.condition} | ${r.faults.join(", ") || "–"} | ${r.deprives ? "yes" : "no"} | ${r.app.verdict}${r.app.ended ? ` (${r.app.ended})` : ""} | ${r.app.elapsedMs} | ${ind(r.uyum.indication, r.uyum.subIndication)} |\n`;
  return out;
}
