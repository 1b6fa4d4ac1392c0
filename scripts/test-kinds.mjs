// Unit tests vs integration tests, told apart by what a test file does rather than by a list that drifts: a
// test file is an integration test when it spawns an external tool or starts a server, itself or through the
// harness helpers that do (a PKI's live services, the virtual reader, the card provisioner, openssl-backed
// fixtures, the vector generator, a browser). Everything else is a unit test: `npm run test:unit` runs those
// alone, in seconds. A first-line comment `// test-kind: unit` or `// test-kind: integration` overrides the guess.
// vitest.config.ts builds its two projects from this; scripts/test.sh runs both.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Words in a test file's source that mean "this test runs something outside the test process". */
export const INTEGRATION_MARKERS = [
  "child_process", // spawns a tool itself (openssl, xmlsec1, pdfsig, bin/uyum.js, …)
  "startServices", // the PKI's CRL/OCSP/TSA services
  "startPkiServices",
  "startVirtualReader", // pcscd + vpcd + vicc
  "provisionCard", // SoftHSM2 through softhsm2-util and the interposer
  "writeTestPki", // card helpers: a PKI written to disk, then the card tools
  "Runner", // card helpers: runs bin/uyum.js
  "opensslCms", // probes' openssl-backed fixtures
  "throwawayPki",
  "makeThrowawayPki",
  "ensureVectors", // the whole vector set (and, for live vectors, the services)
  "generateVectors",
  "runManifest",
  "runCommand", // drivers: runs an application's command line
  "runCampaign", // a whole campaign: PKI services, a card, the application under test
  "playwright", // a browser
  "chromium",
];
const MARKER = new RegExp(`\\b(${INTEGRATION_MARKERS.join("|")})\\b`);
const OVERRIDE = /^\/\/ test-kind: (unit|integration)\b/m;

/** "unit" or "integration" for a test file's source. */
export function testKind(source) {
  const override = OVERRIDE.exec(source);
  if (override) return override[1];
  return MARKER.test(source) ? "integration" : "unit";
}

/** Every *.test.ts under the test roots, relative to root, sorted. */
export function testFiles(root, dirs = ["harness", "examples", "scripts"]) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a test root that does not exist (yet)
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(p);
      } else if (e.name.endsWith(".test.ts")) out.push(relative(root, p));
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out.sort();
}

/** The test files of each kind. */
export function testsByKind(root) {
  const kinds = { unit: [], integration: [] };
  for (const f of testFiles(root)) kinds[testKind(readFileSync(join(root, f), "utf8"))].push(f);
  return kinds;
}
