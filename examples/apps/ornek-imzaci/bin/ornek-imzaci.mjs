// What bin/ornek-imzaci runs (the CLI face, see ../cli.ts). It runs the build made at setup
// (scripts/build-ornek-imzaci.mjs → dist/ornek-imzaci: no TypeScript to compile at each start) only while that
// build matches the sources (./bundle-state.js); otherwise, as after an edit, the sources through tsx.
// ORNEK_IMZACI_TSX=1 forces the sources.
import { pathToFileURL } from "node:url";
import { chooseEntry } from "./bundle-state.js";

const entry = chooseEntry();
if (entry.kind === "sources") {
  const { register } = await import("tsx/esm/api");
  register();
}
const { main } = await import(pathToFileURL(entry.path).href);
// exit as the sources' own entry does: a card or a keep-alive socket must not hold the process open
process.exit(await main(process.argv.slice(2)));
