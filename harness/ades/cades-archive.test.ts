// Archive time-stamps written by others: the EU DSS CAdES samples (archive-time-stamp-v3 with ats-hash-index,
// EN 319 122-1; archive-time-stamp-v2, TS 101 733). Before this work every ATSv3 imprint failed (30 of 30) and
// ATSv2 matched 1 time; now the imprints match, a tampered file still fails, naming what changed, and a
// detached file without its document is "cannot compute", not HASH_FAILURE.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { readCades } from "./cades.ts";
import { validateBytes } from "./index.ts";

const { dir: shared, skipReason } = sharedDirForTests();
const sample = (f: string) =>
  new Uint8Array(readFileSync(join(shared!, "ground-truth", "dss-samples", "dss-cades", "validation", f)));
const archives = (f: string) =>
  readCades({ bytes: sample(f) }).models.flatMap((m) => m.timestamps.filter((t) => t.kind === "archive"));

describe.skipIf(!shared)(`CAdES archive time-stamps on EU DSS samples ${skipReason ?? ""}`, () => {
  it.each([
    ["CAdESDoubleLTA.p7m", 2],
    ["Signature-C-B-LTA-10.p7m", 1],
    ["Signature-C-CZ_SIX-1.p7m", 1],
    ["Signature-C-HU_POL-3.p7m", 1],
    ["cades-extended-a.pkcs7", 1],
    ["counterSignedLTA.p7s", 1],
    ["cades_signeddata_extended_after_lta.p7m", 2],
  ])("archive-time-stamp-v3 with ats-hash-index: %s has %i matching imprint(s)", (f, n) => {
    const ok = archives(f).filter((t) => t.imprintOk && !t.coverageProblem && !t.imprintUnknown);
    expect(ok.length).toBe(n);
  });
  it.each(["dss-1619/CAdES-XL-T1-Double-AV2.png.p7m", "dss-916/test.txt.signed.qes.attached.p7s", "dss2059.p7s"])(
    "archive-time-stamp-v2: %s matches",
    (f) => {
      expect(archives(f).some((t) => t.imprintOk && !t.coverageProblem)).toBe(true);
    },
  );
  it("a modified ats-hash-index entry / a replaced certificate fails, naming what the index lost", async () => {
    for (const f of ["dss-1220/CAdES-BpLTA_modified_ats_hash_element.p7m", "cades-ats-v3-wrong-cert.p7m"]) {
      const bad = archives(f).filter((t) => !t.imprintOk || t.coverageProblem);
      expect(bad.length, f).toBeGreaterThan(0);
      expect(bad.map((t) => t.coverageProblem ?? "").join(" "), f).toMatch(/ats-hash-index names 1 certificate/);
    }
  });
  it("a detached ATSv3 signature without its document: imprint unknown (INDETERMINATE), not HASH_FAILURE", async () => {
    const f = "dss-2011/cades-lta-detached.pkcs7";
    const ts = archives(f);
    expect(ts.length).toBeGreaterThan(0);
    expect(ts.every((t) => t.imprintUnknown?.includes("not available"))).toBe(true);
    const r = await validateBytes(f, sample(f), { anchors: [], at: new Date("2026-01-01T00:00:00Z") });
    expect(r.indication).toBe("INDETERMINATE");
    expect(JSON.stringify(r.signatures)).not.toMatch(/HASH_FAILURE/);
  });
});
