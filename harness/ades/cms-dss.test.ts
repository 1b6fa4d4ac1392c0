// The EU DSS CAdES/CMS samples against openssl's verdict on each file's signature math
// (../shared/ground-truth/dss-samples/independent-verdicts.json: `openssl cms -verify -noverify`). Counts the
// agreement and lists every disagreement with uyum's reason, so a regression names its file. Before this work:
// 105 of 115 (SHA-3 digests, signatureAlgorithm hashes unlike the digestAlgorithm, a PSS hash unlike the
// digestAlgorithm passed, a single sigPolicyQualifier without its SEQUENCE OF).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { validateBytes } from "./index.ts";
import { agreesWithOpenssl, dssVerdicts, mathOf } from "../testing/ades/dss.ts";

const { dir: shared, skipReason } = sharedDirForTests();
// A fixed validation time: the verdicts compared here do not depend on it, and the test must not on the clock.
const AT = new Date("2026-01-01T00:00:00Z");

describe.skipIf(!shared)(`EU DSS CMS samples vs openssl ${skipReason ?? ""}`, () => {
  it("uyum's signature-math verdict agrees with openssl's on every CAdES/CMS sample", async () => {
    const verdicts = Object.entries(dssVerdicts(shared!)).filter(([f]) => f.startsWith("dss-cades/"));
    expect(verdicts.length).toBe(115);
    const disagreements: string[] = [];
    for (const [file, iv] of verdicts) {
      const bytes = new Uint8Array(readFileSync(join(shared!, "ground-truth", "dss-samples", file)));
      const r = await validateBytes(file, bytes, { anchors: [], at: AT });
      // openssl verifies every SignerInfo: the file's math is the first signature that is not OK.
      const ms = (r.signatures.length ? r.signatures : [{ checks: r.checks }]).map((s) => mathOf(s.checks));
      const u = ms.find((m) => m.verdict !== "OK") ?? ms[0]!;
      if (!agreesWithOpenssl(iv, u.verdict))
        disagreements.push(`${file}: openssl ${iv.verdict}, uyum ${u.verdict} (${u.why})`);
      // Never TOTAL-PASSED where openssl does not verify the math.
      if (iv.verdict === "FAIL") expect(r.indication, file).not.toBe("TOTAL-PASSED");
    }
    console.log(`CMS agreement with openssl: ${verdicts.length - disagreements.length}/${verdicts.length}`);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
