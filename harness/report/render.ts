// Report data → HTML (Handlebars templates and the tr/en string tables in reports/) → PDF (Debian's Chromium
// through Playwright, page.pdf). A string key missing from the table is an error, never English in a Turkish report.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { chromium } from "@playwright/test";
import config from "../../playwright.config.ts";
import { type ReportData, REPORTS_DIR, SHOWN, loadStrings } from "./data.ts";

export function renderHtml(data: ReportData): string {
  const strings = loadStrings(data.lang);
  const hb = Handlebars.create();
  const t = (key: string): string => {
    const s = strings[key];
    if (s === undefined) throw new Error(`report strings (${data.lang}): no "${key}"`);
    return s;
  };
  hb.registerHelper("t", (key: string) => t(key));
  hb.registerHelper("shownLabel", (k: string) => t(`shown.${k}`));
  hb.registerHelper("obligationLabel", (k: string) => t(`obligation.${k}`));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("short", (s: string) => `${String(s).slice(0, 16)}…`);
  const template = hb.compile(readFileSync(join(REPORTS_DIR, "templates", "report.hbs"), "utf8"), { strict: false });
  const style = readFileSync(join(REPORTS_DIR, "templates", "style.css"), "utf8");
  return template({ ...data, style, shownKinds: SHOWN });
}

/** Chromium's print of the HTML: A4, page numbers in the footer, fonts embedded (fonts-dejavu-core). */
export async function htmlToPdf(html: string, lang: "tr" | "en"): Promise<Uint8Array> {
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const label = loadStrings(lang).page;
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-family:'DejaVu Sans';font-size:7pt;width:100%;text-align:center">${label} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
