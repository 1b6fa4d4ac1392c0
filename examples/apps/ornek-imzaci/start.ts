// One command to start the reference application (EBYS page, agent, HTTP face) with a fresh virtual card and the test PKI's live services,
// all on free ports of 127.0.0.1; prints one JSON line with the URLs; stops cleanly on SIGINT/SIGTERM.
//   npx tsx examples/apps/ornek-imzaci/start.ts [--flaw ID] [--dir DIR] [--idle-timeout-ms N] [--agent-port N] [--ebys-port N]
//                                               [--card DIR --pki-dir DIR --pki-url URL]
// With --card/--pki-dir/--pki-url (what uyum's web driver gives it) it uses that card (its interposed module) and
// that PKI and its running services instead of making its own.
// The card's PIN is not printed (console output ends up in logs); it is in CARD/card.json, where the
// harness reads it. ORNEK_IMZACI_FLAW=<id> works like --flaw.
import { mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { provisionCard, type CardInfo } from "../../../harness/card/index.ts";
import { DEFAULT_PKI_CONFIG, loadPkiConfig, startPkiServices, writePki } from "../../../harness/pki/index.ts";
import { startAgent } from "./agent.ts";
import { startEbys } from "./ebys.ts";
import { activeFlaw } from "./flaws.ts";
import { startHttpFace } from "./http-face.ts";
import { loadAppPki } from "./pki-context.ts";

export const CARD_CERTS = ["nes-rsa", "nes-ec", "nes-revoked-crl-before", "nes-expired", "nes-no-nonrep"];

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      flaw: { type: "string" },
      dir: { type: "string" },
      "idle-timeout-ms": { type: "string" },
      "agent-port": { type: "string" },
      "ebys-port": { type: "string" },
      card: { type: "string" },
      "pki-dir": { type: "string" },
      "pki-url": { type: "string" },
    },
  });
  const flaw = activeFlaw(a.flaw);
  const dir = resolve(a.dir ?? mkdtempSync(join(tmpdir(), "ornek-imzaci-")));
  mkdirSync(dir, { recursive: true });
  const given = a.card !== undefined || a["pki-dir"] !== undefined || a["pki-url"] !== undefined;
  if (given && !(a.card && a["pki-dir"] && a["pki-url"]))
    throw new Error("--card, --pki-dir and --pki-url go together (a card and the PKI whose services are running)");
  const svc = given ? undefined : await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG));
  const pkiDir = given ? resolve(a["pki-dir"]!) : join(dir, "pki");
  if (svc) await writePki(svc.pki, pkiDir);
  const card: CardInfo = given
    ? (JSON.parse(readFileSync(join(resolve(a.card!), "card.json"), "utf8")) as CardInfo)
    : await provisionCard({ pkiDir, outDir: join(dir, "card"), certLabels: CARD_CERTS });
  for (const [k, v] of Object.entries(card.env)) process.env[k] = v;
  const pkiUrl = svc?.baseUrl ?? a["pki-url"]!.replace(/\/$/, "");
  const pki = loadAppPki(pkiDir, { baseUrl: pkiUrl, clockFromServices: true });
  const ticketKey = randomBytes(32);
  const logFile = join(dir, "agent.log");
  const ebysPort = a["ebys-port"] ? Number(a["ebys-port"]) : 0;
  // the agent must know the page's origin before the page exists: the EBYS port is taken first
  const ebys = await startEbys({ agentUrl: "", ticketKey, pki, dataDir: join(dir, "ebys"), flaw, port: ebysPort });
  const agent = await startAgent({
    module: card.module,
    tokenLabel: card.tokenLabel,
    pki,
    allowedOrigins: [new URL(ebys.url).origin],
    ticketKey,
    flaw,
    port: a["agent-port"] ? Number(a["agent-port"]) : 0,
    idleTimeoutMs: a["idle-timeout-ms"] ? Number(a["idle-timeout-ms"]) : 120_000,
    logFile,
  });
  ebys.setAgentUrl(agent.url);
  const http = await startHttpFace({ pki, flaw, card: { module: card.module, tokenLabel: card.tokenLabel } });
  process.stdout.write(
    JSON.stringify({
      ebys: ebys.url,
      verify: ebys.verifyUrl,
      agent: agent.url,
      agentWindow: agent.windowUrl,
      http: http.url,
      pki: pkiUrl,
      pkiDir,
      trust: join(pkiDir, "certs", "root.pem"),
      card: card.dir,
      module: card.module,
      signedDir: join(dir, "ebys"),
      agentLog: logFile,
      flaw: flaw ?? null,
    }) + "\n",
  );
  const stop = async () => {
    await ebys.stop();
    await http.stop();
    await agent.stop();
    await svc?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`ornek-imzaci: ${(err as Error).message}\n`);
  process.exit(2);
});
