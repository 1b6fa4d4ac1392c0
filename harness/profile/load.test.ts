import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIGNATURE_FORMATS, SIGNATURE_LEVELS, SIGNATURE_PROFILES } from "../core/signature-forms.ts";
import { tempYaml } from "../testing/checklist.ts";
import { formatIssue } from "../core/issues.ts";
import { loadChecklist } from "../checklist/load.ts";
import { loadProfile, validateProfile } from "./load.ts";

const cl = loadChecklist();
const base = "app: { name: X, version: '1' }\nassesses: [creation]\n";
const problems = (text: string) => {
  const r = validateProfile(tempYaml("app.yaml", text), cl);
  expect(r.profile).toBeUndefined();
  return r.issues.map(formatIssue);
};

describe("example profiles", () => {
  it("load, with identity, driver, capabilities, answers and declarations", () => {
    const p = loadProfile("examples/profiles/ornek-ebys.yaml", cl);
    expect(p.app).toEqual({ name: "Örnek EBYS İmzalayıcı", version: "3.2.1", vendor: "Örnek Yazılım A.Ş." });
    expect(p.driver?.kind).toBe("web");
    expect(p.capabilities?.signatureProfiles).toEqual(["P2", "P3", "P4"]);
    expect(Object.keys(p.declarations ?? {})).toEqual(
      expect.arrayContaining(Array.from({ length: 12 }, (_, i) => `D-${i + 1}`)),
    );
    // every B/form-field item of the form is answered
    const formFields = cl.items.filter((i) => i.evidence.kind === "form-field");
    expect(formFields.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of formFields) expect(p.answers?.[i.id], i.id).toBeDefined();
    expect(loadProfile("examples/profiles/minimal.yaml", cl).assesses).toEqual(["creation"]);
  });
});

describe("profile errors name file, item and field", () => {
  it("YAML syntax: line and column", () => {
    const [m, ...rest] = problems(base + "capabilities:\n  timestamping: [true\n");
    expect(rest).toEqual([]);
    expect(m).toMatch(/app\.yaml: field "capabilities\.timestamping": YAML syntax error: .*\(line \d+, column \d+\)/);
  });

  it("unknown field, with the allowed ones", () => {
    const [m] = problems(base + "capabilities:\n  timestmping: true\n");
    expect(m).toMatch(
      /app\.yaml: field "capabilities\.timestmping": unknown field \(did you mean "timestamping"\?\) \(allowed here: signatureFormats, .*\) \(line 4, column 3\)/,
    );
  });

  it("wrong type", () => {
    const [m] = problems(base + "capabilities:\n  timestamping: 'yes'\n");
    expect(m).toContain('app.yaml: field "capabilities.timestamping": must be boolean (got string "yes") (line 4');
  });

  it("value outside an enum", () => {
    const [m] = problems(base + "capabilities:\n  signatureProfiles: [P2, P7]\n");
    expect(m).toContain('field "capabilities.signatureProfiles[1]": must be one of P1, P2, P3, P4');
  });

  it("missing required field", () => {
    const [m] = problems("app: { name: X }\nassesses: [creation]\n");
    expect(m).toContain('field "app.version": missing required field');
  });

  it("answer for an unknown item id", () => {
    const [m] = problems(base + "answers:\n  F-1: Kurum\n  9-99: hmm\n");
    expect(m).toContain(
      'app.yaml: item 9-99: field "answers.9-99": unknown item id "9-99" (not in the checklist) (line 5',
    );
  });

  it("answer for an item that is not a form field, and an option that does not exist", () => {
    const m = problems(base + "answers:\n  1.1-1: evet\n  2-1: { selected: [4] }\n");
    expect(m[0]).toContain('item 1.1-1: field "answers.1.1-1": item 1.1-1 is not a form field (obligation Z');
    expect(m[1]).toContain('item 2-1: field "answers.2-1": option 4 does not exist: item 2-1 has 3 option(s)');
  });

  it("declaration for an unknown id, and an unknown field inside a declaration", () => {
    const m = problems(base + "declarations:\n  D-13: { accepted: true }\n");
    expect(m[0]).toContain('item D-13: field "declarations.D-13": unknown item id "D-13"');
    const m2 = problems(base + "declarations:\n  D-1: { accepted: true, signedBy: me }\n");
    expect(m2[0]).toContain('item D-1: field "declarations.D-1.signedBy": unknown field');
  });

  it("a real card: a module that is not there, a directory, mayLock without a PUK, an unknown field", () => {
    const [missing] = problems(base + "card: { kind: pkcs11, module: /usr/lib/libakisp11-not-here.so }\n");
    expect(missing).toMatch(
      /field "card\.module": no PKCS#11 module at \/usr\/lib\/libakisp11-not-here\.so \(is the vendor's driver installed\?\)/,
    );
    expect(problems(base + "card: { kind: pkcs11, module: /usr/lib }\n")[0]).toContain(
      "/usr/lib is not a file (give the module's .so)",
    );
    const [lock] = problems(base + "card: { kind: pkcs11, module: /usr/lib/softhsm/libsofthsm2.so, mayLock: true }\n");
    expect(lock).toContain('field "card.mayLock": mayLock: true needs puk');
    expect(problems(base + "card: { kind: pkcs11, module: x.so, pin: '1234' }\n")[0]).toContain(
      'field "card.pin": unknown field',
    );
  });

  it("a real card's module, relative to the profile, is made absolute", () => {
    const file = tempYaml(
      "app.yaml",
      base + "card: { kind: pkcs11, module: ../../../../../../../../usr/lib/softhsm/libsofthsm2.so }\n",
    );
    expect(validateProfile(file, cl).profile?.card?.module).toBe("/usr/lib/softhsm/libsofthsm2.so");
  });

  it("a file that is not a mapping, and a missing file", () => {
    expect(problems("- just\n- a list\n")[0]).toContain("must be a YAML mapping");
    const r = validateProfile("/nonexistent/app.yaml", cl);
    expect(formatIssue(r.issues[0]!)).toContain("/nonexistent/app.yaml: cannot read file: no such file (ENOENT)");
  });
});

describe("the profile schema names formats, levels and profiles as the rest of uyum does", () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "app-profile.schema.json"), "utf8"));
  const caps = schema.$defs.capabilities.properties;
  it("its enums are core/signature-forms.ts's lists, in the same order", () => {
    expect(caps.signatureFormats.items.enum).toEqual([...SIGNATURE_FORMATS]);
    expect(caps.signatureLevels.items.enum).toEqual([...SIGNATURE_LEVELS]);
    expect(caps.signatureProfiles.items.enum).toEqual([...SIGNATURE_PROFILES]);
  });
});
