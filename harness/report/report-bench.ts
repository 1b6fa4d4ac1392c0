// npm run bench:report — a full-size report (all 163 items of the fixture campaign): our render (Playwright
// page.pdf + attachments) vs Chromium's own command-line print of the same HTML, and our PAdES signing of the
// result vs `openssl cms -sign` over the same bytes (detached CMS, same key). Best of 3; prints both and ratios.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChecklist } from "../checklist/load.ts";
import { discoverProbes } from "../probes/registry.ts";
import { makeThrowawayPki } from "../testing/sign/throwaway-pki.ts";
import { attachFiles } from "./attach.ts";
import { loadCampaign } from "./campaign.ts";
import { reportData, resultsJson } from "./data.ts";
import { htmlToPdf, renderHtml } from "./render.ts";
import { signReport } from "./sign-report.ts";
import { makeFixtureCampaign } from "../testing/report/fixture-campaign.ts";
import config from "../../playwright.config.ts";

const dir = mkdtempSync(join(tmpdir(), "uyum-report-bench-"));
const checklist = loadChecklist();
await makeFixtureCampaign(join(dir, "kampanya"), checklist);
const campaign = await loadCampaign(join(dir, "kampanya"), checklist);
const probes = new Map(
  [...(await discoverProbes(checklist))].map(([id, p]) => [id, { how: p.probe.how, file: p.file }]),
);
const data = reportData(campaign, checklist, "tr", probes);
const html = renderHtml(data);
const htmlFile = join(dir, "rapor.html");
writeFileSync(htmlFile, html);

async function best(run: () => Promise<unknown> | unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

let pdf: Uint8Array = new Uint8Array();
const ours = await best(async () => {
  pdf = attachFiles(await htmlToPdf(renderHtml(data), "tr"), [
    {
      name: "sonuclar.json",
      mediaType: "application/json",
      description: "results",
      relationship: "Data",
      data: Buffer.from(resultsJson(data)),
    },
  ]);
});
const exe = config.use?.launchOptions?.executablePath ?? "/usr/bin/chromium";
const peerPdf = join(dir, "peer.pdf");
const theirs = await best(() =>
  execFileSync(
    exe,
    ["--headless", "--no-sandbox", "--disable-gpu", `--print-to-pdf=${peerPdf}`, `file://${htmlFile}`],
    {
      stdio: "ignore",
    },
  ),
);
const pages = (f: string) => /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [f], { encoding: "utf8" }))![1];
writeFileSync(join(dir, "ours.pdf"), pdf);

const pki = makeThrowawayPki();
const signing = { signer: pki.rsa, certificates: [pki.rsa.certDer, pki.rootDer] };
const at = new Date("2026-03-01T10:00:00Z");
const oursSign = await best(() => signReport(pdf, (fn) => fn(signing), { signingTime: at }));
const theirSign = await best(() =>
  execFileSync("openssl", [
    "cms",
    "-sign",
    "-binary",
    "-outform",
    "DER",
    "-md",
    "sha256",
    "-in",
    join(dir, "ours.pdf"),
    "-signer",
    join(pki.dir, "rsa.pem"),
    "-inkey",
    join(pki.dir, "rsa.key"),
    "-out",
    join(dir, "peer.p7s"),
  ]),
);
console.log(
  `full-size report: ${data.items.length} items, ${pages(join(dir, "ours.pdf"))} pages (peer: ${pages(peerPdf)}), ${(pdf.length / 1024).toFixed(0)} KiB; best of 3`,
);
console.log(
  `render  uyum (Playwright page.pdf + attachments): ${ours.toFixed(0)} ms · chromium --print-to-pdf: ${theirs.toFixed(0)} ms · ratio ${(theirs / ours).toFixed(2)}× (peer time / ours)`,
);
console.log(
  `sign    uyum PAdES B-B (two passes): ${oursSign.toFixed(1)} ms · openssl cms -sign (detached CMS): ${theirSign.toFixed(1)} ms · ratio ${(theirSign / oursSign).toFixed(2)}×`,
);
console.log(`(the card and the TSA add their own time: report.test.ts prints render + sign with both)`);
