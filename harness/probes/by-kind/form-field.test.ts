import { describe, expect, it } from "vitest";
import { judge, profileWith } from "../../testing/probes/given.ts";
import probe from "./form-field.ts";

const withAnswers = (answers: NonNullable<ReturnType<typeof profileWith>["answers"]>) => ({
  ...profileWith(),
  answers,
});

describe("form-field items: the profile's answers recorded", () => {
  it("pass: a text answer is recorded as written", () => {
    const j = judge("F-1", probe, {}, withAnswers({ "F-1": "Örnek Belediyesi" }));
    expect(j.verdict).toBe("pass");
    expect(j.reason.tr).toBe("Kaydedildi: Örnek Belediyesi.");
  });

  it("pass: ticked options are named by their text, with the free text", () => {
    const j = judge("2.1-1", probe, {}, withAnswers({ "2.1-1": { selected: [1], text: "PDF/A-2b" } }));
    expect(j.verdict).toBe("pass");
    expect(j.reason.en).toMatch(/^Recorded: ☑ .+; PDF\/A-2b\.$/);
  });

  it("undetermined: an unanswered field leaves the form incomplete", () => {
    const j = judge("F-1", probe, {}, withAnswers({}));
    expect(j.verdict).toBe("undetermined");
    expect(j.reason.en).toMatch(/form is incomplete/);
    expect(judge("F-1", probe, {}, withAnswers({ "F-1": "  " })).verdict).toBe("undetermined");
  });
});
