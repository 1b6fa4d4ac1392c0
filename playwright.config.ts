import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright's own browser downloads are not possible on these machines.
export default defineConfig({
  testDir: "suites",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  workers: 1,
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.UYUM_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
