import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
// @ts-expect-error: a plain JavaScript module without type declarations
import { testsByKind } from "./scripts/test-kinds.mjs";

// Two projects: unit tests (npm run test:unit, seconds) and integration tests, which spawn tools or start
// servers (npm run test:integration). scripts/test-kinds.mjs decides which is which; npm test runs both.
const kinds = testsByKind(fileURLToPath(new URL(".", import.meta.url))) as { unit: string[]; integration: string[] };

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ["harness/testing/setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: kinds.unit } },
      { extends: true, test: { name: "integration", include: kinds.integration } },
    ],
  },
});
