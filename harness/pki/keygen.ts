// Create the missing test keys a PKI YAML names (once; the keys are then committed, as inputs).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { UserError } from "../core/errors.ts";
import { generateKeyPem, type KeyAlgorithm } from "./keys.ts";

export function generateMissingKeys(configFile: string): string[] {
  let data: { keys?: Record<string, { algorithm: KeyAlgorithm; file?: string }> };
  try {
    data = parse(readFileSync(configFile, "utf8"));
  } catch (e) {
    throw new UserError(`${configFile}: ${(e as Error).message.split("\n")[0]}`);
  }
  const created: string[] = [];
  for (const [label, k] of Object.entries(data.keys ?? {})) {
    const file = resolve(dirname(resolve(configFile)), k.file ?? `keys/${label}.key.pem`);
    if (existsSync(file)) continue;
    if (k.algorithm !== "rsa-2048" && k.algorithm !== "ecdsa-p256")
      throw new UserError(`${configFile}: keys.${label}.algorithm: must be rsa-2048 or ecdsa-p256`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generateKeyPem(k.algorithm), { mode: 0o644 });
    created.push(file);
  }
  return created;
}
