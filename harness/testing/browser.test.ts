// The machine's browser stack, as later suites and the report renderer use it: Playwright driving Debian's
// Chromium (never a downloaded browser), pages served as UTF-8 from 127.0.0.1, Turkish glyphs surviving
// into a PDF that poppler reads back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import config from "../../playwright.config.ts";

const TURKISH = "Nitelikli Elektronik İmza — ğüşıöç ĞÜŞİÖÇ";
const PAGE = `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>uyum</title></head>
<body><h1 id="t">${TURKISH}</h1><button id="b" onclick="document.getElementById('r').textContent='imzalandı'">İmzala</button><p id="r"></p></body></html>`;

describe("Playwright with Debian's Chromium", () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch(config.use?.launchOptions);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("launches the executable the project config names, not a downloaded browser", () => {
    expect(config.use?.launchOptions?.executablePath).toBe(process.env.UYUM_CHROMIUM ?? "/usr/bin/chromium");
    expect(browser.version()).toMatch(/^\d+\./);
    // the config line above is the same expression as the test's; what really tells the browser apart is that
    // the running one reports the version of the executable the config names
    const exe = config.use?.launchOptions?.executablePath ?? "";
    expect(execFileSync(exe, ["--version"], { encoding: "utf8" })).toContain(` ${browser.version()} `);
  });

  it("reads Turkish text from a UTF-8 page and clicks a button", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    expect(await page.textContent("#t")).toBe(TURKISH);
    await page.click("#b");
    expect(await page.textContent("#r")).toBe("imzalandı");
    await page.close();
  });

  it("prints the page to PDF with the Turkish glyphs intact (pdftotext reads them back)", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const dir = mkdtempSync(join(tmpdir(), "uyum-browser-"));
    const pdf = join(dir, "page.pdf");
    writeFileSync(pdf, await page.pdf({ format: "A4" }));
    await page.close();
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain(TURKISH);
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/DejaVu|Liberation|Noto/); // a real font with Turkish glyphs was embedded
  });
});
