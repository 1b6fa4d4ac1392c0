// `uyum pki …` subcommands owned by harness/pki.
import type { Command } from "commander";
import { buildPki } from "./build.ts";
import { DEFAULT_PKI_CONFIG, loadPkiConfig } from "./config.ts";
import { generateMissingKeys } from "./keygen.ts";
import { writePki } from "./store.ts";

export function registerPkiCommands(program: Command): void {
  const pki = program.command("pki").description("the test PKI: build it, serve its CRL/OCSP/TSA services");
  pki
    .command("init")
    .description("build the test PKI from its YAML and write PEM + DER certificates, PKCS#8 keys, CRLs and pki.json")
    .option("--config <file>", "PKI YAML", DEFAULT_PKI_CONFIG)
    .requiredOption("--out <dir>", "output directory")
    .option("--base-url <url>", "service base URL embedded in the certificates (http://127.0.0.1:PORT); overrides the YAML")
    .action(async (o: { config: string; out: string; baseUrl?: string }) => {
      const built = await buildPki(loadPkiConfig(o.config, { baseUrl: o.baseUrl }));
      await writePki(built, o.out);
      process.stdout.write(`wrote ${built.entities.size} certificates, ${built.crls.size} CRLs to ${o.out} (services at ${built.baseUrl})\n`);
    });
  pki
    .command("keygen")
    .description("create the keys a PKI YAML names that do not exist yet (test keys, committed once)")
    .option("--config <file>", "PKI YAML", DEFAULT_PKI_CONFIG)
    .action((o: { config: string }) => {
      const created = generateMissingKeys(o.config);
      process.stdout.write(created.length ? created.map((f) => `created ${f}\n`).join("") : "all keys exist\n");
    });
}
