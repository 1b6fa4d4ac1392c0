// `uyum hash`, `uyum report`, `uyum verify-report`: thin; each loads its implementation inside the action.
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";

export function registerReportCommands(program: Command): void {
  program
    .command("hash")
    .description(
      "software hash values: a manifest `sha256sum -c` checks (one line per file, bytewise order) and its SHA-256",
    )
    .argument("[paths...]", "files or directories of the application (or use --profile)")
    .option("--profile <file>", "app profile: hash its `software:` globs (relative to the profile file)")
    .option("--root <dir>", "directory the manifest's paths are relative to (default: the one directory given)")
    .option("--out <file>", "write the manifest here, and its JSON twin (sizes, skipped links) beside it as .json")
    .action(async (paths: string[], o: { profile?: string; root?: string; out?: string }) => {
      const { runHashCommand } = await import("./hash-command.ts");
      process.exitCode = await runHashCommand(paths, o);
    });
  program
    .command("report")
    .description("the conformance report of a campaign: HTML, PDF with its JSON/XML twins attached, PAdES-signed")
    .argument("<campaign-dir>", "campaign directory (campaign.json, results.jsonl, evidence/)")
    .option("--lang <tr|en>", "report language", "tr")
    .option("--out <dir>", "output directory (default: <campaign-dir>/report)")
    .option("--card <dir>", "sign with the assessor's key on this card (virtual card directory) through PKCS#11")
    .option("--module <path>", "sign with a PKCS#11 module (a real card); with --token and --key")
    .option("--token <label>", "PKCS#11 token label (with --module)")
    .option("--key <label>", "the signing key's label on the card (default: the card's first key)")
    .option("--p12 <file>", "sign with a PKCS#12 file instead of a card")
    .option(
      "--pin-fd <n>",
      "read the PIN (or PKCS#12 password) from this file descriptor (else $UYUM_PIN; a virtual card: its own test PIN)",
    )
    .option("--tsa <url>", "RFC 3161 time-stamp authority (B-T); default: the PKI services in --pki-url")
    .option(
      "--pki-url <url>",
      "where the test PKI's services run (uyum pki serve): its TSA (tsa1) and the CRLs its certificates name, fetched there",
    )
    .option("--no-sign", "write the PDF unsigned (a draft)")
    .action(async (dir: string, o: Record<string, unknown>) => {
      if (o.lang !== "tr" && o.lang !== "en") throw new UserError(`--lang ${String(o.lang)}: give tr or en`);
      const { runReportCommand } = await import("./report-command.ts");
      process.exitCode = await runReportCommand(dir, o);
    });

  program
    .command("verify-report")
    .description(
      "for institutions: is the report's signature valid, who signed it, do its hash values match the published ones and the installed application; exit 0 ok, 10 unsigned, 11 signature invalid, 12 modified after signing, 13 signer untrusted, 14 signature indeterminate, 15 no manifest, 16 installed app differs, 17 published value differs, 2 bad input",
    )
    .argument("<report-pdf>", "the signed report")
    .option("--trust <file...>", "trusted root certificates (PEM or DER)")
    .option("--app <path...>", "the installed application's files or directory, hashed and compared")
    .option(
      "--profile <file>",
      "the installed application is the files this app profile's `software:` globs name (as `uyum hash --profile`)",
    )
    .option("--root <dir>", "with --app: directory the manifest's paths are relative to")
    .option("--published <digest|file>", "KAMU SM's published overall digest (64 hex) or manifest file")
    .option("--at <time>", "validation time (ISO 8601); default now")
    .option("--fetch", "also fetch CRL/OCSP from the certificates' 127.0.0.1 URLs (default: the report's own DSS only)")
    .option("--json", "print the outcome as JSON")
    .action(async (pdf: string, o: Record<string, unknown>) => {
      const { runVerifyReportCommand } = await import("./verify-command.ts");
      process.exitCode = await runVerifyReportCommand(pdf, o);
    });
}
