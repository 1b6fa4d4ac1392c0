// Mutation fuzzing (fast-check): bit flips and truncations of a valid CAdES and a valid XAdES. Every
// mutant must give a well-formed ValidationResult, and a mutant that changes signed bytes is never
// TOTAL-PASSED. 1,200 CAdES + 900 XAdES + 400 PAdES mutants per run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSignedData } from "./cms.ts";
import { parseCrl } from "./crl.ts";
import { whole as nodeBytes } from "../asn1/der.ts";
import { validateBytes } from "./index.ts";
import { anchor, cades, crls, pades, testPki, VALIDATION_TIME, xades } from "../testing/ades/fixture.ts";
import { expectWellFormed } from "../testing/ades/well-formed.ts";

/** Fixed for reproducible CI runs; FUZZ_SEED=<n> explores other mutants. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

type Mutation = { kind: "flip"; pos: number; bit: number } | { kind: "truncate"; len: number };

function apply(b: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === "truncate") return b.subarray(0, m.len);
  const c = Uint8Array.from(b);
  c[m.pos] ^= 1 << m.bit;
  return c;
}

function mutation(size: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("flip" as const),
        pos: fc.integer({ min: 0, max: size - 1 }),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("truncate" as const), len: fc.integer({ min: 0, max: size - 1 }) }),
    },
  );
}

const wellFormed = expectWellFormed;

describe("fuzz: mutated signatures", async () => {
  const pki = await testPki();
  const opts = { anchors: [anchor(pki)], at: VALIDATION_TIME, extraCrls: crls(pki).map(parseCrl) };

  it("CAdES: 1,200 mutants, all well-formed results, none TOTAL-PASSED when signed bytes changed", async () => {
    const good = cades(pki);
    expect((await validateBytes("good", good, opts)).indication).toBe("TOTAL-PASSED");
    // Signed bytes: the encapsulated content, the signed attributes and the signature value.
    const sd = parseSignedData(good);
    const si = sd.signerInfos[0];
    const ranges: [number, number][] = [
      [sd.encapNode.start, sd.encapNode.end],
      [si.signedAttrsNode!.start, si.signedAttrsNode!.end],
      [si.signatureNode.start, si.signatureNode.end],
    ];
    void nodeBytes;
    let passedUnsigned = 0;
    await fc.assert(
      fc.asyncProperty(mutation(good.length), async (m) => {
        const r = await validateBytes("mutant", apply(good, m), opts);
        wellFormed(r);
        const signedTouched = m.kind === "truncate" || ranges.some(([a, b]) => m.pos >= a && m.pos < b);
        if (r.indication === "TOTAL-PASSED") {
          expect(signedTouched, `mutation ${JSON.stringify(m)} changed signed bytes yet passed`).toBe(false);
          passedUnsigned++;
        }
      }),
      { numRuns: 1200, seed: SEED },
    );
    expect(passedUnsigned).toBeLessThan(1200);
  });

  it("XAdES: 900 mutants, all well-formed results, none TOTAL-PASSED when the signed XML changed", async () => {
    const good = xades(pki);
    expect((await validateBytes("good", good, opts)).indication).toBe("TOTAL-PASSED");
    // Signed text: the document around ds:Signature (enveloped), SignedInfo, SignatureValue, the
    // SignedProperties and the KeyInfo certificate the signing-certificate property binds. The start tags of
    // ds:Signature, ds:Object and QualifyingProperties are structure, not signed (an unused namespace
    // declaration there may change without effect).
    // Byte offsets (the document has multi-byte UTF-8 characters, so string indices would be wrong).
    const text = Buffer.from(good);
    const span = (open: string, close: string): [number, number] => [
      text.indexOf(open),
      text.indexOf(close) + Buffer.byteLength(close),
    ];
    const sig = span("<ds:Signature", "</ds:Signature>");
    const ranges: [number, number][] = [
      [text.indexOf("?>") + 2, sig[0]],
      [sig[1], text.length],
      span("<ds:SignedInfo", "</ds:SignedInfo>"),
      // the value only: the Id attribute of ds:SignatureValue is not covered by anything at BES
      [text.indexOf(">", text.indexOf("<ds:SignatureValue")) + 1, text.indexOf("</ds:SignatureValue>")],
      span("<ds:KeyInfo", "</ds:KeyInfo>"),
      span("<xades:SignedProperties", "</xades:SignedProperties>"),
    ];
    for (const [a, b] of ranges) expect(a >= 0 && b > a).toBe(true);
    await fc.assert(
      fc.asyncProperty(mutation(good.length), async (m) => {
        const r = await validateBytes("mutant", apply(good, m), opts);
        wellFormed(r);
        const signedTouched = m.kind === "truncate" || ranges.some(([a, b]) => m.pos >= a && m.pos < b);
        if (r.indication === "TOTAL-PASSED")
          expect(signedTouched, `mutation ${JSON.stringify(m)} changed signed XML yet passed`).toBe(false);
      }),
      { numRuns: 900, seed: SEED },
    );
  });

  it("PAdES: 400 mutants, all well-formed results, none TOTAL-PASSED when the signed byte ranges changed", async () => {
    const good = pades(pki);
    expect((await validateBytes("good", good, opts)).indication).toBe("TOTAL-PASSED");
    const m = Buffer.from(good)
      .toString("latin1")
      .match(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/)!;
    const [a, b, c, d] = m.slice(1).map(Number);
    await fc.assert(
      fc.asyncProperty(mutation(good.length), async (mu) => {
        const r = await validateBytes("mutant", apply(good, mu), opts);
        wellFormed(r);
        const signedTouched =
          mu.kind === "truncate" || (mu.pos >= a && mu.pos < a + b) || (mu.pos >= c && mu.pos < c + d);
        if (r.indication === "TOTAL-PASSED")
          expect(signedTouched, `mutation ${JSON.stringify(mu)} changed signed bytes yet passed`).toBe(false);
      }),
      { numRuns: 400, seed: SEED },
    );
  });
});
