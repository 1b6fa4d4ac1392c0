// The concerns' commands.ts load their implementation only inside an action: with the implementation of ades,
// pki, vectors, the card's PKCS#11 layer and the checklist probes made unloadable, --help and the other concerns' commands still work,
// and only the command that needs a broken module fails. Also: the defaults shown in help (taken from the light
// defaults.ts modules) are the ones the loaders use.
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CHECKLIST_DIR } from "./checklist/load.ts";
import { DEFAULT_PKI_CONFIG } from "./pki/config.ts";

// Each factory throws: any import of these modules fails, as it would if the module had a load-time bug.
vi.mock("./ades/index.ts", () => {
  throw new Error("broken: ades/index.ts");
});
vi.mock("./ades/path.ts", () => {
  throw new Error("broken: ades/path.ts");
});
vi.mock("./pki/build.ts", () => {
  throw new Error("broken: pki/build.ts");
});
vi.mock("./vectors/generate.ts", () => {
  throw new Error("broken: vectors/generate.ts");
});
vi.mock("./probes/registry.ts", () => {
  throw new Error("broken: probes/registry.ts");
});
vi.mock("./card/p11.ts", () => {
  throw new Error("broken: card/p11.ts");
});

function capture(): { out: () => string } {
  let buf = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    buf += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return { out: () => buf };
}

describe("commands.ts load their implementation lazily", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it("--help and `checklist --summary` work while ades, pki, vectors, the card and the probe registry cannot load", async () => {
    const { main } = await import("./cli.ts");
    const c = capture();
    expect(await main(["--help"])).toBe(0);
    expect(c.out()).toMatch(/^\s+validate-chain\b/m);
    expect(await main(["checklist", "--summary"])).toBe(0);
    expect(c.out()).toMatch(/\bZ\b/);
  });

  it("the command that needs a broken module fails with that module's error", async () => {
    const { main } = await import("./cli.ts");
    capture();
    // vitest wraps a throwing mock factory's error; the original is its cause.
    const failure = (args: string[]) =>
      main(args).then(
        () => "resolved",
        (e: Error) => `${e.message} ${String(e.cause)}`,
      );
    expect(await failure(["validate", "x.p7s", "--trust", "t.pem"])).toMatch(/broken: ades\/index\.ts/);
    expect(await failure(["pki", "scenarios"])).toMatch(/broken: pki\/build\.ts/);
    expect(await failure(["vectors", "--out", "/nonexistent/uyum-lazy-test"])).toMatch(/broken: vectors\/generate\.ts/);
    expect(await failure(["checklist", "--coverage"])).toMatch(/broken: probes\/registry\.ts/);
    expect(await failure(["card", "trace", "/nonexistent/uyum-lazy-test"])).toMatch(/broken: card\/p11\.ts/);
  });

  it("the defaults shown in help are the ones config.ts and load.ts export", async () => {
    const { registerPkiCommands } = await import("./pki/commands.ts");
    const { registerChecklistCommands } = await import("./checklist/commands.ts");
    const program = new Command("uyum");
    registerPkiCommands(program);
    registerChecklistCommands(program);
    const opt = (path: string[], flag: string): unknown => {
      let cmd = program;
      for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
      return cmd.options.find((o) => o.long === flag)!.defaultValue;
    };
    for (const sub of ["init", "scenarios", "keygen"])
      expect(opt(["pki", sub], "--config"), sub).toBe(DEFAULT_PKI_CONFIG);
    expect(opt(["checklist"], "--dir")).toBe(DEFAULT_CHECKLIST_DIR);
    expect(opt(["plan"], "--dir")).toBe(DEFAULT_CHECKLIST_DIR);
  });
});
