import { describe, expect, it } from "vitest";
import { carriesPin, maskPins, MASK } from "./exchanges.ts";

const PIN = "48213907";

describe("the PIN in a page's exchange: found in the raw text, masked in what is kept", () => {
  const cases: { name: string; raw: string; carries: boolean; kept: RegExp }[] = [
    {
      name: "JSON body with a pin field",
      raw: `{"document":"QUJD","pin":"${PIN}"}`,
      carries: true,
      kept: /"pin":"\*\*\*"/,
    },
    { name: "JSON number value equal to the PIN", raw: `{"code":${PIN}}`, carries: true, kept: /"code":"\*\*\*"/ },
    { name: "nested password field", raw: `{"a":{"password":"x${PIN}y"}}`, carries: true, kept: /"password":"\*\*\*"/ },
    { name: "form body", raw: `doc=abc&pin=${PIN}&x=1`, carries: true, kept: /pin=\*\*\*&x=1/ },
    { name: "query string with another name", raw: `t=${PIN}`, carries: true, kept: /t=\*\*\*/ },
    {
      name: "a pin-named field holding another value is masked but is not this PIN",
      raw: `{"pin":"0000"}`,
      carries: false,
      kept: /"pin":"\*\*\*"/,
    },
    {
      name: "digits inside a longer base64 value are not the PIN",
      raw: `{"document":"AB${PIN}CD"}`,
      carries: false,
      kept: /AB\*\*\*CD/,
    },
    {
      name: "no PIN at all",
      raw: `{"document":"QUJD","format":"cades-bes"}`,
      carries: false,
      kept: /"format":"cades-bes"/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(carriesPin(c.raw, PIN)).toBe(c.carries);
      const kept = maskPins(c.raw, PIN);
      expect(kept.includes(PIN)).toBe(false);
      expect(kept).toMatch(c.kept);
      if (c.name !== "no PIN at all") expect(kept).toContain(MASK);
    });
  it("an empty PIN finds nothing and masks nothing", () => {
    expect(carriesPin(`{"pin":""}`, "")).toBe(false);
  });
});
