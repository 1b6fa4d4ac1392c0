// `uyum vectors`: generate the signature vector set and its manifest.
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";

export function registerVectorsCommands(program: Command): void {
  program
    .command("vectors")
    .description("Generate the signature vectors (CAdES/XAdES/PAdES, KAMU SM scenarios) and manifest.json")
    .requiredOption("--out <dir>", "output directory (written fresh; byte-identical on every run)")
    .option("--pki-config <file>", "PKI definition (YAML)", "vectors/pki/kamusm-test-pki.yaml")
    .option("--only <regex>", "only the vectors whose id matches (for hand use; the full set is the default)")
    .action(async (opts: { out: string; pkiConfig: string; only?: string }) => {
      const { generateVectors, printCounts } = await import("./generate.ts");
      let only: RegExp | undefined;
      try {
        only = opts.only === undefined ? undefined : new RegExp(opts.only);
      } catch (err) {
        throw new UserError(`--only: "${opts.only}" is not a regular expression (${(err as Error).message})`);
      }
      const result = await generateVectors({
        outDir: opts.out,
        pkiConfig: opts.pkiConfig,
        filter: only && ((s) => only.test(s.id)),
      });
      process.stdout.write(printCounts(result.manifest, result.skipped));
    });
}
