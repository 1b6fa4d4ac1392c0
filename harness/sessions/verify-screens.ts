// verify-screens: a few chosen vectors (good CAdES, XAdES, PAdES; a detached one; time-stamped ones; serial and
// parallel signatures; a revoked signer; a certificate with a monetary limit and one with a usage restriction; a
// pseudonym certificate when the vector set has one) given to the application's own verification page through
// the web driver, with the vector set's services at the vector's validation time. Each keeps the page's DOM text
// and screenshot, the report the page let the user save, and what uyum knows of the file (signers' certificates,
// signed attributes, time-stamps, the signed text), so the probes of what a verifier shows can look for it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseSignedData } from "../ades/cms.ts";
import { certFacts, parseCert, pemOrDer, signerCertOf, validateBytes, type SignatureReport } from "../ades/index.ts";
import type { Text } from "../core/text.ts";
import { resolveInManifest, type VectorEntry } from "../vectors/manifest.ts";
import { allScenarios } from "../vectors/scenarios.ts";
import type { ShownFacts, VerifyScreenRow, VerifyScreensEvidence } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { withSessionVectors } from "./session-vectors.ts";
import { notDeclaredReason } from "./verify-vectors.ts";

/** The vectors given to the page: each stands for what one or more of the on-screen items need to see. */
export const SCREEN_VECTORS = [
  "cades-bes-attached",
  "cades-bes-detached",
  "cades-t-attached",
  "xades-bes-enveloped",
  "pades-b-t",
  "cades-multi-serial-bes",
  "cades-multi-parallel-bes",
  "kamusm-16-1-cades-t-attached",
  "kamusm-25-cades-bes-attached",
  "kamusm-26-cades-bes-attached",
] as const;

/** Every signature of a report, depth first, with the 1-based number of the one it countersigns. */
function signaturesOf(ss: SignatureReport[], parent?: number, out: ShownFacts["signatures"] = []) {
  for (const s of ss) {
    const cert = signerCertOf(s);
    out.push({
      ...(parent !== undefined ? { counterSignatureOf: parent } : {}),
      ...(cert ? { cert: certFacts(cert) } : {}),
      ...(s.signingTime ? { signingTime: s.signingTime } : {}),
      ...(s.inspection?.policy && !s.inspection.policy.implied ? { policy: s.inspection.policy.oid } : {}),
      timestamps: s.timestamps.map((t) => ({ kind: t.kind, ...(t.genTime ? { genTime: t.genTime } : {}) })),
    });
    signaturesOf(s.counterSignatures ?? [], out.length, out);
  }
  return out;
}

/** What uyum knows of a vector, at its validation time, that a verifier should show. */
async function factsOf(v: VectorEntry, bytes: Uint8Array, detached: Uint8Array | undefined, anchorsPem: string) {
  const r = await validateBytes(v.file, bytes, {
    anchors: pemOrDer(new TextEncoder().encode(anchorsPem)).map(parseCert),
    at: new Date(v.validationTime),
    detachedContent: detached,
    fetch: v.revocationSource === "live",
    fetchTimeoutMs: 3000,
  });
  let content = detached;
  if (!content && v.format === "CAdES")
    try {
      content = parseSignedData(bytes).eContent;
    } catch {
      content = undefined;
    }
  const text = content && v.format !== "PAdES" ? new TextDecoder().decode(content) : undefined;
  return {
    facts: {
      signatures: signaturesOf(r.signatures),
      ...(text !== undefined && !text.includes("\ufffd") ? { contentText: text } : {}),
      detached: detached !== undefined,
    } satisfies ShownFacts,
    uyum: { indication: r.indication, ...(r.subIndication ? { subIndication: r.subIndication } : {}) },
  };
}

export async function verifyScreens(
  ctx: SessionContext,
  o: { vectors?: readonly string[] } = {},
): Promise<VerifyScreensEvidence> {
  const wanted = new Set(o.vectors ?? SCREEN_VECTORS);
  const notDeclared: VerifyScreensEvidence["notDeclared"] = [];
  const declared = new Set<string>();
  for (const s of allScenarios().filter((x) => wanted.has(x.id))) {
    const reason = notDeclaredReason(ctx.profile, s);
    if (reason) notDeclared.push({ vector: s.id, scenario: s.scenario, reason });
    else declared.add(s.id);
  }
  const page = ctx.app.screen?.verifyThroughPage;
  const empty = (unavailable: Text): VerifyScreensEvidence => ({ rows: [], notDeclared, unavailable });
  if (!page)
    return empty({
      tr: `uygulamanın sürücüsü (${ctx.app.driver}) bir doğrulama sayfası sunmuyor (sayfa nesnesinde verifyPage yok)`,
      en: `the application's driver (${ctx.app.driver}) offers no verification page (the page object has no verifyPage)`,
    });
  if (declared.size === 0)
    return empty({
      tr: "seçilen test imzalarının hiçbiri uygulamanın bildirdiği biçim ve seviyelerde değil",
      en: "none of the chosen test signatures is in a format and level the application declares",
    });
  return withSessionVectors(
    ctx,
    "verify-screens",
    declared,
    {},
    async ({ manifest, manifestFile, services, clock }) => {
      const rows: VerifyScreenRow[] = [];
      for (const v of manifest.vectors) {
        const read = (rel: string) => new Uint8Array(readFileSync(resolveInManifest(manifestFile, rel)));
        const bytes = read(v.file);
        const detached = v.detachedContent ? read(v.detachedContent) : undefined;
        const anchorsPem = v.trustAnchors.map((a) => readFileSync(resolveInManifest(manifestFile, a), "utf8")).join("");
        // the services answer as at the vector's time; a vector that carries its revocation data is judged on it
        clock.set(new Date(v.validationTime));
        if (v.revocationSource === "embedded") services.setFault("*", { fault: "down" });
        else services.clearFaults();
        const { facts, uyum } = await factsOf(v, bytes, detached, anchorsPem);
        const run = await page({
          file: { name: basename(v.file), bytes },
          ...(detached ? { detached: { name: basename(v.detachedContent!), bytes: detached } } : {}),
          at: new Date(v.validationTime),
          trustPem: anchorsPem,
        });
        const result = run.steps.find((s) => s.step === "verify-result");
        const reportText = run.report ? new TextDecoder().decode(run.report.bytes) : undefined;
        rows.push({
          vector: v.id,
          scenario: v.scenario,
          tags: v.tags,
          format: v.format,
          packaging: v.packaging,
          level: v.level,
          validationTime: v.validationTime,
          expected: {
            indication: v.expected.indication,
            ...(v.expected.subIndication ? { subIndication: v.expected.subIndication } : {}),
          },
          uyum,
          facts,
          app: { verdict: run.verdict, text: run.text, took: run.took, ...(run.error ? { error: run.error } : {}) },
          ...(result
            ? {
                screen: {
                  text: { ...ctx.evidence.put("dom-text", result.text, "txt"), locator: v.id },
                  screenshot: { ...ctx.evidence.put("screenshot", result.screenshot, "png"), locator: v.id },
                  domText: result.text,
                },
              }
            : {}),
          ...(run.report && reportText !== undefined
            ? {
                report: {
                  name: run.report.name,
                  ref: { ...ctx.evidence.put("validation-report", reportText, "txt"), locator: v.id },
                  text: reportText.length > 50_000 ? `${reportText.slice(0, 50_000)}…` : reportText,
                },
              }
            : {}),
        });
        ctx.progress(`  verify-screens ${v.id}: ${run.verdict}${run.error ? ` (${run.error})` : ""} in ${run.ms} ms`);
      }
      services.clearFaults();
      return { rows, notDeclared };
    },
  );
}
