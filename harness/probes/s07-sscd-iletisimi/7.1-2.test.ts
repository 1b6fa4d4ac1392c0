import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./7.1-2.ts";

const base = screenEvidence().confirmView!;

describe("7.1-2: the PIN is masked while typed", () => {
  const cases: { name: string; pinField?: { type: string }; pinInPage?: boolean; verdict: string; reason: RegExp }[] = [
    { name: "type=password", pinField: { type: "password" }, verdict: "pass", reason: /type=password/ },
    { name: "type=PASSWORD (attribute case)", pinField: { type: "PASSWORD" }, verdict: "pass", reason: /masked/ },
    { name: "type=text", pinField: { type: "text" }, verdict: "fail", reason: /type=text: the digits typed show/ },
    { name: "type=number", pinField: { type: "number" }, verdict: "fail", reason: /type=number/ },
    {
      name: "the window asks no PIN, the page took it",
      pinInPage: true,
      verdict: "undetermined",
      reason: /typed into the application's page/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const confirmView = { ...base };
      if (c.pinField) confirmView.pinField = c.pinField;
      else delete confirmView.pinField;
      const e = screenEvidence({
        confirmView,
        pinInPage: c.pinInPage ? [{ method: "POST", url: "http://x/api" }] : [],
      });
      const j = judge("7.1-2", probe, { "window-review": e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
      if (j.verdict !== "not-assessed") expect(j.suggested).toBe(true);
    });
});
