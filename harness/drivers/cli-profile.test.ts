import { describe, expect, it } from "vitest";
import { formatIssue } from "../core/issues.ts";
import type { AppProfile } from "../profile/types.ts";
import { cliSignTemplates } from "./cli-profile.ts";

const profile = (driver: AppProfile["driver"]): AppProfile => ({
  app: { name: "deneme", version: "1" },
  assesses: ["creation"],
  driver,
  file: "/profiles/deneme.yaml",
});
const problems = (driver: AppProfile["driver"]) => cliSignTemplates(profile(driver)).issues.map(formatIssue);

describe("the cli driver's profile settings", () => {
  it("a web profile is named as not drivable yet, not as broken", () => {
    expect(problems({ kind: "web" })).toEqual([
      expect.stringMatching(/"driver.kind": is web: uyum run has the cli driver only so far/),
    ]);
  });

  it("each sign template needs format, level, output and a PIN delivery that is not argv", () => {
    const out = problems({ kind: "cli", settings: { sign: [{ command: ["imzaci", "{input}", "{pin}"] }] } });
    expect(out).toContainEqual(expect.stringMatching(/sign\[0\]": needs format, level and output/));
    expect(out).toContainEqual(expect.stringMatching(/sign\[0\]\.pin": say how the PIN reaches the application/));
    expect(out).toContainEqual(expect.stringMatching(/unknown placeholder \{pin\}/));
    expect(problems({ kind: "cli", settings: {} })).toEqual([expect.stringMatching(/no sign command/)]);
  });

  it("a good template comes back as given, a ./ program found beside the profile", () => {
    const { templates, issues } = cliSignTemplates(
      profile({
        kind: "cli",
        settings: {
          sign: [
            {
              format: "CAdES",
              level: "BES",
              output: "p7s",
              pin: { stdin: true },
              command: ["./imzaci", "{input}", "{output}"],
            },
          ],
        },
      }),
    );
    expect(issues).toEqual([]);
    expect(templates[0]!.command[0]).toBe("/profiles/imzaci");
  });
});
