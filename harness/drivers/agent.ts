// The agent driver's observations of a localhost signer agent's exposure: which addresses its port listens on
// (/proc/net/tcp{,6}, and a connection to this machine's non-loopback address when it has one), how it answers a
// page of a foreign origin asking with credentials, and whether it accepts a signed request sent a second time.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import type { AgentExposure } from "./web/types.ts";

export const FOREIGN_ORIGIN = "http://kotu-niyetli.example";

/** Local addresses listening on `port` in a /proc/net/tcp or tcp6 table (hex little-endian addresses). */
export function listenersIn(table: string, port: number): { address: string; loopback: boolean }[] {
  const out: { address: string; loopback: boolean }[] = [];
  for (const line of table.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[3] !== "0A") continue; // 0A: LISTEN
    const [hexAddr, hexPort] = cols[1]!.split(":");
    if (parseInt(hexPort!, 16) !== port) continue;
    out.push(decodeAddress(hexAddr!));
  }
  return out;
}

function decodeAddress(hex: string): { address: string; loopback: boolean } {
  if (hex.length === 8) {
    const b = hex
      .match(/../g)!
      .map((x) => parseInt(x, 16))
      .reverse();
    return { address: b.join("."), loopback: b[0] === 127 };
  }
  // IPv6: four 32-bit words, each little-endian
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  const full = words.join("");
  const groups = full.match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ""));
  const address = groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
  const loopback = full === "00000000000000000000000000000001" || /^00000000000000000000ffff7f/.test(full);
  return { address, loopback };
}

function readTable(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function tryConnect(host: string, port: number): Promise<{ connected: boolean; error?: string }> {
  return new Promise((ok) => {
    const s = connect({ host, port, timeout: 2000 });
    s.once("connect", () => {
      s.destroy();
      ok({ connected: true });
    });
    s.once("timeout", () => {
      s.destroy();
      ok({ connected: false, error: "timeout" });
    });
    s.once("error", (e) => ok({ connected: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

const header = (h: Headers, name: string) => h.get(name) ?? undefined;

export async function observeAgentExposure(o: {
  agentUrl: string;
  /** a GET path of the agent's API to ask from a foreign origin */
  probePath: string;
  /** the last state-changing request the page made to the agent, raw, to send again */
  replay?: { method: string; url: string; headers: Record<string, string>; body?: string; status?: number };
}): Promise<AgentExposure> {
  const u = new URL(o.agentUrl);
  const port = Number(u.port);
  const listening = [
    ...listenersIn(readTable("/proc/net/tcp"), port),
    ...listenersIn(readTable("/proc/net/tcp6"), port),
  ];
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4");
  const nonLoopback = outside ? { address: outside.address, ...(await tryConnect(outside.address, port)) } : undefined;

  const target = new URL(o.probePath, o.agentUrl).href;
  const pre = await fetch(target, {
    method: "OPTIONS",
    headers: {
      origin: FOREIGN_ORIGIN,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
  const get = await fetch(target, { headers: { origin: FOREIGN_ORIGIN, cookie: "oturum=1" } });
  await pre.arrayBuffer();
  await get.arrayBuffer();

  let replay: AgentExposure["replay"];
  if (o.replay) {
    const headers = Object.fromEntries(
      Object.entries(o.replay.headers).filter(
        ([k]) => !/^(host|content-length|connection)$/i.test(k) && !k.startsWith(":"),
      ),
    );
    const r = await fetch(o.replay.url, { method: o.replay.method, headers, body: o.replay.body });
    replay = {
      method: o.replay.method,
      url: o.replay.url,
      firstStatus: o.replay.status ?? 0,
      replayStatus: r.status,
      replayBody: (await r.text()).slice(0, 2000),
    };
  }
  return {
    agentUrl: o.agentUrl,
    listening,
    ...(nonLoopback ? { nonLoopback } : {}),
    foreignOrigin: {
      origin: FOREIGN_ORIGIN,
      preflight: {
        status: pre.status,
        allowOrigin: header(pre.headers, "access-control-allow-origin"),
        allowCredentials: header(pre.headers, "access-control-allow-credentials"),
        allowHeaders: header(pre.headers, "access-control-allow-headers"),
      },
      get: {
        status: get.status,
        allowOrigin: header(get.headers, "access-control-allow-origin"),
        allowCredentials: header(get.headers, "access-control-allow-credentials"),
      },
    },
    ...(replay ? { replay } : {}),
  };
}
