// The verifier-agreement engine against a real verifier: the reference application's CLI `verify`, given a
// subset of the campaign's vector set across classes (valid, tampered, revoked, expired, untrusted root, malformed,
// detached) with the PKI's services live at each vector's validation time. The good verifier agrees with the
// expected verdict on every vector; its flawed variant that calls revoked signatures valid disagrees exactly on
// the revoked ones. A kind the profile does not declare is not given, with the reason.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliVerifyingFace } from "../drivers/cli-verify.ts";
import { verifierContext } from "../testing/sessions/verifier.ts";
import type { VerifyVectorsEvidence } from "./catalogue.ts";
import { agrees, notDeclaredReason, verifyVectors } from "./verify-vectors.ts";

const PROFILE = "examples/profiles/ornek-imzaci-cli.yaml";
const SUBSET = new Set([
  // valid: attached, detached (the signed document passed too), enveloped, with and without a time-stamp
  "cades-bes-attached",
  "cades-t-detached",
  "xades-bes-enveloped",
  "xades-t-detached",
  "kamusm-08-cades-t-attached",
  // tampered
  "kamusm-05-cades-bes-attached",
  "kamusm-07-xades-bes-enveloped",
  "kamusm-40-49-ts-imprint-wrong-cades-t-attached",
  // revoked (before signing: FAILED with a time-stamp, INDETERMINATE without), and revoked after the time-stamp
  "kamusm-16-1-cades-t-attached",
  "kamusm-16-1-cades-bes-attached",
  "kamusm-17-1-xades-t-enveloped",
  "kamusm-16-2-cades-t-attached",
  // expired, untrusted root, malformed, no content, a P2 signature without its time-stamp
  "kamusm-14-cades-t-attached",
  "kamusm-14-xades-bes-enveloped",
  "cades-bes-unknown-root",
  "cades-malformed-truncate",
  "xades-detached-without-content",
  "cades-p2-epes-without-timestamp",
  // a kind the reference profile does not declare (PAdES: its cli face hands text documents)
  "pades-multi-sequential-b-lt",
]);
const only = (s: { id: string }) => SUBSET.has(s.id);
const byVector = (e: VerifyVectorsEvidence) => new Map(e.rows.map((r) => [r.vector, r]));

describe("verify-vectors on the reference application's CLI verifier", () => {
  it("gives every declared vector at its time; the app's verdict is the expected one on each; the rest are not given, with the reason", async () => {
    const ctx = verifierContext(PROFILE);
    const e = await verifyVectors(ctx, { only });
    expect(e.timeTold).toBe(true);
    expect(e.notDeclared.map((n) => n.vector).sort()).toEqual(["pades-multi-sequential-b-lt"]);
    expect(e.notDeclared[0]!.reason.en).toMatch(/does not declare PAdES/);
    expect(e.rows).toHaveLength(SUBSET.size - 1);
    const wrong = e.rows
      .filter((r) => !agrees(r))
      .map(
        (r) =>
          `${r.vector}: expected ${r.expected.indication}, app ${r.app.verdict} (${r.app.ended ?? r.app.text.split("\n")[0]})`,
      );
    expect(wrong).toEqual([]);
    // uyum's own verdict on the same bytes at the same time, and the checks that explain it
    const rows = byVector(e);
    expect(rows.get("kamusm-05-cades-bes-attached")!.uyum).toMatchObject({
      indication: "TOTAL-FAILED",
      subIndication: "HASH_FAILURE",
    });
    expect(rows.get("kamusm-05-cades-bes-attached")!.uyum.failedChecks).toContain("message-digest");
    expect(rows.get("cades-bes-attached")!.uyum).toEqual({ indication: "TOTAL-PASSED", failedChecks: [] });
    for (const r of e.rows) expect(r.uyum.indication, r.vector).toBe(r.expected.indication);
    // evidence: the matrix (JSON and a table) and the app's words per vector
    const matrix = ctx.stored.find((s) => s.path === e.matrix.path)!;
    expect(JSON.parse(matrix.text).rows).toHaveLength(e.rows.length);
    expect(
      ctx.stored.some((s) => s.path.endsWith(".md") && s.text.includes("| kamusm-16-1-cades-t-attached | 16_1 |")),
    ).toBe(true);
    const revoked = rows.get("kamusm-16-1-cades-t-attached")!;
    expect(ctx.stored.find((s) => s.path === revoked.ref!.path)!.text).toMatch(/GEÇERSİZ/);
  }, 300_000);

  it("the flawed verifier that calls revoked signatures valid disagrees exactly on the revoked vectors", async () => {
    const ctx = verifierContext(PROFILE, { env: { ORNEK_IMZACI_FLAW: "verify-revoked-valid" } });
    const e = await verifyVectors(ctx, { only });
    const disagree = e.rows
      .filter((r) => !agrees(r))
      .map((r) => r.vector)
      .sort();
    const revoked = e.rows
      .filter((r) => /REVOKED/.test(r.expected.subIndication ?? ""))
      .map((r) => r.vector)
      .sort();
    expect(revoked).toEqual([
      "kamusm-16-1-cades-bes-attached",
      "kamusm-16-1-cades-t-attached",
      "kamusm-17-1-xades-t-enveloped",
    ]);
    expect(disagree).toEqual(revoked);
    for (const v of revoked) expect(byVector(e).get(v)!.app.verdict, v).toBe("valid");
  }, 300_000);

  it("an application that crashes on a vector gives a no-answer row with how it ended, and the session goes on", async () => {
    const ctx = verifierContext(PROFILE);
    const dir = mkdtempSync(join(tmpdir(), "uyum-crashing-verifier-"));
    const app = join(dir, "dogrula");
    // a verifier that dies on XAdES files and says "geçerli" to the rest
    writeFileSync(app, '#!/bin/sh\ncase "$1" in *.xml) kill -SEGV $$;; esac\necho geçerli\n');
    chmodSync(app, 0o755);
    ctx.app.verifying = cliVerifyingFace({
      template: { command: [app, "{input}"], output: "stdout", verdicts: [] },
      pkiDir: dir,
      pkiBaseUrl: "http://127.0.0.1:9",
      rootPem: "",
      workDir: dir,
    });
    const e = await verifyVectors(ctx, {
      only: (s) => ["xades-bes-enveloped", "cades-bes-attached", "kamusm-05-cades-bes-attached"].includes(s.id),
    });
    expect(e.timeTold).toBe(false);
    const said = new Map(e.rows.map((r) => [r.vector, [r.app.verdict, r.app.ended]]));
    expect(Object.fromEntries(said)).toEqual({
      "cades-bes-attached": ["valid", undefined],
      "xades-bes-enveloped": ["no-answer", expect.stringMatching(/killed by SIGSEGV/)],
      // the vector after the crash was still given
      "kamusm-05-cades-bes-attached": ["valid", undefined],
    });
    expect(e.rows.at(-1)!.vector).toBe("kamusm-05-cades-bes-attached");
    expect(e.rows.filter(agrees).map((r) => r.vector)).toEqual(["cades-bes-attached"]);
  }, 120_000);
});

describe("which vectors an application declares", () => {
  const p = (capabilities: object) =>
    ({ app: { name: "x", version: "1" }, assesses: ["verification"], file: "x.yaml", capabilities }) as never;
  const kind = (format: string, level: string, profile = "none", packaging = "attached") =>
    ({ format, level, profile, packaging }) as never;
  it.each([
    ["a format not listed", { signatureFormats: ["CAdES"] }, kind("XAdES", "BES"), /does not declare XAdES/],
    ["a level not listed", { signatureLevels: ["BES"] }, kind("CAdES", "T", "P2"), /level CAdES-T/],
    ["a profile not listed", { signatureProfiles: ["P2"] }, kind("CAdES", "X-L", "P4"), /signature profile P4/],
    [
      "a packaging not listed",
      { packagings: ["attached"] },
      kind("CAdES", "BES", "none", "detached"),
      /detached packaging/,
    ],
    [
      "P1 goes with its level (BES)",
      { signatureProfiles: ["P2"], signatureLevels: ["BES"] },
      kind("CAdES", "BES", "P1"),
      undefined,
    ],
    [
      "a malformed file goes with its format",
      { signatureFormats: ["CAdES"], signatureLevels: ["T"] },
      kind("CAdES", "none"),
      undefined,
    ],
    ["nothing listed restricts nothing", {}, kind("PAdES", "B-LTA"), undefined],
  ])("%s", (_, caps, v, want) => {
    const r = notDeclaredReason(p(caps), v);
    if (want === undefined) expect(r).toBeUndefined();
    else expect(r?.en).toMatch(want);
  });
});

describe("a slow verifying face that verifies only a few vectors (upTo)", () => {
  // a face that must never be asked: the session decides before building any vector
  const slowFace = (upTo: number) => ({
    driver: "web" as const,
    verifying: {
      tellsTime: true,
      upTo,
      verify: () => Promise.reject(new Error("asked to verify although the campaign needs more than upTo")),
    },
  });
  const multi = (s: { scenario: string }) => s.scenario.startsWith("multi-") || /^(39|P4_93)_[sp]$/.test(s.scenario);

  it("needing more than upTo, gives none and says why (how many it takes, how many are needed, what to do)", async () => {
    const ctx = verifierContext(PROFILE, { face: slowFace(3) });
    const e = await verifyVectors(ctx, { only: multi, selected: ["multi-*", "39_s"] });
    expect(e.rows).toEqual([]);
    expect(e.unavailable?.en).toMatch(/at most 3 test signatures per campaign .*this campaign needs \d+\. .*--only/);
    expect(e.selected).toEqual(["multi-*", "39_s"]);
    const matrix = JSON.parse(ctx.stored.find((s) => s.path === e.matrix.path)!.text);
    expect(matrix.selected).toEqual(["multi-*", "39_s"]);
  });

  it("without a limit the same face is asked (the session goes past the check)", async () => {
    const asked: string[] = [];
    const face = {
      driver: "web" as const,
      verifying: {
        tellsTime: true,
        verify: async (_: unknown, o: { name: string }) => {
          asked.push(o.name);
          return { verdict: "no-answer" as const, text: "", ended: "a page that never answers" };
        },
      },
    };
    const ctx = verifierContext(PROFILE, { face });
    const e = await verifyVectors(ctx, { only: (s) => s.id === "cades-multi-parallel-bes" });
    expect(e.unavailable).toBeUndefined();
    expect(e.rows.map((r) => [r.vector, r.app.verdict])).toEqual([["cades-multi-parallel-bes", "no-answer"]]);
    expect(asked).toEqual(["cades-multi-parallel-bes"]);
  }, 120_000);
});
