// `uyum` subcommands owned by harness/ades.
import type { Command } from "commander";

export function registerAdesCommands(_program: Command): void {}
