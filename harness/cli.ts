// The `uyum` command: thin. It parses arguments and hands each subcommand to the concern that owns it.
import "reflect-metadata";
import { Command, CommanderError } from "commander";
import { registerChecklistCommands } from "./checklist/commands.ts";
import { registerPkiCommands } from "./pki/commands.ts";
import { registerAdesCommands } from "./ades/commands.ts";
import { registerCardCommands } from "./card/commands.ts";
import { registerVectorsCommands } from "./vectors/commands.ts";
import { registerCampaignCommands } from "./campaign/commands.ts";
import { registerReportCommands } from "./report/commands.ts";
import { UserError } from "./core/errors.ts";

export async function main(argv: string[]): Promise<number> {
  const program = new Command("uyum")
    .description("Conformance-test harness for e-signature applications (KAMU SM E-İmza Uygulaması Kontrol Listesi)")
    .exitOverride()
    .showHelpAfterError();
  registerChecklistCommands(program);
  registerPkiCommands(program);
  registerAdesCommands(program);
  registerCardCommands(program);
  registerVectorsCommands(program);
  registerCampaignCommands(program);
  registerReportCommands(program);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError) {
      process.stderr.write(`uyum: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
