import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../core/paths.ts";
import type { AppProfile } from "../../profile/types.ts";
import { fillStart, webSettings } from "./settings.ts";

const profile = (settings: Record<string, unknown>): AppProfile => ({
  app: { name: "deneme", version: "1" },
  assesses: ["creation"],
  driver: { kind: "web", settings },
  file: join(PROJECT_ROOT, "examples", "profiles", "deneme.yaml"),
});
const ok = { adapter: "../apps/ornek-imzaci/uyum-adapter.ts", start: ["node", "start.ts", "--card", "{card}"] };

describe("web driver settings from the profile", () => {
  const cases: { name: string; settings: Record<string, unknown>; problem?: RegExp }[] = [
    { name: "the reference app's", settings: ok },
    { name: "no adapter", settings: { ...ok, adapter: undefined }, problem: /names no page object/ },
    { name: "an adapter that is not there", settings: { ...ok, adapter: "../nope.ts" }, problem: /no such file/ },
    { name: "start as a string", settings: { ...ok, start: "npx tsx start.ts" }, problem: /as a list \(argv\)/ },
    {
      name: "an unknown placeholder",
      settings: { ...ok, start: ["x", "{pin}"] },
      problem: /unknown placeholder \{pin\}/,
    },
    {
      name: "a negative idle timeout",
      settings: { ...ok, idleTimeoutMs: -1 },
      problem: /positive number of milliseconds/,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { settings, issues } = webSettings(profile(c.settings));
      if (!c.problem) {
        expect(issues).toEqual([]);
        expect(settings?.adapter).toBe(join(PROJECT_ROOT, "examples", "apps", "ornek-imzaci", "uyum-adapter.ts"));
      } else {
        expect(settings).toBeUndefined();
        expect(issues.map((i) => i.message).join("\n")).toMatch(c.problem);
      }
    });
  it("fills the start command's placeholders, leaving unknown ones visible", () => {
    expect(
      fillStart(["a", "--card={card}", "{pkiBaseUrl}/x", "{other}"], { card: "/c", pkiBaseUrl: "http://p" }),
    ).toEqual(["a", "--card=/c", "http://p/x", "{other}"]);
  });
});
