// cdigidoc (Debian's libdigidoc-tools, the Estonian DigiDoc C library) for the validator's tests: it writes DDOC
// containers (DIGIDOC-XML 1.3: XAdES 1.1.1 signatures over base64 DataFile elements) signed with a PKCS#12 file
// made from a test PKI's key, and its own verifier gives an independent verdict on them.
//
// Signatures are DigiDoc "technical signatures" (ocsp=0, no OCSP confirmation in the file): with ocsp=1 against
// the test PKI's OCSP responder, libdigidoc 3.10.5 finds a responder that names itself byKey only through a
// DIGIDOC_OCSP_RESPONDER_CERT_0 entry and then ends inside findResponderByCNAndHashAndIndex without writing the
// file or an error. uyum fetches the revocation status live instead.
//
// Not through the virtual card: cdigidoc's PKCS#11 signing takes the PIN as an argument (-sign <pin> …), which
// would put it in a world-readable argv; its external-signing pair (-calc-sign CERT, then -add-sign-value FILE
// S0) refused every value tried for the SignatureHash it printed (PKCS#1 v1.5 with and without the SHA-1
// DigestInfo, binary or hex): "ERROR|23|Wrong signature" (libdigidoc 3.10.5).
import { execFile, execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { LivePki } from "./live-pki.ts";

export function haveCdigidoc(): boolean {
  try {
    execFileSync("cdigidoc", ["-?"], { stdio: "pipe" });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== "ENOENT";
  }
}

/** The subject's CN as libdigidoc compares it: UTF-8, unescaped. */
function commonName(pem: string): string {
  const out = execFileSync(
    "openssl",
    ["x509", "-in", pem, "-noout", "-subject", "-nameopt", "multiline,utf8,-esc_msb"],
    {
      encoding: "utf8",
    },
  );
  const m = /commonName\s*=\s*(.*)/.exec(out);
  if (!m) throw new Error(`no CN in ${pem}`);
  return m[1]!.trim();
}

export interface DigiDocSigner {
  /** cdigidoc's configuration: the PKI's CAs as its trusted list, no network, no proxy. */
  config: string;
  p12: string;
}

/** A digidoc.conf and a PKCS#12 (empty transport password: a test key, not a secret) in `dir` for `label`. */
export function digiDocSigner(dir: string, pki: LivePki, label: string): DigiDocSigner {
  const cas = pki.chainPaths(label);
  const config = path.join(dir, "digidoc.conf");
  const lines = ["[ca]", `CA_CERT_PATH=${path.dirname(cas[0]!)}`, `CA_CERTS=${cas.length}`];
  cas.forEach((c, i) => lines.push(`CA_CERT_${i + 1}=${path.basename(c)}`, `CA_CERT_${i + 1}_CN=${commonName(c)}`));
  lines.push("DIGIDOC_OCSP_RESPONDER_CERTS=0", "SIGN_OCSP=0", "USE_PROXY=0", "CHECK_OCSP_NONCE=0", "");
  writeFileSync(config, lines.join("\n"));
  const p12 = path.join(dir, `${label}.p12`);
  const certfile = cas.flatMap((c) => ["-certfile", c]);
  execFileSync("openssl", [
    "pkcs12",
    "-export",
    "-inkey",
    pki.keyPath(label),
    "-in",
    pki.certPath(label),
    ...certfile,
    "-out",
    p12,
    "-passout",
    "pass:",
  ]);
  return { config, p12 };
}

/** cdigidoc -new -add FILE -sign: a DDOC 1.3 in `out`. Its "PIN" is the PKCS#12's empty password. */
export async function cdigidocSign(s: DigiDocSigner, file: string, mime: string, out: string): Promise<void> {
  // -sign <pin> <manifest> <city> <state> <zip> <country> <slot> <ocsp> <token type> <pkcs12 file>
  const sign = ["-sign", "", "", "", "", "", "", "0", "0", "PKCS12", s.p12];
  // cdigidoc leaves debugging files (df-data0.txt, sigprop-signed.txt) in its working directory
  await promisify(execFile)("cdigidoc", ["-config", s.config, "-new", "-add", file, mime, ...sign, "-out", out], {
    cwd: path.dirname(s.config),
  });
}

/**
 * cdigidoc -verify: the library's error codes for the container (its verdict). A technical signature always
 * carries 128 ("Signature has no OCSP confirmation!"); 21 is "Wrong document digest".
 */
export async function cdigidocVerify(s: DigiDocSigner, file: string): Promise<number[]> {
  const r = await promisify(execFile)("cdigidoc", ["-config", s.config, "-in", file, "-verify"], {
    encoding: "utf8",
    cwd: path.dirname(s.config),
  }).catch((e: { stdout: string; stderr: string }) => e);
  const codes = [...`${r.stdout}\n${r.stderr}`.matchAll(/^ERROR\|(\d+)\|/gm)].map((m) => Number(m[1]));
  return [...new Set(codes)].sort((a, b) => a - b);
}
