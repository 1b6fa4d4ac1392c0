// The signing face of a command-line application: fills the profile's template for the kind asked, with the
// document in a work directory, the card's interposed module and key, and the campaign PKI's files and URLs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import type { CardInfo, CardKey } from "../card/index.ts";
import type { SignatureFormat, SignatureLevel } from "../core/signature-forms.ts";
import { runCommand, type Vars } from "./cli.ts";
import type { SignTemplate } from "./cli-profile.ts";
import type { KeyChoice, SigningFace } from "./face.ts";

export interface CliFaceOptions {
  templates: SignTemplate[];
  card: CardInfo;
  pin: string;
  /** the campaign PKI directory (as `uyum pki init` writes it) and its services' base URL */
  pkiDir: string;
  pkiBaseUrl: string;
  rootPem: string;
  workDir: string;
}

/** The placeholders that name one card key: its certificate and issuers (files), its PKCS#11 URI and label. */
function keyVars(o: Omit<CliFaceOptions, "templates" | "pin">, key: CardKey, chainFile: string): Vars {
  const blocks = readFileSync(join(o.pkiDir, "chains", `${key.label}.chain.pem`), "utf8").match(
    /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g,
  );
  writeFileSync(chainFile, (blocks ?? []).slice(1).join(""));
  return {
    certificate: join(o.pkiDir, "certs", `${key.label}.pem`),
    chain: chainFile,
    keyUri: `pkcs11:token=${encodeURIComponent(o.card.tokenLabel)};id=${key.id.replace(/(..)/g, "%$1")};type=private`,
    keyLabel: key.label,
  };
}

/**
 * The placeholders every template of a session may use, beside the document and output: the card's module and
 * key, the PKI's files and URL. Writes the two files they name into the work directory: the trust anchor and the
 * signing certificate's issuers ({chain}: the PKI's chain file without its first certificate, the leaf).
 */
export function sessionVars(o: Omit<CliFaceOptions, "templates" | "pin">): Vars {
  const key = o.card.keys[0];
  mkdirSync(o.workDir, { recursive: true });
  const base: Vars = {
    module: o.card.module,
    card: o.card.dir,
    tokenLabel: o.card.tokenLabel,
    pkiDir: o.pkiDir,
    pkiBaseUrl: o.pkiBaseUrl,
    trustAnchor: join(o.workDir, "trust-anchor.pem"),
    ...(key ? keyVars(o, key, join(o.workDir, "issuers.pem")) : {}),
  };
  writeFileSync(base.trustAnchor!, o.rootPem);
  return base;
}

/** A wrong PIN for the sessions that provoke the application: random digits of the same length, never the PIN. */
export function wrongPinFor(pin: string): string {
  for (;;) {
    const w = Array.from({ length: Math.max(pin.length, 4) }, () => String(randomInt(10))).join("");
    if (w !== pin && !w.includes(pin) && !pin.includes(w)) return w;
  }
}

/** A command line offers a choice of key only through a placeholder that names one in its template. */
function keyChoiceOf(t: SignTemplate, key: string): KeyChoice {
  const named = KEY_PLACEHOLDERS.filter((p) => JSON.stringify(t).includes(`{${p}}`));
  return named.length > 0
    ? {
        key,
        offered: true,
        how: `the profile's ${t.format} ${t.level} template names the key: ${named.map((p) => `{${p}}`).join(", ")}`,
      }
    : {
        key,
        offered: false,
        how: `the profile's ${t.format} ${t.level} template has no key placeholder ({${KEY_PLACEHOLDERS.join("}, {")}}): the command cannot be told which key to use`,
      };
}
const KEY_PLACEHOLDERS = ["keyLabel", "keyUri", "certificate"];

export function cliSigningFace(o: CliFaceOptions): SigningFace {
  const base = sessionVars(o);
  // one wrong PIN per face: the same wrong PIN every time, as a user who keeps typing the same mistake
  const wrongPin = wrongPinFor(o.pin);
  return {
    kinds: () => o.templates.map((t) => ({ format: t.format, level: t.level })),
    async sign(kind: { format: SignatureFormat; level: SignatureLevel }, document: Uint8Array, name: string, so = {}) {
      const t = o.templates.find((x) => x.format === kind.format && x.level === kind.level)!;
      const input = join(o.workDir, `${name}.${so.ext ?? "txt"}`);
      const output = join(o.workDir, `${name}.${t.output}`);
      writeFileSync(input, document);
      let vars: Vars = { ...base, input, output, format: kind.format, level: kind.level };
      if (so.key !== undefined) {
        const key = o.card.keys.find((k) => k.label === so.key);
        if (!key)
          throw new Error(
            `cli driver: no key ${so.key} on the card (has ${o.card.keys.map((k) => k.label).join(", ")})`,
          );
        vars = { ...vars, ...keyVars(o, key, join(o.workDir, `${name}.issuers.pem`)) };
      }
      const keyChoice = so.key === undefined ? undefined : keyChoiceOf(t, so.key);
      const run = await runCommand(t, vars, {
        pin: so.pin === "wrong" ? wrongPin : o.pin,
        env: o.card.env,
        cwd: o.workDir,
      });
      return {
        ...kind,
        document,
        output: existsSync(output) ? new Uint8Array(readFileSync(output)) : undefined,
        outputExt: t.output,
        run,
        ...(keyChoice ? { keyChoice } : {}),
      };
    },
  };
}
