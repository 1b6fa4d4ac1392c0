// LibreOffice headless for the validator's tests: a converted document, and a listening soffice whose own
// xmlsecurity code signs and verifies ODF packages (libreoffice-uno.py) with the certificate of an NSS database.
// Each run has its own user profile and pipe name, so it never meets another soffice on the machine.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const UNO_SCRIPT = path.join(import.meta.dirname, "libreoffice-uno.py");
/** Debian's python3, which has LibreOffice's uno module (python3-uno); not a pyenv python. */
const PYTHON = "/usr/bin/python3";

/** An NSS database (no password) holding one signer: its PKCS#12 made by openssl from a key and certificate chain. */
export function makeNssDatabase(dir: string, key: string, cert: string, chain: string[]): string {
  const nss = path.join(dir, "nss");
  mkdirSync(nss, { recursive: true });
  const p12 = path.join(dir, "imzaci.p12");
  // a test key in a throwaway database: an empty transport password is not a secret
  const certfile = chain.flatMap((c) => ["-certfile", c]);
  execFileSync(
    "openssl",
    ["pkcs12", "-export", "-inkey", key, "-in", cert, ...certfile, "-name", "imzaci", "-out", p12, "-passout", "pass:"],
    { stdio: "pipe" },
  );
  execFileSync("certutil", ["-N", "-d", `sql:${nss}`, "--empty-password"], { stdio: "pipe" });
  execFileSync("pk12util", ["-i", p12, "-d", `sql:${nss}`, "-W", ""], { stdio: "pipe" });
  return nss;
}

export interface Office {
  /** LibreOffice signs the ODF package in place; returns the signer's subject as LibreOffice names it. */
  sign(file: string): Promise<string>;
  /**
   * LibreOffice's own verdict on each document signature of the package. Asynchronous: LibreOffice fetches the
   * certificates' CRL/OCSP, which may be served by this very process (a test's live PKI).
   */
  verify(file: string): Promise<{ valid: boolean; signer: string }[]>;
  stop(): Promise<void>;
}

const profileUrl = (dir: string) => pathToFileURL(path.join(dir, "lo-profile")).href;

/** soffice --convert-to: a document LibreOffice itself wrote (e.g. odt from a text file), in `outDir`. */
export function convertWithLibreOffice(dir: string, input: string, to: string, outDir: string): void {
  execFileSync(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=${profileUrl(dir)}`,
      "--convert-to",
      to,
      "--outdir",
      outDir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
}

/** A listening soffice whose certificate store is the NSS database `nss`. */
export function startOffice(dir: string, nss: string): Office {
  const pipe = `uyum-${process.pid}-${randomBytes(4).toString("hex")}`;
  const proc: ChildProcess = spawn(
    "soffice",
    [
      "--headless",
      "--invisible",
      "--norestore",
      `-env:UserInstallation=${profileUrl(dir)}`,
      `--accept=pipe,name=${pipe};urp;`,
    ],
    { detached: true, stdio: "ignore", env: { ...process.env, MOZILLA_CERTIFICATE_FOLDER: `sql:${nss}` } },
  );
  const uno = async (action: string, file: string) =>
    (await promisify(execFile)(PYTHON, [UNO_SCRIPT, pipe, action, file], { encoding: "utf8", timeout: 120_000 }))
      .stdout;
  return {
    sign: async (file) => (JSON.parse(await uno("sign", file)) as { signer: string }).signer,
    verify: async (file) => JSON.parse(await uno("verify", file)) as { valid: boolean; signer: string }[],
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || !proc.pid) return resolve();
        const kill = setTimeout(() => process.kill(-proc.pid!, "SIGKILL"), 10_000);
        proc.on("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        // soffice is a shell script that starts soffice.bin: end the whole group we started
        process.kill(-proc.pid, "SIGTERM");
      }),
  };
}
