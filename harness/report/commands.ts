// `uyum hash`, `uyum report`, `uyum verify-report`: thin; each loads its implementation inside the action.
import type { Command } from "commander";

export function registerReportCommands(program: Command): void {
  program
    .command("hash")
    .description(
      "software hash values: a manifest `sha256sum -c` checks (one line per file, bytewise order) and its SHA-256",
    )
    .argument("[paths...]", "files or directories of the application (or use --profile)")
    .option("--profile <file>", "app profile: hash its `software:` globs (relative to the profile file)")
    .option("--root <dir>", "directory the manifest's paths are relative to (default: the one directory given)")
    .option("--out <file>", "write the manifest here, and its JSON twin (sizes, skipped links) beside it as .json")
    .action(async (paths: string[], o: { profile?: string; root?: string; out?: string }) => {
      const { runHashCommand } = await import("./hash-command.ts");
      process.exitCode = await runHashCommand(paths, o);
    });
}
