// The project's test PKI, live: every date moved to "now" (as a campaign does) and its CRL, OCSP and TSA
// services answering on a free loopback port with a clock that ticks from now. For tests whose signer is a real
// tool that stamps the wall clock into what it writes (LibreOffice, cdigidoc): the signature, the certificates
// and the revocation answers then agree on the time, and uyum validates it "now" with live revocation.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pkiConfigAt } from "../../pki/campaign-time.ts";
import {
  DEFAULT_PKI_CONFIG,
  loadPkiConfig,
  SettableClock,
  startPkiServices,
  writePki,
  type Services,
} from "../../pki/index.ts";

export interface LivePki {
  dir: string;
  services: Services;
  rootPath: string;
  rootDer: Uint8Array;
  certPath(label: string): string;
  keyPath(label: string): string;
  /** The PEM files of the label's issuers up to the root (the root included), nearest first. */
  chainPaths(label: string): string[];
  stop(): Promise<void>;
}

export async function startLivePki(): Promise<LivePki> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "uyum-live-pki-"));
  const instant = new Date();
  // the clock starts ticking with `instant`, not after the config is read: else it lags the wall clock the tools
  // stamp, and a CRL it issues right after a signature would predate it
  const clock = new SettableClock(instant, true);
  const services = await startPkiServices(pkiConfigAt(loadPkiConfig(DEFAULT_PKI_CONFIG), instant), { clock });
  await writePki(services.pki, dir);
  const certPath = (label: string) => path.join(dir, "certs", `${label}.pem`);
  const chainPaths = (label: string) => {
    const out: string[] = [];
    for (let e = services.pki.get(label)?.issuerLabel; e; e = services.pki.get(e)?.issuerLabel) out.push(certPath(e));
    return out;
  };
  return {
    dir,
    services,
    rootPath: certPath("root"),
    rootDer: new Uint8Array(readFileSync(path.join(dir, "certs", "root.der"))),
    certPath,
    keyPath: (label) => path.join(dir, "keys", `${label}.key.pem`),
    chainPaths,
    async stop() {
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
