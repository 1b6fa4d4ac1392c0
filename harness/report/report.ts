// `uyum report DIR`: campaign → report data → HTML → PDF (Chromium) → twins attached → PAdES signature.
// Writes beside the PDF what it embeds: the results JSON, JUnit XML, the software manifest, and the HTML.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Checklist } from "../checklist/types.ts";
import { discoverProbes } from "../probes/registry.ts";
import { type Attachment, attachFiles } from "./attach.ts";
import { loadCampaign } from "./campaign.ts";
import { junitXml, type Lang, reportData, resultsJson } from "./data.ts";
import { htmlToPdf, renderHtml } from "./render.ts";

/** The names the twins carry inside the PDF and beside it (verify-report looks the manifest up by its name). The
 *  manifest ends in .txt: a validator that tells data attachments from active ones by name and media type (uyum's
 *  document check) sees plain text. */
export const ATTACHED = {
  results: "sonuclar.json",
  manifest: "yazilim.sha256.txt",
  junit: "junit.xml",
} as const;

export interface BuiltReport {
  pdf: string;
  html: string;
  outDir: string;
  signed: boolean;
  timings: { renderMs: number; signMs: number };
  items: number;
  /** the software's overall digest the report carries, if any */
  digest?: string;
}

export async function buildReport(
  dir: string,
  checklist: Checklist,
  o: { lang: Lang; outDir?: string; sign?: (pdf: Uint8Array) => Promise<Uint8Array> },
): Promise<BuiltReport> {
  const campaign = await loadCampaign(dir, checklist);
  const probes = new Map(
    [...(await discoverProbes(checklist))].map(([id, p]) => [id, { how: p.probe.how, file: p.file }]),
  );
  const data = reportData(campaign, checklist, o.lang, probes);
  const outDir = o.outDir ?? join(dir, "report");
  mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  const html = renderHtml(data);
  const results = resultsJson(data);
  const junit = junitXml(data);
  const attachments: Attachment[] = [
    {
      name: ATTACHED.results,
      mediaType: "application/json",
      description: "uyum sonuçları / results (JSON)",
      relationship: "Data",
      data: Buffer.from(results),
    },
    ...(campaign.digest
      ? [
          {
            name: ATTACHED.manifest,
            mediaType: "text/plain",
            description: "yazılım özet listesi (sha256sum -c) / software hash manifest",
            relationship: "Data" as const,
            data: Buffer.from(campaign.manifest),
          },
        ]
      : []),
    {
      name: ATTACHED.junit,
      mediaType: "application/xml",
      description: "JUnit XML",
      relationship: "Data",
      data: Buffer.from(junit),
    },
    ...(campaign.json.validationReports ?? []).map((p, i) => ({
      name: `dogrulama-raporu-${i + 1}.xml`,
      mediaType: "application/xml",
      description: `ETSI TS 119 102-2 doğrulama raporu / validation report (${p})`,
      relationship: "Source" as const,
      data: readFileSync(join(dir, p)),
    })),
  ];
  const printed = await htmlToPdf(html, o.lang);
  let pdf = attachFiles(printed, attachments);
  const t1 = performance.now();
  if (o.sign) pdf = await o.sign(pdf);
  const t2 = performance.now();
  const base = o.lang === "tr" ? "rapor" : "report";
  const out = (n: string, b: string | Uint8Array) => {
    writeFileSync(join(outDir, n), b);
    return join(outDir, n);
  };
  const htmlPath = out(`${base}.html`, html);
  out(ATTACHED.results, results);
  out(ATTACHED.junit, junit);
  if (campaign.digest) out(ATTACHED.manifest, campaign.manifest);
  const pdfPath = out(`${base}.pdf`, pdf);
  return {
    pdf: pdfPath,
    html: htmlPath,
    outDir,
    signed: !!o.sign,
    timings: { renderMs: t1 - t0, signMs: t2 - t1 },
    items: data.items.length,
    digest: campaign.digest,
  };
}
