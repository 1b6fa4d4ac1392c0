// `uyum` subcommands owned by harness/checklist.
import type { Command } from "commander";

export function registerChecklistCommands(_program: Command): void {}
