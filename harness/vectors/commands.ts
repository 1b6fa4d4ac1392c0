// `uyum vectors`: generate the signature vector set and its manifest.
import type { Command } from "commander";

export function registerVectorsCommands(program: Command): void {
  program
    .command("vectors")
    .description("Generate the signature vectors (CAdES/XAdES/PAdES, KAMU SM scenarios) and manifest.json")
    .requiredOption("--out <dir>", "output directory (written fresh; byte-identical on every run)")
    .option("--pki-config <file>", "PKI definition (YAML)", "vectors/pki/kamusm-test-pki.yaml")
    .action(async (opts: { out: string; pkiConfig: string }) => {
      const { generateVectors, printCounts } = await import("./generate.ts");
      const result = await generateVectors({ outDir: opts.out, pkiConfig: opts.pkiConfig });
      process.stdout.write(printCounts(result.manifest, result.skipped));
    });
}
