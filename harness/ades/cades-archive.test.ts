// Archive time-stamps written by others: the EU DSS CAdES samples (archive-time-stamp-v3 with ats-hash-index,
// EN 319 122-1; archive-time-stamp-v2, TS 101 733). Before this work every ATSv3 imprint failed (30 of 30) and
// ATSv2 matched 1 time; now the imprints match, a tampered file still fails, naming what changed, and a
// detached file without its document is "cannot compute", not HASH_FAILURE. Every archive time-stamp of the
// samples whose document is in the file now matches, as DSS's own tests assert (DSS1401Test, DSS1619Test, …).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { atsV2Data } from "./cades-archive.ts";
import { readCades } from "./cades.ts";
import { attrs, parseSignedData } from "./cms.ts";
import { validateBytes } from "./index.ts";
import { imprintMatches, parseTimestamp } from "./signer.ts";
import { parseDer, whole } from "../asn1/der.ts";
import { CMS_OID } from "../asn1/oids.ts";
import { parseCert } from "./x509.ts";

const { dir: shared, skipReason } = sharedDirForTests();
const sample = (f: string) =>
  new Uint8Array(readFileSync(join(shared!, "ground-truth", "dss-samples", "dss-cades", "validation", f)));
const archives = (f: string) =>
  readCades({ bytes: sample(f) }).models.flatMap((m) => m.timestamps.filter((t) => t.kind === "archive"));

describe.skipIf(!shared)(`CAdES archive time-stamps on EU DSS samples ${skipReason ?? ""}`, () => {
  it.each([
    ["CAdESDoubleLTA.p7m", 2],
    ["Signature-C-CZ_SIX-1.p7m", 1],
    ["Signature-C-HU_POL-3.p7m", 1],
    ["cades-extended-a.pkcs7", 1],
    ["counterSignedLTA.p7s", 1],
    ["cades_signeddata_extended_after_lta.p7m", 2],
  ])("archive-time-stamp-v3 with ats-hash-index: %s has %i matching imprint(s)", (f, n) => {
    const ok = archives(f).filter((t) => t.imprintOk && !t.coverageProblem && !t.imprintUnknown);
    expect(ok.length).toBe(n);
  });
  it.each([
    ["dss-1619/CAdES-XL-T1-Double-AV2.png.p7m", 2],
    ["dss-916/test.txt.signed.qes.attached.p7s", 1],
    ["dss2059.p7s", 1],
    ["dss-1401/sig_with_atsv2.p7s", 1],
    ["Signature-C-B-LTA-10.p7m", 2],
    ["cades-ats-v3-rev-val-ocsp.p7s", 2],
    ["cades-ats-v3-wrong-ocsp.p7s", 2],
  ])("every archive time-stamp of %s matches (%i)", (f, n) => {
    const ts = archives(f);
    expect(ts.length).toBe(n);
    expect(ts.filter((t) => t.imprintOk).length).toBe(n);
  });

  /** The first SignerInfo's archive-time-stamp-v2 attributes and what atsV2Data makes of each. */
  function v2Of(f: string, signer = 0) {
    const sd = parseSignedData(sample(f));
    const si = sd.signerInfos[signer]!;
    const archive = [
      ...attrs(si.unsignedAttrs, CMS_OID.archiveTimestampV2),
      ...attrs(si.unsignedAttrs, CMS_OID.archiveTimestampV3),
    ];
    const token = (a: (typeof archive)[number]) =>
      parseTimestamp(whole(a.values[0]), [], (b) => parseDer(b, "TSTInfo"));
    return { sd, si, archive, token };
  }

  it("a v2 leaves out an archive-time-stamp-v3 added later (B-LTA-10, ats-v3-rev-val-ocsp: v2 then v3)", () => {
    for (const f of ["Signature-C-B-LTA-10.p7m", "cades-ats-v3-rev-val-ocsp.p7s"]) {
      const { sd, si, archive, token } = v2Of(f);
      const v2 = archive.find((a) => a.type === CMS_OID.archiveTimestampV2)!;
      const v3 = archive.find((a) => a.type === CMS_OID.archiveTimestampV3)!;
      expect(token(v3).tst.genTime.getTime()).toBeGreaterThan(token(v2).tst.genTime.getTime());
      // uyum before: only later v2 time-stamps were left out, so the v3 was hashed in and nothing matched
      const withV3 = atsV2Data(sd, si, sd.eContent, v2.node, []);
      expect(imprintMatches(token(v2), withV3.data!) || imprintMatches(token(v2), withV3.alternative!), f).toBe(false);
      const right = atsV2Data(sd, si, sd.eContent, v2.node, [v3.node]);
      expect(imprintMatches(token(v2), right.data!), f).toBe(true);
    }
  });

  it("a v2 made by TS 101 733 v1.8.3 (unsignedAttrs without their SET OF tag and length) matches the older reading only", () => {
    // v2.2.1 Annex K note 3 recommends testing both; dss-1401 and dss-1619's second signer were made the old way
    for (const [f, signer] of [
      ["dss-1401/sig_with_atsv2.p7s", 0],
      ["dss-1619/CAdES-XL-T1-Double-AV2.png.p7m", 1],
    ] as const) {
      const { sd, si, archive, token } = v2Of(f, signer);
      const v2 = archive.find((a) => a.type === CMS_OID.archiveTimestampV2)!;
      const d = atsV2Data(sd, si, sd.eContent, v2.node, []);
      expect(imprintMatches(token(v2), d.data!), f).toBe(false);
      expect(imprintMatches(token(v2), d.alternative!), f).toBe(true);
    }
  });

  it("an ats-hash-index naming material no longer in the signature: the time-stamp still proves the signature, and the result says what it no longer protects", async () => {
    // DSS1997Test / CAdESLevelLTAHashIndexWrongCertDigestTest: imprint intact, ats-hash-index invalid (a warning),
    // A level technically valid. uyum said TOTAL-FAILED/HASH_FAILURE, a broken signature, which it is not: the
    // imprint covers the signature value, the content and the index as they were.
    for (const [f, lost] of [
      ["cades-dss1997.p7m", "1 unsigned attribute value(s)"],
      ["cades-ats-v3-wrong-cert.p7m", "1 certificate(s)"],
    ] as const) {
      // the samples' roots are not in the files: every certificate they carry (and their tokens carry) is taken
      // as a trust anchor, so the time-stamps are judged on what they cover rather than on a missing chain
      const m = readCades({ bytes: sample(f) }).models[0]!;
      const anchors = [
        ...parseSignedData(sample(f)).certificates.map(parseCert),
        ...m.timestamps.flatMap((t) => t.ts?.certs ?? []),
      ];
      const r = await validateBytes(f, sample(f), { anchors, at: new Date("2026-01-01T00:00:00Z") });
      const arc = r.signatures[0]!.checks.filter((c) => c.id === "timestamp-archive");
      expect(arc.length, f).toBe(1);
      expect(arc[0]!.reason.en, f).toContain(`the ats-hash-index names ${lost} no longer in the signature`);
      expect(arc[0]!.reason.en, f).toContain("not protected by this time-stamp");
      expect(JSON.stringify(r.signatures[0]!.checks), f).not.toMatch(/HASH_FAILURE/);
    }
  });
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
