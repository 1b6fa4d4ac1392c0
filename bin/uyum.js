#!/usr/bin/env node
// The `uyum` command. The harness is TypeScript run through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../harness/cli.ts");
process.exitCode = await main(process.argv.slice(2));
