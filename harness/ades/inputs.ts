// Reading the validator's inputs from files (certificates, CRLs, trust anchors, the validation time), each
// failure a UserError naming the file. Apart from commands.ts so other concerns can use them without loading
// the CLI, and so commands.ts can load them only when a command runs.
import { existsSync, readFileSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.ts";
import { parseCrl, type Crl } from "./crl.ts";
import { parseCert, pemOrDer, type Cert } from "./x509.ts";

/** A file's bytes, or a UserError saying which input is missing or is a directory. */
export function readInput(file: string, what: string): Uint8Array {
  if (!existsSync(file)) throw new UserError(`${what} file not found: ${file}`);
  if (statSync(file).isDirectory()) throw new UserError(`${what} ${file} is a directory, expected a file`);
  return new Uint8Array(readFileSync(file));
}

export function loadCerts(file: string, what: string): Cert[] {
  const blobs = pemOrDer(readInput(file, what));
  if (!blobs.length) throw new UserError(`${what} ${file}: no certificate found`);
  return blobs.map((b, i) => {
    try {
      return parseCert(b);
    } catch (e) {
      throw new UserError(
        `${what} ${file}${blobs.length > 1 ? ` (certificate ${i + 1})` : ""} is not a valid X.509 certificate: ${(e as Error).message}`,
      );
    }
  });
}

export function loadCrls(file: string): Crl[] {
  return pemOrDer(readInput(file, "CRL")).map((b) => {
    try {
      return parseCrl(b);
    } catch (e) {
      throw new UserError(`CRL ${file} is not a valid CRL: ${(e as Error).message}`);
    }
  });
}

/** Trust anchors from files or directories (every .pem/.crt/.cer/.der inside). */
export function loadTrust(paths: string[]): Cert[] {
  const out: Cert[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UserError(`trust anchor file not found: ${p}`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort())
        if (/\.(pem|crt|cer|der)$/i.test(f)) out.push(...loadCerts(join(p, f), "trust anchor"));
    } else out.push(...loadCerts(p, "trust anchor"));
  }
  return out;
}

export function parseAt(at: string | undefined): Date {
  if (!at) return new Date();
  const d = new Date(at);
  if (Number.isNaN(d.getTime()))
    throw new UserError(`--at: "${at}" is not a date/time (use ISO 8601, e.g. 2026-01-31T12:00:00Z)`);
  return d;
}
