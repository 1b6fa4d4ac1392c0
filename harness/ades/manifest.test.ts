// The validator's main test: every generated vector (harness/vectors) must get the verdict its manifest
// states, indication AND sub-indication. Live vectors run against the test PKI's CRL/OCSP services.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pemOrDer, parseCert, validateBytes } from "./index.ts";
import { ensureVectors } from "../vectors/generate.ts";
import { runManifest, type VectorOutcome } from "../vectors/manifest-run.ts";

describe("vector manifest: every vector gets its expected verdict", async () => {
  const dir = await ensureVectors();
  const { manifest, outcomes, servicesProblem } = await runManifest(`${dir}/manifest.json`);
  const counts: Record<string, string> = {};
  for (const f of ["CAdES", "XAdES", "PAdES"]) {
    const of = outcomes.filter((o) => o.vector.format === f);
    counts[f] = `${of.filter((o) => o.pass).length}/${of.length}`;
  }
  console.log(
    `manifest verdicts matched per format: ${JSON.stringify(counts)}${servicesProblem ? ` (${servicesProblem})` : ""}`,
  );

  it("covers all three formats and both revocation sources", () => {
    expect(outcomes.length).toBe(manifest.vectors.length); // one test per vector below: none left out
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes.map((o) => o.vector.format))).toEqual(new Set(["CAdES", "XAdES", "PAdES"]));
    expect(outcomes.some((o) => o.vector.revocationSource === "live")).toBe(true);
    expect(servicesProblem).toBeUndefined();
  });
  const describeOne = (o: VectorOutcome) => {
    const bad = o.result.checks
      .filter((c) => c.result !== "passed" && c.result !== "skipped")
      .map((c) => `${c.id}: ${c.reason.en}`);
    return `${o.vector.id}: got ${o.result.indication}/${o.result.subIndication ?? "-"}; ${bad.slice(0, 3).join(" | ")}`;
  };
  for (const o of outcomes) {
    it(`${o.vector.id} → ${o.vector.expected.indication}${o.vector.expected.subIndication ? `/${o.vector.expected.subIndication}` : ""}`, () => {
      // Without this run's own services a live vector cannot be judged: say why instead of a wrong verdict.
      if (o.vector.revocationSource === "live" && servicesProblem) throw new Error(servicesProblem);
      expect({ indication: o.result.indication, subIndication: o.result.subIndication }, describeOne(o)).toEqual({
        indication: o.vector.expected.indication,
        subIndication: o.vector.expected.subIndication,
      });
      // A garbled file may not even be recognisable as its format ("unknown"); otherwise the format must match.
      if (o.result.format !== "unknown" || o.vector.expected.subIndication !== "FORMAT_FAILURE")
        expect(o.result.format).toBe(o.vector.format);
      // An unreadable file has no detectable level (the manifest's own rule says "none" for those).
      if (o.vector.expected.subIndication !== "FORMAT_FAILURE")
        expect(o.result.level, "detected level").toBe(o.vector.level);
      // The profile is what the file claims; a policy OID we do not know (P4_4) claims none.
      if (o.vector.scenario !== "P4_4" && o.vector.expected.subIndication !== "FORMAT_FAILURE")
        expect(o.result.profile, "detected profile").toBe(o.vector.profile);
    });
  }

  // Issue 8 class 11: a counter-signature that fails reaches the file's verdict. The serial XAdES vector passes
  // as generated; with one bit of its counter-signature's value flipped, the file may no longer pass.
  it("a failing XAdES counter-signature fails the file it belongs to", async () => {
    const o = outcomes.find((x) => x.vector.id === "xades-multi-serial-x-l")!;
    expect(o.result.indication).toBe("TOTAL-PASSED");
    const xml = readFileSync(path.join(dir, o.vector.file), "utf8");
    const counter = xml.indexOf("CounterSignature");
    const valueAt = xml.indexOf("SignatureValue", counter);
    const start = xml.indexOf(">", valueAt) + 1;
    const flipped = xml.slice(0, start) + (xml[start] === "A" ? "B" : "A") + xml.slice(start + 1);
    const anchors = o.vector.trustAnchors.flatMap((a) => pemOrDer(readFileSync(path.join(dir, a))).map(parseCert));
    const r = await validateBytes("x.xml", new TextEncoder().encode(flipped), {
      anchors,
      at: new Date(o.vector.validationTime),
    });
    expect(r.signatures[0].counterSignatures[0].subIndication).toBe("SIG_CRYPTO_FAILURE");
    expect(r.indication).toBe("TOTAL-FAILED");
    expect(r.signatures[0].checks.find((c) => c.id === "counter-signature")?.result).toBe("failed");
  });
});
