// `uyum` subcommands owned by harness/ades: validate-chain (RFC 5280 path validation alone) and validate
// (signature files to ETSI verdicts). The implementation is imported inside each action, so the other
// commands (and --help) neither pay for loading the validator nor break when it does not load.
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";
import type { ValidationResult } from "./index.ts";

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerAdesCommands(program: Command): void {
  program
    .command("validate-chain")
    .description("RFC 5280 certification path validation of one certificate against explicit trust anchors")
    .argument("<cert>", "end-entity certificate (PEM or DER)")
    .option("--intermediate <file>", "intermediate certificate(s), repeatable", collect, [])
    .option("--trust <file>", "trust anchor certificate file or directory, repeatable (required)", collect, [])
    .option("--crl <file>", "CRL file, repeatable", collect, [])
    .option("--at <time>", "validation time (ISO 8601); default now")
    .option("--revocation <mode>", "require | if-available | off (default: require when --crl is given, else off)")
    .option("--initial-policy <oid>", "user-initial-policy-set member, repeatable (default anyPolicy)", collect, [])
    .option("--explicit-policy", "initial-explicit-policy")
    .option("--inhibit-policy-mapping", "initial-policy-mapping-inhibit")
    .option("--inhibit-any-policy", "initial-any-policy-inhibit")
    .option("--json", "print the result as JSON")
    .action(
      async (
        certFile: string,
        o: {
          intermediate: string[];
          trust: string[];
          crl: string[];
          at?: string;
          revocation?: string;
          initialPolicy: string[];
          explicitPolicy?: boolean;
          inhibitPolicyMapping?: boolean;
          inhibitAnyPolicy?: boolean;
          json?: boolean;
        },
      ) => {
        const { loadCerts, loadCrls, loadTrust, parseAt } = await import("./inputs.ts");
        const { validatePath } = await import("./path.ts");
        if (!o.trust.length)
          throw new UserError("validate-chain needs at least one --trust anchor (the system store is never used)");
        const mode = o.revocation ?? (o.crl.length ? "require" : "off");
        if (!["require", "if-available", "off"].includes(mode))
          throw new UserError(`--revocation: "${mode}" is not one of require, if-available, off`);
        for (const p of o.initialPolicy)
          if (!/^\d+(\.\d+)+$/.test(p)) throw new UserError(`--initial-policy: "${p}" is not an OID`);
        const [ee] = loadCerts(certFile, "certificate");
        const r = validatePath(ee, {
          at: parseAt(o.at),
          anchors: loadTrust(o.trust),
          intermediates: o.intermediate.flatMap((f) => loadCerts(f, "intermediate certificate")),
          crls: o.crl.flatMap(loadCrls),
          revocation: mode as "require" | "if-available" | "off",
          initialPolicies: o.initialPolicy.length ? o.initialPolicy : undefined,
          explicitPolicy: o.explicitPolicy,
          inhibitPolicyMapping: o.inhibitPolicyMapping,
          inhibitAnyPolicy: o.inhibitAnyPolicy,
        });
        const out = {
          file: certFile,
          valid: r.ok,
          error: r.kind,
          message: r.message,
          revocation: mode,
          path: r.path.map((c) => ({
            subject: c.subject.text,
            serial: c.serialHex,
            notBefore: c.notBefore.toISOString(),
            notAfter: c.notAfter.toISOString(),
          })),
          validPolicies: r.validPolicies,
          revokedAt: r.revokedAt?.toISOString(),
          revocationReason: r.revocationReason,
        };
        if (o.json) process.stdout.write(JSON.stringify(out, null, 2) + "\n");
        else {
          process.stdout.write(`${r.ok ? "VALID" : "INVALID"}: ${r.message}\n`);
          for (const [i, c] of out.path.entries()) process.stdout.write(`  ${i}. ${c.subject} (serial ${c.serial})\n`);
        }
        process.exitCode = r.ok ? 0 : 1;
      },
    );

  program
    .command("validate")
    .description(
      "Validate CAdES / XAdES / PAdES signature files: ETSI EN 319 102-1 indication per file (exit 0 only if all TOTAL-PASSED; 1 otherwise; 3 if uyum itself failed on a file)",
    )
    .argument("<files...>", "signature files")
    .option("--detached <file>", "the signed document, for detached signatures")
    .option(
      "--trust <path>",
      "trust anchor certificate file or directory, repeatable (required; never the system store)",
      collect,
      [],
    )
    .option("--at <time>", "validation time (ISO 8601); default now")
    .option("--crl <file>", "extra CRL(s) to use, repeatable", collect, [])
    .option("--intermediate <file>", "extra certificate(s) to build chains with, repeatable", collect, [])
    .option("--no-fetch", "do not fetch CRL/OCSP from the certificates' 127.0.0.1 URLs")
    .option("--fetch-timeout <ms>", "timeout per CRL/OCSP request", "3000")
    .option("--no-qualified", "do not require the NES (qualified certificate) profile of the signer")
    .option("--json", "one JSON result per file (JSON Lines)")
    .option("--etsi-xml", "an ETSI TS 119 102-2 validation report (XML)")
    .action(
      async (
        files: string[],
        o: {
          detached?: string;
          trust: string[];
          crl: string[];
          intermediate: string[];
          at?: string;
          fetch: boolean;
          fetchTimeout: string;
          qualified: boolean;
          json?: boolean;
          etsiXml?: boolean;
        },
      ) => {
        const { loadCerts, loadCrls, loadTrust, parseAt, readInput } = await import("./inputs.ts");
        const { validateBytes, toEtsiXml } = await import("./index.ts");
        const { exitCodeFor, headline } = await import("./report.ts");
        if (o.json && o.etsiXml) throw new UserError("choose one of --json and --etsi-xml");
        if (!o.trust.length)
          throw new UserError(
            "validate needs at least one --trust anchor (file or directory; the system store is never used)",
          );
        const timeout = Number(o.fetchTimeout);
        if (!Number.isFinite(timeout) || timeout <= 0)
          throw new UserError(`--fetch-timeout: "${o.fetchTimeout}" is not a positive number of milliseconds`);
        const anchors = loadTrust(o.trust);
        const at = parseAt(o.at);
        const detachedContent = o.detached ? readInput(o.detached, "detached content") : undefined;
        const extraCrls = o.crl.flatMap(loadCrls);
        const extraCerts = o.intermediate.flatMap((f) => loadCerts(f, "intermediate certificate"));
        for (const f of files) readInput(f, "signature");
        const results: ValidationResult[] = [];
        for (const f of files) {
          const r = await validateBytes(f, readInput(f, "signature"), {
            anchors,
            at,
            detachedContent,
            extraCrls,
            extraCerts,
            fetch: o.fetch,
            fetchTimeoutMs: timeout,
            requireQualified: o.qualified,
          });
          results.push(r);
          if (o.json) process.stdout.write(JSON.stringify(r) + "\n");
          else if (!o.etsiXml) {
            process.stdout.write(
              `${f}: ${headline(r)} (${r.format} ${r.level} ${r.profile})${r.signer ? ` signer: ${r.signer.subject}` : ""}\n`,
            );
            for (const c of r.checks.filter((x) => x.result !== "passed"))
              process.stdout.write(`  ${c.result} ${c.id}: ${c.reason.en}\n`);
          }
        }
        if (o.etsiXml) process.stdout.write(toEtsiXml(results));
        process.exitCode = exitCodeFor(results);
      },
    );
}
