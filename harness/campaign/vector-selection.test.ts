// Which vectors verify-vectors gives a campaign run on a selection of items (--only): the vectors and controls of
// the agreement probes that read it, and every declared vector as soon as one reader is another kind of probe.
import { describe, expect, it } from "vitest";
import probe218 from "../probes/s02-belge-sunumu/2.1-8.ts";
import probe153 from "../probes/s15-coklu-imza/15-3.ts";
import probe1211 from "../probes/s12-sonraki-dogrulama/12.1-1.ts";
import probe217 from "../probes/s02-belge-sunumu/2.1-7.ts";
import { vectorSelectionFor } from "./run.ts";

describe("vectorSelectionFor", () => {
  it("an agreement probe: its vectors and controls, and only the vectors they pick", () => {
    const s = vectorSelectionFor([probe218, probe217]);
    expect(s?.selectors).toEqual(["39_s", "39_p", "P4_93_s", "P4_93_p", "multi-*"]);
    expect(s!.picks({ scenario: "39_s" })).toBe(true);
    expect(s!.picks({ scenario: "multi-parallel" })).toBe(true);
    expect(s!.picks({ scenario: "16_1" })).toBe(false);
  });

  it("two agreement probes: the union, each selector once", () => {
    const s = vectorSelectionFor([probe218, probe153]);
    expect(new Set(s!.selectors).size).toBe(s!.selectors.length);
    for (const x of [...probe218.spec.vectors, ...probe153.spec.vectors]) expect(s!.selectors).toContain(x);
  });

  it("a reader that is not an agreement probe may read any vector: every declared vector", () => {
    expect(vectorSelectionFor([probe218, probe1211])).toBeUndefined();
  });

  it("no probe reads verify-vectors: nothing to select", () => {
    expect(vectorSelectionFor([probe217])).toBeUndefined();
  });
});
