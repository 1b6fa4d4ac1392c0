// The signing face of a command-line application: fills the profile's template for the kind asked, with the
// document in a work directory, the card's interposed module and key, and the campaign PKI's files and URLs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CardInfo } from "../card/index.ts";
import type { SignatureFormat, SignatureLevel } from "../core/signature-forms.ts";
import { runCommand, type Vars } from "./cli.ts";
import type { SignTemplate } from "./cli-profile.ts";
import type { SigningFace } from "./face.ts";

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

/**
 * The placeholders every template of a session may use, beside the document and output: the card's module and
 * key, the PKI's files and URL. Writes the two files they name into the work directory: the trust anchor and the
 * signing certificate's issuers ({chain}: the PKI's chain file without its first certificate, the leaf).
 */
export function sessionVars(o: Omit<CliFaceOptions, "templates" | "pin">): Vars {
  const key = o.card.keys[0];
  const base: Vars = {
    module: o.card.module,
    card: o.card.dir,
    tokenLabel: o.card.tokenLabel,
    pkiDir: o.pkiDir,
    pkiBaseUrl: o.pkiBaseUrl,
    trustAnchor: join(o.workDir, "trust-anchor.pem"),
    ...(key
      ? {
          certificate: join(o.pkiDir, "certs", `${key.label}.pem`),
          chain: join(o.workDir, "issuers.pem"),
          keyUri: `pkcs11:token=${encodeURIComponent(o.card.tokenLabel)};id=${key.id.replace(/(..)/g, "%$1")};type=private`,
        }
      : {}),
  };
  mkdirSync(o.workDir, { recursive: true });
  writeFileSync(base.trustAnchor!, o.rootPem);
  if (key) {
    const blocks = readFileSync(join(o.pkiDir, "chains", `${key.label}.chain.pem`), "utf8").match(
      /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g,
    );
    writeFileSync(base.chain!, (blocks ?? []).slice(1).join(""));
  }
  return base;
}

export function cliSigningFace(o: CliFaceOptions): SigningFace {
  const base = sessionVars(o);
  return {
    kinds: () => o.templates.map((t) => ({ format: t.format, level: t.level })),
    async sign(kind: { format: SignatureFormat; level: SignatureLevel }, document: Uint8Array, name: string) {
      const t = o.templates.find((x) => x.format === kind.format && x.level === kind.level)!;
      const input = join(o.workDir, `${name}.txt`);
      const output = join(o.workDir, `${name}.${t.output}`);
      writeFileSync(input, document);
      const run = await runCommand(
        t,
        { ...base, input, output, format: kind.format, level: kind.level },
        { pin: o.pin, env: o.card.env, cwd: o.workDir },
      );
      return {
        ...kind,
        document,
        output: existsSync(output) ? new Uint8Array(readFileSync(output)) : undefined,
        outputExt: t.output,
        run,
      };
    },
  };
}
