// The HTML stage alone (no browser): what a campaign says is text, never markup; the string tables are complete.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadChecklist } from "../checklist/load.ts";
import type { Checklist } from "../checklist/types.ts";
import { loadCampaign } from "./campaign.ts";
import { reportData, SHOWN } from "./data.ts";
import { renderHtml } from "./render.ts";
import { makeFixtureCampaign } from "../testing/report/fixture-campaign.ts";

let checklist: Checklist;
let dir: string;
beforeAll(async () => {
  checklist = loadChecklist();
  dir = join(mkdtempSync(join(tmpdir(), "uyum-render-")), "kampanya");
  await makeFixtureCampaign(dir, checklist);
});

describe("report HTML", () => {
  it("a hostile reason or app name is escaped, not markup (no script reaches Chromium)", async () => {
    const cj = JSON.parse(readFileSync(join(dir, "campaign.json"), "utf8"));
    cj.app.name = `<script>alert("app")</script>`;
    writeFileSync(join(dir, "campaign.json"), JSON.stringify(cj));
    const lines = readFileSync(join(dir, "results.jsonl"), "utf8").trimEnd().split("\n");
    const first = JSON.parse(lines[0]!);
    first.reason = { tr: `<img src=x onerror="alert(1)">`, en: "<b>x</b>" };
    writeFileSync(join(dir, "results.jsonl"), [...lines, JSON.stringify(first)].join("\n") + "\n");
    const html = renderHtml(reportData(await loadCampaign(dir, checklist), checklist, "tr"));
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toMatch(/&lt;img src&#x3D;x onerror&#x3D;&quot;alert\(1\)&quot;&gt;/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("every mark label and obligation the template asks for is in both string tables", () => {
    for (const lang of ["tr", "en"]) {
      const s = JSON.parse(readFileSync(join("reports", "strings", `${lang}.json`), "utf8")) as Record<string, string>;
      for (const k of SHOWN) expect(s[`shown.${k}`], `${lang} shown.${k}`).toBeTruthy();
      for (const o of ["Z", "K", "O", "B"]) expect(s[`obligation.${o}`], `${lang} obligation.${o}`).toBeTruthy();
      const keys = [
        ...readFileSync(join("reports", "templates", "report.hbs"), "utf8").matchAll(/\{\{t "([^"]+)"\}\}/g),
      ];
      for (const [, k] of keys) expect(s[k!], `${lang} ${k}`).toBeTruthy();
    }
  });
});
