// `uyum` subcommands owned by harness/pki.
import type { Command } from "commander";

export function registerPkiCommands(_program: Command): void {}
