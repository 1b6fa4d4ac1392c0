// Signatures made by a real tool for probe tests: `openssl cms -sign` with the throwaway PKI's RSA key, as an
// application built on OpenSSL would write them. Flags choose the traits a probe judges (-cades adds the ESS
// signing-certificate-v2 attribute, -noattr drops every signed attribute, -md picks the digest).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeThrowawayPki, type ThrowawayPki } from "../sign/throwaway-pki.ts";

let pki: ThrowawayPki | undefined;
let counter = 0;

/** The document opensslCms signs (detached: the signature does not carry it). */
export const DOCUMENT = new TextEncoder().encode("Sayın ilgili, bu belge imzalanacaktır.\n");

export function throwawayPki(): ThrowawayPki {
  return (pki ??= makeThrowawayPki());
}

/** A detached-content CMS signature over a short document; returns the .p7s path. */
export function opensslCms(flags: string[]): string {
  const { dir } = throwawayPki();
  const doc = join(dir, "belge.txt");
  writeFileSync(doc, DOCUMENT);
  const out = join(dir, `imza-${++counter}.p7s`);
  execFileSync(
    "openssl",
    [
      "cms",
      "-sign",
      "-binary",
      "-in",
      doc,
      "-signer",
      "rsa.pem",
      "-inkey",
      "rsa.key",
      "-outform",
      "DER",
      "-out",
      out,
      ...flags,
    ],
    { cwd: dir, stdio: "pipe" },
  );
  return out;
}
