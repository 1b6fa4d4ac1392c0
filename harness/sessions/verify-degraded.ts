// verify-degraded: the application's verifier with the PKI's services degraded. A few valid vectors of the campaign's
// vector set (KAMU SM scenario 8, "valid signature", in each kind the application declares) are given to its
// verifier under each condition: the CRL service down, OCSP down, both, both slower than any sane timeout, a stale
// CRL (nextUpdate past) with OCSP down, a stale OCSP answer with the CRL down, the TSA down; a vector whose
// revocation data is inside it (X-L, B-LT) also with every service down. uyum's validator verifies the same bytes
// in the same condition. What a conformant verifier does: never "valid" for want of revocation data
// (INDETERMINATE / TRY_LATER, or invalid with the reason), "valid" with the services up, "valid" offline on a
// signature that carries its own validation data. The probes judge that (harness/probes/verification/degraded.ts).
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parseCert, pemOrDer, validateBytes } from "../ades/index.ts";
import { children, concat, isCtx, parseDer, tlv, whole } from "../asn1/der.ts";
import type { Text } from "../core/text.ts";
import type { VerifyingFace } from "../drivers/face.ts";
import type { FaultSetting, Services, SettableClock } from "../pki/index.ts";
import { resolveInManifest, type VectorEntry } from "../vectors/manifest.ts";
import { allScenarios } from "../vectors/scenarios.ts";
import type { DegradedCondition, DegradedRow, VerifyDegradedEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { withSessionVectors } from "./session-vectors.ts";
import { failedChecks, notDeclaredReason } from "./verify-vectors.ts";

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
/** Issued 8 days before the signature: expired before it was made (CRLs last 7 days, OCSP answers 1), so no rule can
 *  take it as the status at the signing time or at the validation time. */
const staleFor = (signedAt: Date): FaultSetting => ({
  fault: "stale",
  issuedAt: new Date(signedAt.getTime() - 8 * DAY),
});
const DAY = 86_400_000;

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

  // the session's own services (not the campaign's): the vectors name them, and their faults touch nothing else
  return withSessionVectors(
    ctx,
    "verify-degraded",
    declared,
    { maxDelayMs: SLOW_DELAY_MS },
    async ({ manifest, manifestFile, pkiDir, services, clock }) => {
      const read = (rel: string) => new Uint8Array(readFileSync(resolveInManifest(manifestFile, rel)));
      const given: Given[] = manifest.vectors.map((v) => ({
        v,
        bytes: read(v.file),
        detached: v.detachedContent ? read(v.detachedContent) : undefined,
        anchorsPem: v.trustAnchors.map((a) => readFileSync(resolveInManifest(manifestFile, a), "utf8")).join(""),
      }));
      // every CAdES vector carries its CRLs; without them (unsigned data: the signature stays valid) a CAdES-BES must
      // fetch its revocation data, so a CAdES verifier meets the live conditions too
      for (const g of [...given])
        if (g.v.format === "CAdES" && g.v.level === "BES" && g.v.revocationSource === "embedded")
          given.push({
            ...g,
            v: { ...g.v, id: `${g.v.id}-crls-removed`, revocationSource: "live" },
            bytes: withoutCrls(g.bytes),
          });
      const rows = await giveUnderConditions(ctx, face, given, pkiDir, services, clock);
      const matrix = ctx.evidence.put(
        "validation-report",
        JSON.stringify({ rows, slowDelayMs: SLOW_DELAY_MS, timeTold: face.tellsTime }, null, 2),
        "json",
      );
      ctx.evidence.put("validation-report", degradedTable(rows), "md");
      return { rows, slowDelayMs: SLOW_DELAY_MS, timeTold: face.tellsTime, matrix };
    },
  );
}

interface Given {
  v: VectorEntry;
  bytes: Uint8Array;
  detached?: Uint8Array;
  anchorsPem: string;
}

/** A CMS SignedData without its `crls` field ([1] IMPLICIT): unsigned, so the signature is untouched. */
export function withoutCrls(der: Uint8Array): Uint8Array {
  const [oid, explicit] = children(parseDer(der, "CMS ContentInfo"));
  const sd = children(explicit!)[0]!;
  const kept = children(sd).filter((n) => !isCtx(n, 1));
  return tlv(0x30, concat([whole(oid!), tlv(0xa0, tlv(0x30, concat(kept.map(whole))))]));
}

async function giveUnderConditions(
  ctx: SessionContext,
  face: VerifyingFace,
  vectors: Given[],
  pkiDir: string,
  services: Services,
  clock: SettableClock,
): Promise<DegradedRow[]> {
  const rows: DegradedRow[] = [];
  for (const cond of CONDITIONS) {
    const given = vectors.filter((g) => conditionsFor(g.v).includes(cond));
    if (given.length === 0) continue;
    ctx.progress(`verify-degraded: ${cond.id} (${given.length} vectors)`);
    // one condition at a time, its vectors side by side (same faults), the clock at their validation time
    const times = new Set(given.map((g) => g.v.validationTime));
    for (const time of times) {
      clock.set(new Date(time));
      services.clearFaults();
      const faults = cond.faults(services.pki.referenceTime);
      for (const [target, setting] of faults) services.setFault(target, { ...setting });
      const here = given.filter((g) => g.v.validationTime === time);
      const lateBefore = services.slowAnswersSent;
      const out = await Promise.all(
        here.map(async ({ v, bytes, detached, anchorsPem }): Promise<DegradedRow> => {
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
