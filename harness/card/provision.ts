// Provisions a virtual smart card: a SoftHSM2 token in its own SOFTHSM2_CONF holding the signer keys and
// certificates of the test PKI, fronted by the uyum interposer. The card directory holds everything a
// PKCS#11 client and the harness need:
//   card.json       what was provisioned (token label, keys, PIN and SO-PIN of this test card, env)
//   softhsm2.conf   tokens/    the SoftHSM2 store, private to this card
//   faults.conf     the interposer's config (PIN tries, faults), re-read by the interposer whenever it is replaced
//   state           the interposer's state (PIN tries left, card removed), survives process restarts
//   trace.jsonl     the interposer's trace (never a PIN)
//   openssl.cnf     an OpenSSL config loading the pkcs11 engine with the interposer as MODULE_PATH
import { execFileSync } from "node:child_process";
import { randomInt, X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../core/errors.ts";
import { writeFaults } from "./faults.ts";
import { ensureInterposer, OPENSSL_PKCS11_ENGINE, SOFTHSM_MODULE } from "./paths.ts";
import { chainOf, readPkiIndex, type CardPkiEntity } from "./pki-input.ts";
import { initTokenWithKeys, type KeyToWrite } from "./token-writer.ts";

export interface CardKey {
  /** the PKI label of the certificate; also CKA_LABEL of the key, public key and certificate objects */
  label: string;
  /** CKA_ID shared by the key pair and its certificate, hex */
  id: string;
  keyAlgorithm: string;
  subject: string;
}

/** One token of a card directory (a directory may hold several: uyum card init --add). */
export interface CardToken {
  label: string;
  /** the token's serial as the card reports it: the key of its counters in the interposer's state */
  serial?: string;
  pin?: string;
  soPin?: string;
  keys: CardKey[];
  chain: CardInfo["chain"];
}

export interface CardInfo {
  version: 1;
  kind: "softhsm" | "vendor";
  dir: string;
  tokenLabel: string;
  /** the test card's user PIN and SO-PIN: handed to the harness, never written to traces or logs */
  pin?: string;
  soPin?: string;
  pinMaxTries: number;
  /** wrong SO-PINs before the SO-PIN locks for good (absent in cards made before it was counted: 3) */
  soPinMaxTries?: number;
  /** what the application loads: the interposer */
  module: string;
  /** what the interposer forwards to */
  realModule: string;
  /** environment a PKCS#11 client needs so the interposer finds its real module, state, config and trace */
  env: Record<string, string>;
  keys: CardKey[];
  /** issuer certificates written to the card (CKA_ID ca01, ca02, …), nearest first */
  chain: { label: string; id: string; subject: string }[];
  opensslConf: string;
  /** every token in the card's SoftHSM store, the first being the one described above */
  tokens: CardToken[];
}

export interface ProvisionOptions {
  pkiDir: string;
  outDir: string;
  /** certificate labels to put on the card, each with its key; default: the NES certificates of valid scenarios */
  certLabels?: string[];
  withChain?: boolean;
  tokenLabel?: string;
  pin?: string;
  soPin?: string;
  pinMaxTries?: number;
  soPinMaxTries?: number;
  /** add a token to the existing card in outDir (same SoftHSM store, interposer config, state and trace) */
  add?: boolean;
}

/** Runs a tool without letting its command line (which may hold a PIN) into an error message. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, what: string): string {
  try {
    return execFileSync(tool, args, { env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; status?: number };
    const detail = `${e.stderr ?? ""}${e.stdout ?? ""}`.trim().split("\n").slice(-3).join(" / ");
    throw new Error(`card: ${what} failed (${tool} exit ${e.status ?? "?"}): ${detail}`);
  }
}

/** Environment for a PKCS#11 client using the card in dir through the interposer. */
export function cardEnvFor(dir: string, realModule: string, softhsm: boolean): Record<string, string> {
  const env: Record<string, string> = {
    UYUM_P11_MODULE: realModule,
    UYUM_P11_CONFIG: join(dir, "faults.conf"),
    UYUM_P11_STATE: join(dir, "state"),
    UYUM_P11_TRACE: join(dir, "trace.jsonl"),
  };
  if (softhsm) env.SOFTHSM2_CONF = join(dir, "softhsm2.conf");
  return env;
}

/** OpenSSL config that loads libp11's pkcs11 engine with the interposer as its module. */
export function writeOpensslConf(dir: string, module: string): string {
  const file = join(dir, "openssl.cnf");
  writeFileSync(
    file,
    [
      "# OpenSSL with the pkcs11 engine over the uyum interposer (written by uyum card init)",
      "openssl_conf = openssl_init",
      "[openssl_init]",
      "engines = engine_section",
      "[engine_section]",
      "pkcs11 = pkcs11_section",
      "[pkcs11_section]",
      "engine_id = pkcs11",
      `dynamic_path = ${OPENSSL_PKCS11_ENGINE}`,
      `MODULE_PATH = ${module}`,
      "init = 0",
      "",
    ].join("\n"),
  );
  return file;
}

function testPin(): string {
  // 8 random digits: distinctive enough that a scan of traces and logs for it cannot hit by accident
  return String(randomInt(10_000_000, 100_000_000));
}

/** node prints a DN one attribute per line */
const oneLine = (dn: string) => dn.split("\n").join(", ");

function derOf(entity: CardPkiEntity): { der: Buffer; cert: X509Certificate } {
  if (!existsSync(entity.certPath))
    throw new UserError(`${entity.certPath}: certificate file of "${entity.label}" is missing`);
  const cert = new X509Certificate(readFileSync(entity.certPath)); // PEM or DER
  return { der: cert.raw, cert };
}

export async function provisionCard(opts: ProvisionOptions): Promise<CardInfo> {
  const index = readPkiIndex(opts.pkiDir);
  // default: the NES certificates of valid scenarios (the negative matrix stays off the card unless named)
  const nes = [...index.values()].filter((e) => e.role === "nes" && e.keyPath);
  const valid = nes.filter((e) => !e.scenario || e.scenario.startsWith("valid"));
  const labels =
    opts.certLabels && opts.certLabels.length > 0 ? opts.certLabels : (valid.length ? valid : nes).map((e) => e.label);
  if (labels.length === 0)
    throw new UserError(`${opts.pkiDir}/pki.json: no NES entity with a key; name the certificates with --cert LABEL`);
  const entities = labels.map((label) => {
    const e = index.get(label);
    if (!e)
      throw new UserError(
        `--cert ${label}: no entity "${label}" in ${opts.pkiDir}/pki.json (has: ${[...index.keys()].join(", ")})`,
      );
    if (!e.keyPath || !existsSync(e.keyPath))
      throw new UserError(`--cert ${label}: the PKI has no private key file for "${label}"`);
    return e;
  });

  const dir = resolve(opts.outDir);
  const existing = opts.add ? loadCard(dir) : undefined;
  if (existing && existing.kind !== "softhsm")
    throw new UserError(`--out ${opts.outDir}: --add needs a provisioned test card, not a vendor card`);
  if (!opts.add && existsSync(join(dir, "card.json")))
    throw new UserError(
      `--out ${opts.outDir}: already holds a card (card.json); use a new directory, or --add to put another token in it`,
    );
  const tokens = join(dir, "tokens");
  if (!existing) {
    mkdirSync(tokens, { recursive: true });
    writeFileSync(
      join(dir, "softhsm2.conf"),
      `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`,
    );
  }
  const env = { ...process.env, SOFTHSM2_CONF: join(dir, "softhsm2.conf") };

  const tokenLabel = opts.tokenLabel ?? "uyum-card";
  if (Buffer.byteLength(tokenLabel) > 32 || !/^\S(.*\S)?$/.test(tokenLabel))
    throw new UserError(`--label ${tokenLabel}: a token label has 1 to 32 bytes, no leading or trailing blank`);
  const held = existing ? tokensOf(existing).map((t) => t.label) : [];
  if (held.includes(tokenLabel))
    throw new UserError(
      `--label ${tokenLabel}: the card ${opts.outDir} already has a token with that label (has: ${held.join(", ")}); faults and clients find tokens by label`,
    );
  const pin = opts.pin ?? testPin();
  const soPin = opts.soPin ?? testPin();
  for (const [name, p] of [
    ["--pin", pin],
    ["--so-pin", soPin],
  ] as const)
    if (!/^[0-9A-Za-z]{4,16}$/.test(p)) throw new UserError(`${name}: a card PIN has 4 to 16 letters or digits`);
  const pinMaxTries = opts.pinMaxTries ?? 3;
  if (!Number.isInteger(pinMaxTries) || pinMaxTries < 1 || pinMaxTries > 15)
    throw new UserError(`--pin-tries ${opts.pinMaxTries}: give a whole number from 1 to 15`);
  // with --add the PIN policy is the card's (one interposer config for all its tokens)
  const soPinMaxTries = opts.soPinMaxTries ?? 3;
  if (!Number.isInteger(soPinMaxTries) || soPinMaxTries < 1 || soPinMaxTries > 15)
    throw new UserError(`--so-pin-tries ${opts.soPinMaxTries}: give a whole number from 1 to 15`);

  const keys: CardKey[] = [];
  const keysToWrite: KeyToWrite[] = entities.map((e, i) => ({
    keyPem: readFileSync(e.keyPath!),
    source: e.keyPath,
    label: e.label,
    id: (i + 1).toString(16).padStart(2, "0"),
  }));
  // token, PINs and keys in this process: no PIN on a command line (argv is readable by all in /proc)
  const serial = initTokenWithKeys(SOFTHSM_MODULE, env.SOFTHSM2_CONF, {
    label: tokenLabel,
    pin,
    soPin,
    keys: keysToWrite,
  });

  const work = join(dir, ".work");
  mkdirSync(work, { recursive: true });
  // pkcs11-tool reads the PIN from the variable named after env: (its environment is readable by this user only)
  const toolEnv = { ...env, UYUM_CARD_PIN: pin };
  const writeCert = (label: string, id: string, der: Buffer) => {
    const f = join(work, `${id}.der`);
    writeFileSync(f, der);
    run(
      "pkcs11-tool",
      [
        "--module",
        SOFTHSM_MODULE,
        "--token-label",
        tokenLabel,
        "--login",
        "--pin",
        "env:UYUM_CARD_PIN",
        "--write-object",
        f,
        "--type",
        "cert",
        "--id",
        id,
        "--label",
        label,
      ],
      toolEnv,
      `writing certificate ${label}`,
    );
  };
  entities.forEach((e, i) => {
    const { id } = keysToWrite[i];
    const { der, cert } = derOf(e);
    writeCert(e.label, id, der);
    keys.push({ label: e.label, id, keyAlgorithm: e.keyAlgorithm, subject: oneLine(cert.subject) });
  });

  const chain: CardInfo["chain"] = [];
  if (opts.withChain) {
    const seen = new Set(entities.map((e) => e.label));
    for (const e of entities)
      for (const issuer of chainOf(index, e.label)) {
        if (seen.has(issuer.label)) continue;
        seen.add(issuer.label);
        const id = `ca${(chain.length + 1).toString(16).padStart(2, "0")}`;
        const { der, cert } = derOf(issuer);
        writeCert(issuer.label, id, der);
        chain.push({ label: issuer.label, id, subject: oneLine(cert.subject) });
      }
  }
  rmSync(work, { recursive: true, force: true });

  const token: CardToken = { label: tokenLabel, serial, pin, soPin, keys, chain };
  if (existing) {
    const card: CardInfo = { ...existing, tokens: [...tokensOf(existing), token] };
    writeFileSync(join(dir, "card.json"), JSON.stringify(card, null, 2) + "\n", { mode: 0o600 });
    return card;
  }
  const module = ensureInterposer();
  writeFaults(dir, { pinMaxTries, soPinMaxTries });
  const card: CardInfo = {
    version: 1,
    kind: "softhsm",
    dir,
    tokenLabel,
    pin,
    soPin,
    pinMaxTries,
    soPinMaxTries,
    module,
    realModule: SOFTHSM_MODULE,
    env: cardEnvFor(dir, SOFTHSM_MODULE, true),
    keys,
    chain,
    opensslConf: writeOpensslConf(dir, module),
    tokens: [token],
  };
  writeFileSync(join(dir, "card.json"), JSON.stringify(card, null, 2) + "\n", { mode: 0o600 });
  return card;
}

/** The tokens of a card. */
export function tokensOf(card: CardInfo): CardToken[] {
  return card.tokens;
}

/** The card as seen through one of its tokens: the same module and env, that token's label, PINs and keys,
 * so withCardSession, unlockCard and probes work on it unchanged. */
export function tokenOf(card: CardInfo, label: string): CardInfo {
  const t = tokensOf(card).find((x) => x.label === label);
  if (!t)
    throw new UserError(
      `${card.dir}: no token "${label}" on this card (has: ${tokensOf(card)
        .map((x) => x.label)
        .join(", ")})`,
    );
  return { ...card, tokenLabel: t.label, pin: t.pin, soPin: t.soPin, keys: t.keys, chain: t.chain };
}

/** The card provisioned in dir. */
export function loadCard(dir: string): CardInfo {
  const file = join(resolve(dir), "card.json");
  if (!existsSync(file))
    throw new UserError(`${dir}: no card here (card.json missing; create one with uyum card init)`);
  let card: CardInfo;
  try {
    card = JSON.parse(readFileSync(file, "utf8")) as CardInfo;
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (card.version !== 1 || typeof card.module !== "string" || typeof card.env !== "object")
    throw new UserError(`${file}: not a uyum card description (version 1 with module and env expected)`);
  if (!Array.isArray(card.tokens) || card.tokens.length === 0)
    throw new UserError(`${file}: lists no tokens (field "tokens"); provision the card again with uyum card init`);
  return card;
}

/** Files under the card dir that record what happened: the ones a PIN must never reach. */
export function cardRecordFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl") || f.endsWith(".log") || f === "state")
    .map((f) => join(dir, f));
}
