import { describe, expect, it } from "vitest";
import { judge } from "../../testing/probes/given.ts";
import { exposure } from "../../testing/probes/screen.ts";
import probe from "./D-7.ts";

describe("D-7: other components cannot influence signing (a localhost agent's exposure)", () => {
  const cases: { name: string; e: ReturnType<typeof exposure>; verdict: string; reason: RegExp }[] = [
    {
      name: "a careful agent, no declaration: the declaration decides",
      e: exposure(),
      verdict: "undetermined",
      reason: /loopback only.*no vendor declaration/,
    },
    {
      name: "listening on 0.0.0.0",
      e: exposure({ listening: [{ address: "0.0.0.0", loopback: false }] }),
      verdict: "fail",
      reason: /listens on 0\.0\.0\.0/,
    },
    {
      name: "reachable on the machine's address",
      e: exposure({ nonLoopback: { address: "10.0.0.5", connected: true } }),
      verdict: "fail",
      reason: /machine's address 10\.0\.0\.5/,
    },
    {
      name: "a foreign origin reflected with credentials",
      e: exposure({
        foreignOrigin: {
          origin: "http://kotu-niyetli.example",
          preflight: { status: 204, allowOrigin: "http://kotu-niyetli.example", allowCredentials: "true" },
          get: { status: 200, allowOrigin: "http://kotu-niyetli.example", allowCredentials: "true" },
        },
      }),
      verdict: "fail",
      reason: /foreign origin .* with credentials/,
    },
    {
      name: "a replayed signed request accepted",
      e: exposure({
        replay: { method: "POST", url: "http://a/b", firstStatus: 202, replayStatus: 202, replayBody: "{}" },
      }),
      verdict: "fail",
      reason: /sent a second time \(HTTP 202\)/,
    },
    {
      name: "nothing observed (no agent): the declaration decides",
      e: { observed: false },
      verdict: "undetermined",
      reason: /no vendor declaration/,
    },
  ];
  for (const c of cases)
    it(`${c.verdict}: ${c.name}`, () => {
      const j = judge("D-7", probe, { "agent-exposure": c.e });
      expect(j.verdict).toBe(c.verdict);
      expect(j.reason.en).toMatch(c.reason);
    });
});
