import { describe, expect, it } from "vitest";
import { CAPABILITIES } from "../profile/capabilities.ts";
import { loadProfile } from "../profile/load.ts";
import { loadChecklist } from "./load.ts";
import { capabilitiesOf, checkPredicate, evaluate, showPredicate } from "./predicate.ts";
import type { Predicate } from "./types.ts";

const ts: Predicate = { declares: "timestamping" };
const p2: Predicate = { includes: { field: "signatureProfiles", value: "P2" } };
const pin: Predicate = { equals: { field: "pinCaching", value: "session" } };

describe("each operator, three-valued", () => {
  it("declares: true / false / unstated", () => {
    expect(evaluate(ts, { timestamping: true }).value).toBe(true);
    expect(evaluate(ts, { timestamping: false }).value).toBe(false);
    const u = evaluate(ts, {});
    expect(u.value).toBeUndefined();
    expect(u.missing).toEqual(["timestamping"]);
    expect(evaluate(ts, { timestamping: false }).facts[0]!.en).toBe("the profile declares timestamping: no");
    expect(evaluate(ts, { timestamping: true }).facts[0]!.tr).toContain("timestamping");
  });

  it("includes: member / not member / unstated; the fact names the list", () => {
    expect(evaluate(p2, { signatureProfiles: ["P1", "P2"] }).value).toBe(true);
    const f = evaluate(p2, { signatureProfiles: ["P4"] });
    expect(f.value).toBe(false);
    expect(f.facts[0]!.en).toBe("the profile's signatureProfiles [P4] does not include P2");
    expect(evaluate(p2, { signatureProfiles: [] }).value).toBe(false);
    expect(evaluate(p2, {}).missing).toEqual(["signatureProfiles"]);
  });

  it("equals: same / different / unstated", () => {
    expect(evaluate(pin, { pinCaching: "session" }).value).toBe(true);
    expect(evaluate(pin, { pinCaching: "none" }).value).toBe(false);
    expect(evaluate(pin, { pinCaching: "none" }).facts[0]!.en).toContain("none, not session");
    expect(evaluate(pin, {}).value).toBeUndefined();
  });

  it("any: one true decides even beside unknowns; all false is false; otherwise unknown", () => {
    const any: Predicate = { any: [ts, p2] };
    expect(evaluate(any, { signatureProfiles: ["P2"] }).value).toBe(true); // timestamping unstated
    expect(evaluate(any, { timestamping: false, signatureProfiles: ["P1"] }).value).toBe(false);
    expect(evaluate(any, { timestamping: false, signatureProfiles: ["P1"] }).facts).toHaveLength(2);
    const u = evaluate(any, { timestamping: false });
    expect(u.value).toBeUndefined();
    expect(u.missing).toEqual(["signatureProfiles"]);
  });

  it("all: one false decides even beside unknowns; all true is true; otherwise unknown", () => {
    const all: Predicate = { all: [ts, p2] };
    expect(evaluate(all, { timestamping: false }).value).toBe(false);
    expect(evaluate(all, { timestamping: true, signatureProfiles: ["P2"] }).value).toBe(true);
    expect(evaluate(all, { timestamping: true }).value).toBeUndefined();
    expect(evaluate(all, {}).missing).toEqual(["timestamping", "signatureProfiles"]);
  });

  it("not: inverts, keeps unknown", () => {
    expect(evaluate({ not: ts }, { timestamping: true }).value).toBe(false);
    expect(evaluate({ not: ts }, { timestamping: false }).value).toBe(true);
    expect(evaluate({ not: ts }, {}).value).toBeUndefined();
  });

  it("shows and lists capabilities", () => {
    const p: Predicate = { not: { any: [ts, p2, pin] } };
    expect(showPredicate(p)).toBe("not(any(declares timestamping, signatureProfiles ∋ P2, pinCaching = session))");
    expect(capabilitiesOf(p)).toEqual(["timestamping", "signatureProfiles", "pinCaching"]);
  });
});

describe("checkPredicate against the closed capability set", () => {
  it("accepts known capabilities with the right operator", () => {
    expect(checkPredicate({ all: [ts, p2, pin, { not: ts }] }, [])).toEqual([]);
  });
  it("rejects unknown names, wrong operators and values outside the enum, with their path", () => {
    const r = checkPredicate(
      {
        any: [
          { declares: "timestampin" },
          { declares: "signatureProfiles" },
          { includes: { field: "signatureProfiles", value: "P9" } },
          { equals: { field: "timestamping", value: "x" } },
        ],
      },
      ["when"],
    );
    expect(r.map((x) => x.path.join("/"))).toEqual([
      "when/any/0/declares",
      "when/any/1/declares",
      "when/any/2/includes/value",
      "when/any/3/equals/field",
    ]);
    expect(r[0]!.message).toContain('did you mean "timestamping"');
  });
  it("knows the capabilities from the profile schema", () => {
    expect(CAPABILITIES.get("timestamping")?.kind).toBe("flag");
    expect(CAPABILITIES.get("signatureProfiles")?.values).toEqual(["P1", "P2", "P3", "P4"]);
    expect(CAPABILITIES.get("pinCaching")?.kind).toBe("choice");
  });
});

describe("the real conditions with the example profiles", () => {
  const cl = loadChecklist();
  const full = loadProfile("examples/profiles/ornek-ebys.yaml", cl);
  const kItems = cl.items.filter((i) => i.condition);

  it("every real condition is decided by the full example profile", () => {
    expect(kItems.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of kItems)
      expect(evaluate(i.condition!.when, full.capabilities ?? {}).value, i.id).not.toBeUndefined();
  });

  it("decides the footnote conditions as the example declares them", () => {
    const v = (id: string) => evaluate(cl.byId.get(id)!.condition!.when, full.capabilities ?? {}).value;
    expect(v("10-3")).toBe(true); // timestamping: true
    expect(v("4.1-5")).toBe(false); // internationalUsers: false
    expect(v("9-2")).toBe(true); // NES from the SSCD but the chain is not → still applies
    expect(v("12.2-1")).toBe(false); // no ES-X type 1/2 level
    expect(v("11.3-2")).toBe(false); // signing time set at creation
  });

  it("every real condition is undetermined with an empty profile, naming what it needs", () => {
    expect(kItems.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of kItems) {
      const e = evaluate(i.condition!.when, {});
      expect(e.value, i.id).toBeUndefined();
      expect(e.missing.sort(), i.id).toEqual(capabilitiesOf(i.condition!.when).sort());
    }
  });
});
