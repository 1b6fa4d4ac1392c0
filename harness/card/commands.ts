// `uyum` subcommands owned by harness/card.
import type { Command } from "commander";

export function registerCardCommands(_program: Command): void {}
