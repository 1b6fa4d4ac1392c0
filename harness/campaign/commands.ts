// `uyum explain ITEM [--campaign DIR]`: wiring only; the implementation is imported inside the action.
import { resolve } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CHECKLIST_DIR } from "../core/paths.ts";

export function registerCampaignCommands(program: Command): void {
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
