import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./declared.ts";

const withDeclarations = (declarations: NonNullable<ReturnType<typeof profileWith>["declarations"]>) => ({
  ...profileWith(),
  declarations,
});

describe("declared items: the vendor's declaration, suggested until confirmed", () => {
  it("pass, suggested: an accepted declaration with its statement, cited at its place in the profile", () => {
    const j = judge(
      "D-4",
      probe,
      {},
      withDeclarations({ "D-4": { accepted: true, statement: "PIN hiçbir yere yazılmaz." } }),
    );
    expect(j).toMatchObject({ verdict: "pass", suggested: true });
    expect(j.reason.en).toMatch(
      /Declared by the vendor: "PIN hiçbir yere yazılmaz\."\. A suggestion until the assessor confirms it\./,
    );
    if (j.verdict !== "not-assessed")
      expect(j.evidence[0]).toMatchObject({ kind: "profile", locator: "declarations.D-4" });
  });

  it("fail: the vendor does not declare it", () => {
    const j = judge(
      "D-4",
      probe,
      {},
      withDeclarations({ "D-4": { accepted: false, statement: "PIN önbellekte tutulur." } }),
    );
    expect(j.verdict).toBe("fail");
    expect(j.reason.en).toMatch(/does not declare .*PIN önbellekte tutulur/);
  });

  it("undetermined: no declaration at all (never a silent pass)", () => {
    expect(judge("D-4", probe, {}, withDeclarations({})).verdict).toBe("undetermined");
  });
});
