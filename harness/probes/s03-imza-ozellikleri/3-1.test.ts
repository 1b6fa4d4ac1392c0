import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence, unsignedEvidence } from "../../testing/probes/screen.ts";
import probe from "./3-1.ts";

const info = screenEvidence().confirmView!.certificateInfo!;

describe("3-1: the certificate's information is shown before signing", () => {
  const cases: { name: string; info?: string; signed?: boolean; verdict: string; reason: RegExp }[] = [
    {
      name: "holder, issuer, serial, validity, qualified",
      info,
      verdict: "pass",
      reason: /holder \(TEST Ayşe Yılmaz\)/,
    },
    {
      name: "the serial in decimal",
      info: info.replace("0a1b2c", String(0x0a1b2c)),
      verdict: "pass",
      reason: /serial/,
    },
    {
      name: "the end of validity as dd.mm.yyyy",
      info: info.replace("2028-01-01T00:00:00.000Z", "01.01.2028"),
      verdict: "pass",
      reason: /validity/,
    },
    { name: "no certificate information", info: undefined, verdict: "fail", reason: /No certificate information/ },
    {
      name: "no serial number",
      info: info.replace("Seri numarası 0a1b2c", ""),
      verdict: "fail",
      reason: /lacks: serial number/,
    },
    {
      name: "another holder",
      info: info.replace(/Ayşe Yılmaz/g, "Mehmet Kaya"),
      verdict: "fail",
      reason: /lacks: holder/,
    },
    {
      name: "no word of its qualified status",
      info: info.replace("Nitelikli evet", ""),
      verdict: "fail",
      reason: /its qualified status/,
    },
    {
      name: "shown but nothing signed to compare with",
      info,
      signed: false,
      verdict: "undetermined",
      reason: /could not be read/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const e = c.signed === false ? unsignedEvidence() : screenEvidence();
      e.confirmView = { ...e.confirmView!, certificateInfo: c.info };
      const j = judge("3-1", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
