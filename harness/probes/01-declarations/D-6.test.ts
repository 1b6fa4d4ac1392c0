import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { exposure, screenEvidence } from "../../testing/probes/screen.ts";
import probe from "./D-6.ts";

const reflect = exposure({
  foreignOrigin: {
    origin: "http://kotu-niyetli.example",
    preflight: { status: 204 },
    get: { status: 200, allowOrigin: "http://kotu-niyetli.example", allowCredentials: "true" },
  },
});

describe("D-6: the PIN and signature data stay confidential between components", () => {
  const cases: { name: string; pinInPage: boolean; e: ReturnType<typeof exposure>; verdict: string; reason: RegExp }[] =
    [
      {
        name: "no PIN in the page, agent closed: the declaration decides",
        pinInPage: false,
        e: exposure(),
        verdict: "undetermined",
        reason: /No PIN in the page's requests.*no vendor declaration/,
      },
      {
        name: "the PIN in the page's request",
        pinInPage: true,
        e: exposure(),
        verdict: "fail",
        reason:
          /PIN travelled in a request of the application's page \(POST http:\/\/127\.0\.0\.1:2\/api\/v1\/sign-requests\)/,
      },
      {
        name: "the agent open to a foreign origin",
        pinInPage: false,
        e: reflect,
        verdict: "fail",
        reason: /lets a foreign origin/,
      },
    ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const w = screenEvidence({
        pinInPage: c.pinInPage ? [{ method: "POST", url: "http://127.0.0.1:2/api/v1/sign-requests" }] : [],
      });
      const j = judge("D-6", probe, { "window-review": w, "agent-exposure": c.e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
