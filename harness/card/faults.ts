// Faults and PIN policy of a virtual card, set per run by the harness. The interposer stat()s faults.conf on
// every call and re-reads it when it was replaced, so a change applies to a client already running, from its
// next call on. It tells a new file by its inode (it keeps the old one open, so the number cannot come back),
// which is why the file is only ever replaced whole (temp file + rename), never edited in place. Each write starts a new "epoch":
// the fault counters (signatures, C_SignInit calls) restart and a removed card is back in the reader. The
// PIN counter is the card's own and is not touched by faults.
// A card directory may hold several tokens (uyum card init --add): faults under `tokens[LABEL]` apply to that
// token only (its own removal and counters); the top-level faults apply to every token not named there.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Faults that can target one token. */
export interface TokenFaults {
  /** the Nth signature (C_Sign / C_SignFinal, counted from this write) fails with CKR_DEVICE_REMOVED and the card stays out */
  removeAtSign?: number;
  /** the Nth C_SignInit succeeds, then the card is out: the following C_Sign gets CKR_DEVICE_REMOVED */
  removeAfterSignInit?: number;
  /** the reader is empty: no slot with a token, CKR_TOKEN_NOT_PRESENT */
  tokenAbsent?: boolean;
  /** every signature takes this much longer */
  signDelayMs?: number;
  /** C_GenerateRandom / C_SeedRandom give CKR_RANDOM_NO_RNG and the token loses CKF_RNG */
  noRng?: boolean;
}

/** The interposer keeps at most this many token sections (MAX_TF in interposer/uyum-p11.h). */
export const MAX_TOKEN_SECTIONS = 8;

export interface CardFaults extends TokenFaults {
  /** per token label: that token follows only these faults, the others the top-level ones */
  tokens?: Record<string, TokenFaults>;
  /** wrong PINs before the card locks (default 3, like KAMU SM cards) */
  pinMaxTries?: number;
  /** wrong SO-PINs before the SO-PIN locks for good (default 3): nothing unlocks it, as on a card */
  soPinMaxTries?: number;
  /** false: the interposer leaves PIN counting (user and SO) to the card (a physical card behind a vendor module) */
  pinCounter?: boolean;
}

type ScalarKey = Exclude<keyof CardFaults, "tokens">;
const TOKEN_KEYS: [keyof TokenFaults, string][] = [
  ["removeAtSign", "remove_at_sign"],
  ["removeAfterSignInit", "remove_after_sign_init"],
  ["tokenAbsent", "token_absent"],
  ["signDelayMs", "sign_delay_ms"],
  ["noRng", "no_rng"],
];
const KEYS: [ScalarKey, string][] = [
  ["pinMaxTries", "pin_max_tries"],
  ["soPinMaxTries", "so_pin_max_tries"],
  ["pinCounter", "pin_counter"],
  ["removeAtSign", "remove_at_sign"],
  ["removeAfterSignInit", "remove_after_sign_init"],
  ["tokenAbsent", "token_absent"],
  ["signDelayMs", "sign_delay_ms"],
  ["noRng", "no_rng"],
];

/** Writes the card's config atomically (a client may be reading it right now): a new file renamed over it. */
export function writeFaults(dir: string, faults: CardFaults): void {
  const lines = [
    "# uyum virtual card config, read by the PKCS#11 interposer (replace it whole: write a temp file, rename it)",
    `epoch=${randomBytes(8).toString("hex")}`,
  ];
  const put = (k: string, name: string, v: number | boolean | undefined) => {
    if (v === undefined || v === false) return;
    const n = v === true ? 1 : v;
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`card faults: ${k} must be a whole number >= 0, got ${String(v)}`);
    lines.push(`${name}=${n}`);
  };
  for (const [k, name] of KEYS)
    put(k, name, k === "pinCounter" ? (faults.pinCounter === false ? 0 : undefined) : faults[k]);
  const tokens = Object.entries(faults.tokens ?? {});
  if (tokens.length > MAX_TOKEN_SECTIONS)
    throw new Error(`card faults: at most ${MAX_TOKEN_SECTIONS} tokens with their own faults, got ${tokens.length}`);
  for (const [label, tf] of tokens) {
    // the interposer compares with the token's label as the card reports it: trailing blanks trimmed, 32 bytes at most
    if (!label || Buffer.byteLength(label) > 32 || /[\r\n]/.test(label) || label !== label.trimEnd())
      throw new Error(`card faults: token label ${JSON.stringify(label)}: 1 to 32 bytes, one line, no trailing blank`);
    lines.push(`[token ${label}]`);
    for (const [k, name] of TOKEN_KEYS) put(`${label}: ${k}`, name, tf[k]);
  }
  const file = join(dir, "faults.conf");
  const tmp = `${file}.${process.pid}.tmp`; // per process: two writers never share a temp file
  writeFileSync(tmp, lines.join("\n") + "\n");
  renameSync(tmp, file);
}

export function readFaults(dir: string): CardFaults {
  const file = join(dir, "faults.conf");
  const out: CardFaults = {};
  if (!existsSync(file)) return out;
  let section: TokenFaults | undefined; // the [token LABEL] section being read, if any
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const head = /^\[token (.+)\]$/.exec(line);
    if (head) {
      out.tokens ??= {};
      section = out.tokens[head[1]] = {};
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0 || line.startsWith("#")) continue;
    const name = line.slice(0, eq);
    const n = Number(line.slice(eq + 1));
    const tkey = TOKEN_KEYS.find(([, k]) => k === name)?.[0];
    const key = KEYS.find(([, k]) => k === name)?.[0];
    const target: CardFaults = section ?? out;
    if (section && !tkey) continue; // PIN policy lives at the top level only
    if (!key) continue;
    if (key === "tokenAbsent" || key === "noRng" || key === "pinCounter") target[key] = n !== 0;
    else target[key] = n;
  }
  return out;
}

/** Sets the card's faults, keeping its PIN policy (tries, counter on/off) unless given. */
export function setFaults(dir: string, faults: CardFaults): void {
  const before = readFaults(dir);
  writeFaults(dir, {
    ...faults,
    pinMaxTries: faults.pinMaxTries ?? before.pinMaxTries,
    soPinMaxTries: faults.soPinMaxTries ?? before.soPinMaxTries,
    pinCounter: faults.pinCounter ?? before.pinCounter,
  });
}

export interface CardState {
  removed: boolean;
  signs: number;
  signInits: number;
  /** PIN tries left per token serial (a token appears after its first counted login) */
  triesLeft: Record<string, number>;
  /** SO-PIN tries left per token serial */
  soTriesLeft: Record<string, number>;
  /** serials of the tokens removed by their own [token] faults */
  removedTokens: string[];
}

/** The interposer's persisted state (what the card "remembers"). */
export function readCardState(dir: string): CardState {
  const state: CardState = {
    removed: false,
    signs: 0,
    signInits: 0,
    triesLeft: {},
    soTriesLeft: {},
    removedTokens: [],
  };
  const file = join(dir, "state");
  if (!existsSync(file)) return state;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0 || line.startsWith("#")) continue;
    const k = line.slice(0, eq);
    const v = Number(line.slice(eq + 1));
    if (k === "removed") state.removed = v !== 0;
    else if (k === "signs") state.signs = v;
    else if (k === "sign_inits") state.signInits = v;
    else if (k.startsWith("tries.")) state.triesLeft[k.slice(6)] = v;
    else if (k.startsWith("so_tries.")) state.soTriesLeft[k.slice(9)] = v;
    else if (k.startsWith("removed.") && v !== 0) state.removedTokens.push(k.slice(8));
  }
  return state;
}
