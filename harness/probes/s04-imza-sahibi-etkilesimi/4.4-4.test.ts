import { describe, expect, it } from "vitest";
import { judge, profileWith, traceOf } from "../../testing/probes/given.ts";
import { failure, output } from "../../testing/probes/outputs.ts";
import type { Judgement } from "../kit.ts";
import probe from "./4.4-4.ts";

const web = { ...profileWith(), driver: { kind: "web" as const } };

describe("4.4-4: the user can take a copy of the signed file", () => {
  it("pass: every signature came back as a file", () => {
    const j = <Judgement>(
      judge(
        "4.4-4",
        probe,
        { "sign-once": { outputs: [output("CAdES", "BES"), output("XAdES", "BES")], trace: traceOf([]) } },
        web,
      )
    );
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(
      /2 signatures came to the user as files \(the signed file the application's page gave its user, taken by the page object as a user would/,
    );
    expect(j.evidence.map((r) => r.kind)).toEqual(["signature", "signature"]);
    expect(j.suggested).toBe(true);
  });
  it("pass, naming a kind that wrote nothing", () => {
    const j = <Judgement>judge("4.4-4", probe, {
      "sign-once": { outputs: [output("CAdES", "BES")], failures: [failure("PAdES", "B-B")], trace: traceOf([]) },
    });
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(/the output file the command wrote.*besides, PAdES B-B was asked for/);
  });
  it("undetermined: no signed file came out", () => {
    const j = <Judgement>judge("4.4-4", probe, {
      "sign-once": { outputs: [], failures: [failure("CAdES", "BES")], trace: traceOf([]) },
    });
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/No signed file came out.*CAdES BES was asked for/);
    expect(j.evidence.map((r) => r.kind)).toEqual(["stderr"]);
  });
});
