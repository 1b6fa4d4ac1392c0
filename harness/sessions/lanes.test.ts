import { describe, expect, it } from "vitest";
import { sessionLanes } from "./lanes.ts";

describe("sessionLanes", () => {
  const needed = [
    "window-review",
    "signing-side",
    "services-down",
    "sign-once",
    "wrong-pin-until-locked",
    "bad-timestamps",
    "card-removed",
  ] as const;

  it("runs the own-card sessions beside the rest and the services-changing ones alone at the end", () => {
    expect(sessionLanes([...needed], { realCard: false })).toEqual({
      beside: ["signing-side", "wrong-pin-until-locked"],
      inTurn: ["window-review", "sign-once", "card-removed"],
      after: ["services-down", "bad-timestamps"],
    });
  });

  it("loses no session and runs none twice", () => {
    const l = sessionLanes([...needed], { realCard: false });
    expect([...l.beside, ...l.inTurn, ...l.after].sort()).toEqual([...needed].sort());
  });

  it("on the assessor's real card every session takes its turn, in the order given", () => {
    expect(sessionLanes([...needed], { realCard: true })).toEqual({ beside: [], inTurn: [...needed], after: [] });
  });
});
