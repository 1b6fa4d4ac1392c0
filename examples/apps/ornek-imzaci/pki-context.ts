// What the application is configured with about the test PKI: its trust anchor, the sub-roots it may fetch
// over AIA, the time-stamp server, and (for tests) the services' clock, read from a `uyum pki init` directory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPaths, parseCert, type Cert } from "../../../harness/ades/index.ts";
import { httpExchange } from "../../../harness/core/http-get.ts";
import type { PkiContext } from "./inspect.ts";

export interface AppPki extends PkiContext {
  baseUrl: string;
  tsaUrl: string;
  /** current time: the PKI services' clock when `clockFromServices`, else the computer's */
  now(): Promise<Date>;
  /** signer certificate followed by its issuers up to the root */
  chainOf(der: Uint8Array, at: Date): Uint8Array[];
}

interface PkiJson {
  baseUrl: string;
  entities: { label: string; role: string; certDer: string }[];
  tsas: { label: string }[];
}

export function loadAppPki(dir: string, o: { baseUrl?: string; clockFromServices?: boolean } = {}): AppPki {
  const j = JSON.parse(readFileSync(join(dir, "pki.json"), "utf8")) as PkiJson;
  const cert = (label: string) => {
    const e = j.entities.find((x) => x.label === label);
    if (!e) throw new Error(`${dir}/pki.json has no entity "${label}"`);
    return parseCert(new Uint8Array(readFileSync(join(dir, e.certDer))));
  };
  const anchors = [cert("root")];
  const intermediates = ["subroot", "subroot-ec"].map(cert);
  const baseUrl = (o.baseUrl ?? j.baseUrl).replace(/\/$/, "");
  return {
    anchors,
    intermediates,
    baseUrl,
    tsaUrl: `${baseUrl}/tsa/${j.tsas[0]!.label}`,
    async now() {
      if (!o.clockFromServices) return new Date();
      const r = await httpExchange(`${baseUrl}/_admin/state`, { timeoutMs: 5000 });
      if (r.status !== 200) throw new Error(`${baseUrl}/_admin/state: HTTP ${r.status}`);
      return new Date((JSON.parse(Buffer.from(r.bytes).toString("utf8")) as { now: string }).now);
    },
    chainOf(der, at) {
      const ee = parseCert(der);
      const paths = buildPaths(ee, { at, anchors, intermediates });
      const path: Cert[] = paths[0] ?? [ee];
      return path.map((c) => c.der);
    },
  };
}
