import { describe, expect, it } from "vitest";
import { DEFAULT_PKI_CONFIG } from "../core/paths.ts";
import { pkiConfigAt } from "./campaign-time.ts";
import { buildPki } from "./build.ts";
import { loadPkiConfig } from "./config.ts";
import type { CertificateConfig, PkiConfig } from "./types.ts";

/** What a certificate is at a time: the scenario's meaning, as a relying party sees it then. */
function stateAt(c: CertificateConfig, at: string, reference: string): string {
  const t = Date.parse(at);
  const validity = t < Date.parse(c.notBefore) ? "not-yet-valid" : t > Date.parse(c.notAfter) ? "expired" : "valid";
  const revoked = !c.revoked
    ? "not-revoked"
    : Date.parse(c.revoked.date) <= Date.parse(reference)
      ? "revoked-before-reference"
      : Date.parse(c.revoked.date) <= t
        ? "revoked-after-reference"
        : "revoked-later";
  return `${validity}/${revoked}`;
}
const states = (p: PkiConfig) =>
  Object.fromEntries(
    Object.entries(p.certificates).map(([l, c]) => [l, stateAt(c, p.validationTime, p.referenceTime)]),
  );

describe("a campaign's PKI lives at the campaign's instant", () => {
  const config = loadPkiConfig(DEFAULT_PKI_CONFIG);
  for (const instant of ["2031-07-01T09:30:00Z", "2026-12-03T06:00:00Z", "2045-02-28T23:59:59Z"])
    it(`built for ${instant}, every scenario means what it meant at the fixed validation time`, () => {
      const moved = pkiConfigAt(config, new Date(instant));
      expect(moved.validationTime).toBe(instant);
      expect(states(moved)).toEqual(states(config));
      // the meaning is not vacuous: the fixed PKI has expired, not-yet-valid and revoked scenarios
      expect(new Set(Object.values(states(config)))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
      const kinds = Object.values(states(config)).join(" ");
      for (const k of [
        "expired",
        "not-yet-valid",
        "revoked-before-reference",
        "revoked-after-reference",
        "valid/not-revoked",
      ])
        expect(kinds).toContain(k);
    });

  it("the moved config builds: certificates carry the moved dates", async () => {
    const pki = await buildPki(pkiConfigAt(config, new Date("2031-07-01T09:30:00Z")));
    const label = Object.keys(config.certificates).find((l) => config.certificates[l]!.scenario === "valid")!;
    const shiftMs = Date.parse("2031-07-01T09:30:00Z") - Date.parse(config.validationTime);
    expect(pki.get(label).notAfter.getTime()).toBe(Date.parse(config.certificates[label]!.notAfter) + shiftMs);
    expect(pki.validationTime.toISOString()).toBe("2031-07-01T09:30:00.000Z");
  });

  it("without the move, the fixed PKI seen years later is nothing but expired certificates", () => {
    const later = { ...config, validationTime: "2031-07-01T09:30:00Z" };
    expect(Object.values(states(later)).filter((s) => s.startsWith("valid")).length).toBeLessThan(
      Object.values(states(config)).filter((s) => s.startsWith("valid")).length,
    );
  });
});
