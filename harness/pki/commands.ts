// `uyum pki …` subcommands owned by harness/pki. The implementation is imported inside each action, so the
// other commands (and --help) neither pay for loading it nor break when it does not load.
import type { Command } from "commander";
import { UserError } from "../core/errors.ts";
import { DEFAULT_PKI_CONFIG } from "../core/paths.ts";

export function registerPkiCommands(program: Command): void {
  const pki = program.command("pki").description("the test PKI: build it, serve its CRL/OCSP/TSA services");
  pki
    .command("init")
    .description("build the test PKI from its YAML and write PEM + DER certificates, PKCS#8 keys, CRLs and pki.json")
    .option("--config <file>", "PKI YAML", DEFAULT_PKI_CONFIG)
    .requiredOption("--out <dir>", "output directory")
    .option(
      "--base-url <url>",
      "service base URL embedded in the certificates (http://127.0.0.1:PORT); overrides the YAML",
    )
    .action(async (o: { config: string; out: string; baseUrl?: string }) => {
      const { buildPki } = await import("./build.ts");
      const { loadPkiConfig } = await import("./config.ts");
      const { writePki } = await import("./store.ts");
      const built = await buildPki(loadPkiConfig(o.config, { baseUrl: o.baseUrl }));
      await writePki(built, o.out);
      process.stdout.write(
        `wrote ${built.entities.size} certificates, ${built.crls.size} CRLs to ${o.out} (services at ${built.baseUrl})\n`,
      );
    });
  pki
    .command("scenarios")
    .description(
      "list the negative-matrix scenario tags: which certificates/CRLs/responders/TSAs carry them, KAMU SM numbers",
    )
    .option("--config <file>", "PKI YAML", DEFAULT_PKI_CONFIG)
    .option("--json", "print JSON")
    .action(async (o: { config: string; json?: boolean }) => {
      const { buildPki } = await import("./build.ts");
      const { loadPkiConfig } = await import("./config.ts");
      const { scenarioTable } = await import("./scenarios.ts");
      const built = await buildPki(loadPkiConfig(o.config));
      const rows = scenarioTable(built);
      if (o.json) process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
      else
        process.stdout.write(
          rows
            .map(
              (r) =>
                `${r.scenario.padEnd(30)} ${r.labels.join(", ")}${r.kamusm.length ? `  [${r.kamusm.join(", ")}]` : ""}`,
            )
            .join("\n") + "\n",
        );
    });
  pki
    .command("keygen")
    .description("create the keys a PKI YAML names that do not exist yet (test keys, committed once)")
    .option("--config <file>", "PKI YAML", DEFAULT_PKI_CONFIG)
    .action(async (o: { config: string }) => {
      const { generateMissingKeys } = await import("./keygen.ts");
      const created = generateMissingKeys(o.config);
      process.stdout.write(created.length ? created.map((f) => `created ${f}\n`).join("") : "all keys exist\n");
    });
  pki
    .command("serve")
    .description("serve a written PKI's CRL, OCSP and TSA endpoints on 127.0.0.1 until interrupted")
    .argument("<dir>", "directory written by `uyum pki init`")
    .option(
      "--port <n>",
      "port (default: the one in the PKI's base URL, so the certificates' URLs work; 0 = any free port)",
    )
    .option(
      "--at <time>",
      "freeze the clock at this ISO time (default: the real time, ticking, so a signature made today validates today)",
    )
    .option("--ticking", "with --at: let the clock advance with real time from --at")
    .action(async (dir: string, o: { port?: string; at?: string; ticking?: boolean }) => {
      const { readPki } = await import("./store.ts");
      const { SettableClock } = await import("./clock.ts");
      const { startServices } = await import("./server.ts");
      const built = await readPki(dir);
      const port = o.port !== undefined ? Number(o.port) : Number(new URL(built.baseUrl).port || 80);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port ${o.port}: not a port number`);
      const at = o.at !== undefined ? new Date(o.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new UserError(`--at ${o.at}: not an ISO date-time`);
      // Without --at the services run on the real time and tick; --at freezes them there (unless --ticking).
      const ticking = o.at === undefined || o.ticking === true;
      let svc;
      try {
        svc = await startServices(built, { port, clock: new SettableClock(at, ticking) });
      } catch (e) {
        throw new UserError(
          `cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      const lines = [
        `serving ${built.name} at ${svc.baseUrl} (clock ${svc.clock.now().toISOString()})${svc.urlsMatchCertificates ? "" : ` — NOTE: certificates point at ${built.baseUrl}`}`,
        ...[...built.crls.values()].map((c) => `  CRL   ${svc.baseUrl}/crl/${c.label}.crl`),
        ...[...built.ocspResponders.values()].map((r) => `  OCSP  ${svc.baseUrl}/ocsp/${r.label}`),
        ...[...built.tsas.values()].map((t) => `  TSA   ${svc.baseUrl}/tsa/${t.label}`),
        `  admin ${svc.baseUrl}/_admin/state | POST /_admin/fault {"target","fault","delayMs","count"} | POST /_admin/clock {"set"|"advanceMs"}`,
      ];
      process.stdout.write(lines.join("\n") + "\n");
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void svc.stop().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
