// The layer order of ../shared/design/assessment.md §5, checked in CI (scripts/test.sh, `npm run deps`).
// Each row may import the rows above it; concerns in one row may not import each other, so no two concerns can
// ever import each other (no cycles between concerns, whatever the files). `profile` sits below `checklist`
// because the checklist's K conditions are predicates over the profile's capabilities.
// Importers exempt from the order: the CLI (harness/cli.ts and each concern's commands.ts, which only wire
// commands to the concerns) and tests (a test may use a higher layer to make its inputs, e.g. the signer makes
// the PDF the PDF reader is tested on). Production code never imports test support.
const ORDER = [
  ["core"],
  ["asn1"],
  ["pdf"],
  ["pki", "profile"],
  ["sign", "card", "checklist"],
  ["ades"],
  ["vectors"],
  ["drivers"],
  ["sessions"],
  ["probes"],
  ["campaign"],
  ["report"],
];
const TEST_SUPPORT = ["\\.test\\.ts$", "\\.spec\\.ts$", "^harness/testing/", "/testing\\.ts$"];
const EXEMPT_IMPORTERS = [...TEST_SUPPORT, "bench\\.ts$", "/commands\\.ts$", "^harness/cli\\.ts$", "^harness/e2e/"];
const dir = (name) => `^harness/${name}/`;

const forbidden = ORDER.flatMap((row, i) =>
  row.map((name) => {
    const notAllowed = [...row.filter((other) => other !== name), ...ORDER.slice(i + 1).flat()];
    return {
      name: `layer-${name}`,
      comment: `${name} may import only ${ORDER.slice(0, i).flat().join(", ") || "nothing of uyum"} (the layer order of assessment.md §5)`,
      severity: "error",
      from: { path: dir(name), pathNot: EXEMPT_IMPORTERS },
      to: { path: [...notAllowed.map(dir), "^harness/cli\\.ts$", "/commands\\.ts$", "^examples/"] },
    };
  }),
);
forbidden.push(
  {
    name: "no-circular-files",
    severity: "error",
    from: { path: "^harness/", pathNot: TEST_SUPPORT },
    to: { circular: true },
  },
  {
    name: "harness-never-imports-examples",
    comment: "the applications under test are examples; the harness reaches them only through drivers and profiles",
    severity: "error",
    from: { path: "^harness/" },
    to: { path: "^examples/" },
  },
  {
    name: "production-never-imports-test-support",
    severity: "error",
    from: { path: "^harness/", pathNot: [...TEST_SUPPORT, "bench\\.ts$"] },
    to: { path: TEST_SUPPORT },
  },
);
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
