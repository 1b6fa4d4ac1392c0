import { describe, expect, it } from "vitest";
import { checkManifest, type Manifest } from "./manifest.ts";
import { UserError } from "../core/errors.ts";

const good: Manifest = {
  manifestVersion: 1,
  pkiConfig: "vectors/pki/kamusm-test-pki.yaml",
  pkiDir: "pki",
  documents: [],
  vectors: [
    {
      id: "cades-bes-attached",
      file: "cades/bes-attached.p7s",
      scenario: "1",
      kamusm: true,
      description: { tr: "Tüm imzalı özellikler", en: "All signed attributes" },
      format: "CAdES",
      packaging: "attached",
      level: "BES",
      profile: "P1",
      trustAnchors: ["pki/certs/root.pem"],
      validationTime: "2026-06-01T12:00:00Z",
      revocationSource: "embedded",
      expected: { indication: "TOTAL-PASSED", reason: { tr: "geçerli", en: "valid" } },
      signatureCount: 1,
      tags: ["positive"],
      pkiLabels: ["nes"],
    },
  ],
};

describe("manifest schema", () => {
  it("accepts a well-formed manifest", () => {
    expect(checkManifest(structuredClone(good)).vectors).toHaveLength(1);
  });
  it("rejects a sub-indication that does not belong to the indication, naming the vector and field", () => {
    const bad = structuredClone(good);
    bad.vectors[0]!.expected = { indication: "TOTAL-FAILED", subIndication: "NO_POE", reason: { tr: "x", en: "x" } };
    expect(() => checkManifest(bad, "m.json")).toThrowError(/m\.json: item vector cades-bes-attached: field "expected/);
  });
  it("rejects TOTAL-PASSED with a sub-indication, absolute paths and duplicate ids", () => {
    const a = structuredClone(good);
    a.vectors[0]!.expected.subIndication = "HASH_FAILURE";
    expect(() => checkManifest(a)).toThrow(UserError);
    const b = structuredClone(good);
    b.vectors[0]!.file = "/etc/passwd";
    expect(() => checkManifest(b)).toThrow(/item vector cades-bes-attached: field "file"/);
    const c = structuredClone(good);
    c.vectors.push(structuredClone(c.vectors[0]!));
    expect(() => checkManifest(c)).toThrow(/not unique/);
  });
});
