// bin/ornek-imzaci answers the same from the build made at setup and from the sources (ORNEK_IMZACI_TSX=1): the
// usage error, and an unknown flaw named against flaws.yaml (read beside the sources, and the YAML parser loaded
// only then). When the build is stale both runs are the sources; cli.test.ts covers the commands themselves.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chooseEntry } from "./bin/bundle-state.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin", "ornek-imzaci");
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(BIN, args, { encoding: "utf8", env: { ...process.env, ...env }, cwd: "/" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe(`bin/ornek-imzaci (here it runs ${chooseEntry({}).kind === "build" ? "the build" : "the sources: the build is stale"})`, () => {
  it.each([
    ["verify with no --in", ["verify"], 2, /--in is required/],
    [
      "an unknown flaw",
      ["verify", "--flaw", "sha2"],
      2,
      /unknown flaw "sha2" \(did you mean "sha1"\?\); flaws\.yaml lists: .*pin-in-page/,
    ],
  ])("%s: the same exit code and message from the build and from the sources", (_what, args, status, message) => {
    const built = run(args);
    const sources = run(args, { ORNEK_IMZACI_TSX: "1" });
    expect(built.status).toBe(status);
    expect(built.stderr).toMatch(message);
    expect(built).toEqual(sources);
  });
});
