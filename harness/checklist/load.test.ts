import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDirForTests } from "../core/shared-dir.ts";
import { readDraft } from "./draft.ts";
import { formatIssue, type Issue } from "../core/issues.ts";
import { loadChecklist, validateChecklist } from "./load.ts";
import { brokenChecklist } from "../testing/checklist.ts";
import { OBLIGATIONS } from "./types.ts";

const cl = loadChecklist();

describe("the real checklist", () => {
  it("loads ≥ 160 entries across F, D and sections 1–15, with unique ids", () => {
    expect(cl.items.length).toBeGreaterThanOrEqual(160);
    const sections = new Set(cl.items.map((i) => i.section));
    for (const s of ["F", "D", ...Array.from({ length: 15 }, (_, k) => String(k + 1))])
      expect(sections.has(s), `section ${s}`).toBe(true);
    expect(new Set(cl.items.map((i) => i.id)).size).toBe(cl.items.length);
    expect(cl.items.filter((i) => i.section === "F")).toHaveLength(7);
    expect(cl.items.filter((i) => i.section === "D")).toHaveLength(12);
  });

  it("gives every K item a condition with text and predicate, and no other item one", () => {
    const k = cl.items.filter((i) => i.obligation === "K");
    expect(k.length).toBeGreaterThan(0);
    for (const i of k) {
      expect(i.condition?.text.tr, i.id).toBeTruthy();
      expect(i.condition?.text.en, i.id).toBeTruthy();
      expect(Object.keys(i.condition?.when ?? {}), i.id).toHaveLength(1);
    }
    for (const i of cl.items.filter((i) => i.obligation !== "K")) expect(i.condition, i.id).toBeUndefined();
  });

  it("covers every condition footnote of the form with at least one K item", () => {
    const used = new Set(cl.items.flatMap((i) => i.condition?.footnotes ?? []));
    const conditions = [...cl.footnotes.values()].filter((f) => f.type === "condition");
    expect(conditions.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const f of conditions) expect(used.has(f.number), `footnote ${f.number}`).toBe(true);
  });

  it("marks every inferred item with its reason and page loss", () => {
    const inferred = cl.items.filter((i) => i.provenance.source === "inferred");
    expect(inferred.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of inferred) {
      expect(i.provenance.inferenceReason, i.id).toBeTruthy();
      expect(i.provenance.pageLoss, i.id).toMatch(/26–40/);
    }
  });
});

describe("agreement with the draft in ../shared", () => {
  const shared = sharedDirForTests();
  const draft = shared.dir ? readDraft(shared.dir) : undefined;
  const sectionOf = (no: string) => (no === "0" ? "F" : no);
  it.skipIf(!draft)(
    `counts by section, obligation, part and source match the draft's stats ${shared.skipReason ?? ""}`,
    () => {
      const d = draft!;
      const count = (key: (i: (typeof cl.items)[number]) => string) => {
        const m: Record<string, number> = {};
        for (const i of cl.items) m[key(i)] = (m[key(i)] ?? 0) + 1;
        return m;
      };
      expect(cl.items.length).toBe(d.stats.total_items);
      expect(count((i) => i.section)).toEqual(
        Object.fromEntries(Object.entries(d.stats.by_section).map(([k, v]) => [sectionOf(k), v])),
      );
      expect(count((i) => i.obligation)).toEqual(d.stats.by_obligation);
      expect(count((i) => i.part)).toEqual(d.stats.by_part);
      expect(count((i) => (i.provenance.inferredParts ? "seed (options inferred)" : i.provenance.source))).toEqual(
        d.stats.by_source,
      );
    },
  );

  it.skipIf(!draft)("agrees section × obligation with the draft's items", () => {
    const cross = (list: { section: string; obligation: string }[]) => {
      const m: Record<string, number> = {};
      for (const i of list) m[`${i.section}/${i.obligation}`] = (m[`${i.section}/${i.obligation}`] ?? 0) + 1;
      return m;
    };
    expect(cross(cl.items)).toEqual(
      cross(draft!.items.map((i) => ({ section: sectionOf(i.section_no), obligation: i.obligation }))),
    );
    // spot values from the draft's table (notes.md §1)
    const m = cross(cl.items);
    expect([m["11/Z"], m["11/K"], m["11/O"], m["11/B"]]).toEqual([35, 8, 3, 3]);
  });

  it.skipIf(!draft)("keeps every seed item's id and obligation, except differences listed in the data", () => {
    const byId = new Map(draft!.items.map((i) => [i.id, i]));
    const seed = cl.items.filter((i) => i.provenance.source === "seed");
    expect(seed.length).toBeGreaterThan(0); // else the loop below checks nothing
    for (const i of seed) {
      const listed = new Map((i.draftDifference ?? []).map((d) => [d.field, d]));
      const di = byId.get(listed.get("id")?.draft ?? i.id);
      expect(di, `${i.id} exists in the draft`).toBeDefined();
      if (!listed.has("obligation")) expect(i.obligation, i.id).toBe(di!.obligation);
      else expect(listed.get("obligation")!.draft).toBe(di!.obligation);
      expect(di!.source, i.id).toBe("seed");
    }
    // and every draft item is here
    for (const id of byId.keys()) expect(cl.byId.has(id), id).toBe(true);
  });
});

describe("agreement with the transcript (the authority for pages 1–25)", () => {
  const shared = sharedDirForTests();
  // The transcript lost every letter Z and many digits, and the draft restored "CWA"/"ETSI TS" prefixes and
  // circumflexes: compare without those, case- and punctuation-blind.
  const norm = (s: string) =>
    s
      .toLocaleLowerCase("tr")
      .replace(/â/g, "a")
      .replace(/î/g, "i")
      .replace(/û/g, "u")
      .replace(/[zZ0-9]/g, "")
      .replace(/\bcwa\b|\betsi ts\b/g, "")
      .replace(/[^a-zçğıöşü ]/gi, " ")
      .replace(/\s+/g, " ")
      .trim();
  const found = (text: string, tx: string) => {
    const w = norm(text).split(" ").filter(Boolean);
    if (w.length < 4) return tx.includes(w.join(" "));
    // a good share of 4-word runs must be there (the draft repaired wording, so not all of them; measured:
    // seed rows ≥ 0.33 apart from F-7, inferred rows ≤ 0.36 and mostly 0)
    let hits = 0;
    for (let i = 0; i + 4 <= w.length; i++) if (tx.includes(w.slice(i, i + 4).join(" "))) hits++;
    return hits / (w.length - 3) >= 0.3;
  };
  it.skipIf(!shared.dir)(
    `every seed item's Turkish text and every footnote is in the transcript ${shared.skipReason ?? ""}`,
    () => {
      const tx = norm(readFileSync(join(shared.dir!, "kamusm", "seed-kontrol-listesi-transcript.txt"), "utf8"));
      const missing = cl.items.filter((i) => i.provenance.source === "seed" && !found(i.text.tr, tx)).map((i) => i.id);
      // F-7: the form prints a participants table (role × name, phone, signature); our text describes that table
      expect(missing).toEqual(["F-7"]);
      const fnMissing = [...cl.footnotes.values()].filter((f) => !found(f.text.tr, tx)).map((f) => f.number);
      expect(fnMissing).toEqual([]);
      // and an inferred row's text is, as expected, not something the transcript shows
      expect(found(cl.byId.get("15-6")!.text.tr, tx)).toBe(false);
    },
  );
});

describe("checklist errors name file, item and field", () => {
  const issuesOf = (dir: string): Issue[] => {
    const r = validateChecklist(dir);
    expect(r.checklist).toBeUndefined();
    return r.issues;
  };
  const only = (issues: Issue[]) => {
    expect(issues.map(formatIssue)).toHaveLength(1);
    return formatIssue(issues[0]!);
  };

  it("YAML syntax error: file, line, nearest item and key", () => {
    const dir = brokenChecklist("items/s06-veri-ozetleme.yaml", (t) =>
      t.replace("    obligation: Z", "    obligation: [Z"),
    );
    const msg = only(issuesOf(dir));
    expect(msg).toMatch(
      /^.*items\/s06-veri-ozetleme\.yaml: item 6-1: field "obligation": YAML syntax error: .*\(line \d+, column \d+\)$/,
    );
  });

  it("unknown field", () => {
    const dir = brokenChecklist("items/s07-sscd-iletisimi.yaml", (t) =>
      t.replace("  - id: 7.1-2\n", "  - id: 7.1-2\n    colour: red\n"),
    );
    const msg = only(issuesOf(dir));
    expect(msg).toContain('items/s07-sscd-iletisimi.yaml: item 7.1-2: field "colour": unknown field');
  });

  it("wrong type and wrong enum value", () => {
    const dir = brokenChecklist("items/s07-sscd-iletisimi.yaml", (t) =>
      t
        .replace(/(  - id: 7\.1-2\n(?:    .*\n)*?    obligation: )Z/, "$1X")
        .replace(/(  - id: 7\.1-3\n    part: creation\n    section: )"7"/, "$17"),
    );
    const msgs = issuesOf(dir).map(formatIssue);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toContain(
      'items/s07-sscd-iletisimi.yaml: item 7.1-2: field "obligation": must be one of Z, K, O, B',
    );
    expect(msgs[1]).toContain(
      'items/s07-sscd-iletisimi.yaml: item 7.1-3: field "section": must be string (got number 7)',
    );
  });

  it("duplicate id names both files", () => {
    const dir = brokenChecklist("items/s10-imza-zamani.yaml", (t) => t.replace("id: 10-1\n", "id: 9-1\n"));
    const msg = only(issuesOf(dir));
    expect(msg).toContain('items/s10-imza-zamani.yaml: item 9-1: field "id": duplicate id: also defined in');
    expect(msg).toContain("items/s09-dis-baglantilar.yaml");
  });

  it("K item without a condition", () => {
    const dir = brokenChecklist("items/s10-imza-zamani.yaml", (t) => t.replace(/    condition:\n(      .*\n)+/, ""));
    const msg = only(issuesOf(dir));
    expect(msg).toContain(
      'items/s10-imza-zamani.yaml: item 10-3: field "condition": K (koşullu) item without a condition',
    );
  });

  it("non-K item with a condition", () => {
    const dir = brokenChecklist("items/s10-imza-zamani.yaml", (t) =>
      t.replace(/(  - id: 10-3\n(?:    .*\n)*?    obligation: )K/, "$1Z"),
    );
    expect(only(issuesOf(dir))).toContain(
      'item 10-3: field "condition": only K items have a condition (this item is Z)',
    );
  });

  it("condition naming an unknown capability (with a hint)", () => {
    const dir = brokenChecklist("items/s10-imza-zamani.yaml", (t) =>
      t.replace("declares: timestamping", "declares: timestampng"),
    );
    const msg = only(issuesOf(dir));
    expect(msg).toContain(
      'items/s10-imza-zamani.yaml: item 10-3: field "condition.when.declares": unknown capability "timestampng" (did you mean "timestamping"?)',
    );
  });

  it("condition with a value outside the capability's enum, and an operator that does not fit", () => {
    const dir = brokenChecklist("items/s12-sonraki-dogrulama.yaml", (t) =>
      t
        .replace(
          "when: { any: [ { includes: { field: signatureProfiles, value: P3 } }",
          "when: { any: [ { includes: { field: signatureProfiles, value: P5 } }",
        )
        .replace("{ includes: { field: signatureLevels, value: X-Type1 } }", "{ declares: signatureLevels }"),
    );
    const msgs = issuesOf(dir).map(formatIssue);
    expect(
      msgs.some((m) =>
        m.includes(
          'item 12.3-2: field "condition.when.any[0].includes.value": "P5" is not a value of signatureProfiles',
        ),
      ),
    ).toBe(true);
    expect(
      msgs.some((m) =>
        m.includes('item 12.2-1: field "condition.when.any[0].declares": capability "signatureLevels" is a list'),
      ),
    ).toBe(true);
  });

  it("unknown section and heading", () => {
    const dir = brokenChecklist("items/s07-sscd-iletisimi.yaml", (t) =>
      t.replace('    heading: "7.1"\n', '    heading: "7.9"\n'),
    );
    const msgs = issuesOf(dir).map(formatIssue);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs[0]).toContain('field "heading": unknown heading "7.9": not a heading of section 7');
    const dir2 = brokenChecklist("items/s06-veri-ozetleme.yaml", (t) => t.replace('section: "6"', 'section: "16"'));
    expect(only(issuesOf(dir2))).toContain('item 6-1: field "section": unknown section "16"');
  });

  it("inferred item without its inference reason", () => {
    const dir = brokenChecklist("items/s15-coklu-imza.yaml", (t) => t.replace(/      inferenceReason: .*\n/, ""));
    expect(only(issuesOf(dir))).toMatch(/item 15-1: field "provenance\.inferenceReason": missing required field/);
  });
});
