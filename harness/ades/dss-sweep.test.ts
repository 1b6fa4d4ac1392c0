// The EU DSS sample sweep (issue 8): every one of ../shared/ground-truth/dss-samples' files, signatures written by
// other software, gives a well-formed result (never an internal error, every check catalogued), and uyum never
// says TOTAL-PASSED where the independent tool (openssl cms / xmlsec1 / pdfsig) says the signature math fails.
// To make TOTAL-PASSED reachable without the samples' own PKIs, the second pass trusts every certificate the file
// carries (each one a trust anchor itself), so the verdict rests on the signature's own content.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { readCades } from "./cades.ts";
import { detectFormat, toEtsiXml, validateBytes } from "./index.ts";
import { readPades } from "./pades.ts";
import type { ValidationResult } from "./report.ts";
import { expectSchemaValid } from "../testing/ades/etsi-schema.ts";
import { expectWellFormed } from "../testing/ades/well-formed.ts";
import type { SigModel } from "./model.ts";
import type { Cert } from "./x509.ts";
import { readXades } from "./xades.ts";

const { dir: shared, skipReason } = sharedDirForTests();
const SAMPLES = shared ? join(shared, "ground-truth", "dss-samples") : "";
/** A fixed validation time: the samples' certificates are mostly expired; no test reads the wall clock. */
const AT = new Date("2026-01-01T00:00:00Z");

function listFiles(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

interface Independent {
  tool: string;
  verdict?: "OK" | "FAIL" | "ERROR" | "NOCONTENT";
  verdicts?: string[];
}

/** The independent tool says the signature math (or one PDF signature's integrity) fails. */
function mathFails(v: Independent | undefined): boolean {
  if (!v) return false;
  if (v.verdict) return v.verdict === "FAIL";
  return (v.verdicts ?? []).some((x) => x === "Digest Mismatch." || x === "Signature is Invalid.");
}

/** Every certificate the file carries (signers, pools, time-stamp tokens), read with uyum's own readers. */
function carriedCerts(bytes: Uint8Array): Cert[] {
  try {
    const f = detectFormat(bytes);
    const models =
      f === "CAdES"
        ? readCades({ bytes }).models
        : f === "XAdES"
          ? readXades({ bytes }).models
          : f === "PAdES"
            ? readPades({ bytes }).models
            : [];
    const all = (m: SigModel): Cert[] => [
      ...(m.signerCert ? [m.signerCert] : []),
      ...m.certPool,
      ...m.timestamps.flatMap((t) => [...(t.ts?.certs ?? []), ...(t.ts?.signer.cert ? [t.ts.signer.cert] : [])]),
      ...m.counterSignatures.flatMap(all),
    ];
    return models.flatMap(all);
  } catch {
    return [];
  }
}

describe.skipIf(!shared)(`EU DSS samples sweep${skipReason ? ` (${skipReason})` : ""}`, () => {
  const files = shared
    ? listFiles(SAMPLES)
        .filter((f) => !/(README\.md|independent-verdicts\.json)$/.test(f))
        .sort()
    : [];
  const independent: Record<string, Independent> = shared
    ? JSON.parse(readFileSync(join(SAMPLES, "independent-verdicts.json"), "utf8"))
    : {};

  it("every sample gives a well-formed result: no internal error, every check catalogued", async () => {
    expect(files.length).toBe(513);
    const results: ValidationResult[] = [];
    const problems: string[] = [];
    for (const f of files) {
      const r = await validateBytes(relative(SAMPLES, f), readFileSync(f), { anchors: [], at: AT, fetch: false });
      results.push(r);
      try {
        expectWellFormed(r);
      } catch (e) {
        problems.push(`${r.file}: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    expect(problems).toEqual([]);
    // The ETSI report of all of them is schema-valid.
    expectSchemaValid(toEtsiXml(results));
    const by = (o: string) => results.filter((r) => r.outcome === o).length;
    console.log(`DSS sweep: ${results.length} files, ${by("verdict")} verdicts, ${by("unsupported")} unsupported`);
    // Evidence records are not signatures: named as such, never a broken signature.
    for (const r of results.filter((x) => /evidence-record-[^/]*\.(ers|xml)$/.test(x.file)))
      expect([r.file, r.outcome]).toEqual([r.file, "unsupported"]);
  }, 600_000);

  it("never TOTAL-PASSED where the independent tool says the signature math fails, even trusting its certificates", async () => {
    const failing = files.filter((f) => mathFails(independent[relative(SAMPLES, f)]));
    expect(failing.length).toBeGreaterThanOrEqual(20);
    const passed: string[] = [];
    let reachable = 0;
    for (const f of failing) {
      const bytes = readFileSync(f);
      const anchors = carriedCerts(bytes);
      if (anchors.length) reachable++;
      const r = await validateBytes(relative(SAMPLES, f), bytes, { anchors, at: AT, requireQualified: false });
      expectWellFormed(r);
      if (r.indication === "TOTAL-PASSED") passed.push(r.file);
    }
    expect(passed).toEqual([]);
    expect(reachable).toBeGreaterThan(0);
  }, 600_000);

  it("trusting its certificates makes TOTAL-PASSED reachable where the math verifies (the second pass can tell)", async () => {
    const ok = files.filter((f) => independent[relative(SAMPLES, f)]?.verdict === "OK").slice(0, 60);
    let passed = 0;
    for (const f of ok) {
      const bytes = readFileSync(f);
      const r = await validateBytes(relative(SAMPLES, f), bytes, {
        anchors: carriedCerts(bytes),
        at: AT,
        requireQualified: false,
      });
      if (r.indication === "TOTAL-PASSED") passed++;
    }
    console.log(`DSS sweep: ${passed}/${ok.length} math-OK samples TOTAL-PASSED when their certificates are trusted`);
    expect(passed).toBeGreaterThan(0);
  }, 600_000);
});
