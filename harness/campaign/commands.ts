// `uyum run` and `uyum explain`: wiring only; the implementation is imported inside each action.
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CHECKLIST_DIR } from "../core/paths.ts";

export function registerCampaignCommands(program: Command): void {
  program
    .command("run")
    .description(
      "assess an application: plan, campaign PKI and card, the sessions its probes need, every item judged; writes the campaign directory",
    )
    .requiredOption("--app <profile>", "the application's profile (YAML)")
    .requiredOption("--out <dir>", "the campaign directory to write (or to resume)")
    .option("--resume", "resume the campaign in --out: stored sessions and journaled findings are kept")
    .option(
      "--only <items>",
      "assess only these items or sections, comma-separated (e.g. 14-2,15-5 or 11); the others are not assessed, saying so",
    )
    .option("--lang <lang>", "summary language: tr or en", "en")
    .option("--report", "end with the conformance report (uyum report): signed with --card, else an unsigned draft")
    .option("--card <dir>", "with --report: sign it with the assessor's key on this virtual card")
    .option("--pki-url <url>", "with --report: the test PKI services whose TSA and CRLs serve the signature")
    .option(
      "--pin-fd <n>",
      "read the card's PIN from this file descriptor: the assessor's card when the profile names one (card:), else the --report card's",
    )
    .action(
      async (opts: {
        app: string;
        out: string;
        resume?: boolean;
        lang: string;
        report?: boolean;
        card?: string;
        pkiUrl?: string;
        pinFd?: string;
        only?: string;
      }) => {
        const { runCampaign } = await import("./run.ts");
        const { renderSummary } = await import("./summary.ts");
        const { pinFromFd, pinFromTty } = await import("./card-pin.ts");
        // a profile naming the assessor's card takes --pin-fd for that card (else it is asked on the terminal)
        let pinFdTaken = false;
        const r = await runCampaign({
          profile: opts.app,
          out: opts.out,
          resume: opts.resume,
          askCardPin: async () => {
            if (opts.pinFd === undefined) return pinFromTty("Kartın PIN'i / the card's PIN: ");
            pinFdTaken = true;
            return pinFromFd(opts.pinFd);
          },
          only: opts.only
            ?.split(",")
            .map((x) => x.trim())
            .filter(Boolean),
          progress: (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(renderSummary(r.checklist, r.findings, opts.lang === "tr" ? "tr" : "en"));
        process.stdout.write(`campaign: ${r.dir}\n`);
        if (opts.report) {
          const { runReportCommand } = await import("../report/report-command.ts");
          process.exitCode = await runReportCommand(r.dir, {
            lang: opts.lang === "en" ? "en" : "tr",
            card: opts.card,
            pkiUrl: opts.pkiUrl,
            pinFd: pinFdTaken ? undefined : opts.pinFd,
            sign: opts.card ? undefined : false,
          });
        }
      },
    );

  program
    .command("explain")
    .description(
      "everything about one checklist item: requirement, condition, probe and how, sessions, test; with --campaign, its finding and evidence",
    )
    .argument("<item>", "checklist item id, e.g. 7.1-3")
    .option("--campaign <dir>", "a campaign directory: show the item's finding and check its evidence files")
    .option("--dir <dir>", "checklist directory", DEFAULT_CHECKLIST_DIR)
    .action(async (id: string, opts: { campaign?: string; dir: string }) => {
      const { loadChecklist } = await import("../checklist/load.ts");
      const { discoverProbes } = await import("../probes/registry.ts");
      const { explainItem, findItem } = await import("./explain.ts");
      const { readFindings } = await import("./results.ts");
      const checklist = loadChecklist(resolve(opts.dir));
      const item = findItem(checklist, id);
      const probes = await discoverProbes(checklist);
      const campaign = opts.campaign
        ? { dir: opts.campaign, finding: readFindings(opts.campaign).get(item.id) }
        : undefined;
      process.stdout.write(explainItem(checklist, item, probes.get(item.id), campaign));
    });
}
