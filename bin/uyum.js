#!/usr/bin/env node
// The `uyum` command. The harness is TypeScript run through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

// `uyum … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import("../harness/cli.ts");
process.exitCode = await main(process.argv.slice(2));
