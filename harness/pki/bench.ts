// `npm run bench:pki`: load on the live services (loopback), and the same OCSP load on a peer responder
// (openssl's own `openssl ocsp -index … -port`) measured in the same run. Prints requests/s, errors, ratio.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PKI_CONFIG, loadPkiConfig } from "./config.ts";
import { SettableClock } from "./clock.ts";
import { certIdFor, encodeOcspRequest } from "./ocsp.ts";
import { startPkiServices, startServices } from "./server.ts";
import { readPki, writePki } from "./store.ts";
import { encodeTsRequest } from "./tsp.ts";

interface Result {
  name: string;
  requests: number;
  seconds: number;
  errors: number;
}

async function load(
  name: string,
  n: number,
  concurrency: number,
  one: (i: number) => Promise<boolean>,
): Promise<Result> {
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        try {
          if (!(await one(i))) errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { name, requests: n, seconds: (performance.now() - t0) / 1000, errors };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

async function waitFor(url: string, body: Uint8Array): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await post(url, "application/ocsp-request", body);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`peer at ${url} did not come up`);
}
const post = (url: string, type: string, body: Uint8Array) =>
  fetch(url, { method: "POST", headers: { "content-type": type }, body: body as unknown as BodyInit });
const okOcsp = async (r: Response, nonce: Uint8Array) => {
  const b = Buffer.from(await r.arrayBuffer());
  return r.status === 200 && b.subarray(0, 12).toString("hex").includes("0a0100") && b.includes(Buffer.from(nonce));
};

/** Child mode: serve a written PKI on a port (so the services, like the peer, run outside the load generator). */
async function child(dir: string, port: number): Promise<void> {
  const svc = await startServices(await readPki(dir), { port, clock: new SettableClock(new Date()) });
  process.stdout.write(`ready ${svc.baseUrl}\n`);
  process.on("SIGTERM", () => void svc.stop().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const n = Number(process.env.PKI_BENCH_REQUESTS ?? 1000);
  const concurrency = Number(process.env.PKI_BENCH_CONCURRENCY ?? n);
  const rounds = Number(process.env.PKI_BENCH_ROUNDS ?? 3);
  const ourPort = await freePort();
  // build the PKI for the port our service child will listen on, so its certificates' URLs are right
  const built = await startPkiServices(loadPkiConfig(DEFAULT_PKI_CONFIG), { clock: new SettableClock(new Date()) });
  await built.stop();
  const dir = mkdtempSync(join(tmpdir(), "uyum-pki-bench-"));
  const results: Result[] = [];
  let peer: ReturnType<typeof spawn> | undefined;
  let child_: ReturnType<typeof spawn> | undefined;
  try {
    await writePki(built.pki, dir);
    child_ = spawn(
      process.execPath,
      [...process.execArgv, new URL(import.meta.url).pathname, "--child", dir, String(ourPort)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      child_!.stdout!.on("data", (d: Buffer) => (d.toString().startsWith("ready") ? resolve() : undefined));
      child_!.on("exit", (c) => reject(new Error(`service child exited (${c})`)));
    });
    const svc = { baseUrl: `http://127.0.0.1:${ourPort}`, pki: built.pki };
    const certId = certIdFor(svc.pki, "nes-rsa");
    const nonceOf = (i: number) => Buffer.from(`uyum${i.toString(16).padStart(8, "0")}`);
    const ourOcsp = (i: number) =>
      post(`${svc.baseUrl}/ocsp/subroot`, "application/ocsp-request", encodeOcspRequest(certId, nonceOf(i))).then((r) =>
        okOcsp(r, nonceOf(i)),
      );
    const crl = async () => {
      const r = await fetch(`${svc.baseUrl}/crl/subroot.crl`);
      return r.status === 200 && Buffer.from(await r.arrayBuffer())[0] === 0x30;
    };
    const tsa = async (i: number) => {
      const imprint = createHash("sha256").update(String(i)).digest();
      const r = await post(
        `${svc.baseUrl}/tsa/tsa1`,
        "application/timestamp-query",
        encodeTsRequest({ hash: "SHA-256", imprint, nonce: Buffer.from(i.toString(16).padStart(8, "0"), "hex") }),
      );
      const b = Buffer.from(await r.arrayBuffer());
      return r.status === 200 && b.subarray(0, 10).toString("hex").includes("3003020100") && b.includes(imprint);
    };

    // the peer: openssl's OCSP responder for the same CA, same delegated signer, same requests
    const e = svc.pki.get("nes-rsa");
    const expiry = e.notAfter.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
    writeFileSync(join(dir, "index.txt"), `V\t${expiry}\t\t${e.serialHex.toUpperCase()}\tunknown\t/CN=nes-rsa\n`);
    const port = await freePort();
    peer = spawn(
      "openssl",
      [
        "ocsp",
        "-index",
        "index.txt",
        "-port",
        String(port),
        "-rsigner",
        "certs/ocsp-subroot.pem",
        "-rkey",
        "keys/ocsp-subroot.key.pem",
        "-CA",
        "certs/subroot.pem",
        "-nmin",
        "60",
      ],
      { cwd: dir, stdio: "ignore" },
    );
    const peerUrl = `http://127.0.0.1:${port}/`;
    await waitFor(peerUrl, encodeOcspRequest(certId, nonceOf(0)));
    const peerOcsp = (i: number) =>
      post(peerUrl, "application/ocsp-request", encodeOcspRequest(certId, nonceOf(i))).then((r) =>
        okOcsp(r, nonceOf(i)),
      );

    // rounds alternate between us and the peer, so a busy shared machine hurts both alike; the best round counts
    for (let round = 0; round < rounds; round++) {
      results.push(await load("uyum CRL  GET /crl/subroot.crl", n, concurrency, crl));
      results.push(await load("uyum OCSP POST /ocsp/subroot", n, concurrency, ourOcsp));
      results.push(await load("peer openssl ocsp -index -port", n, concurrency, peerOcsp));
      results.push(await load("uyum TSA  POST /tsa/tsa1", n, concurrency, tsa));
    }
  } finally {
    if (peer?.pid) process.kill(peer.pid);
    if (child_?.pid) process.kill(child_.pid);
    rmSync(dir, { recursive: true, force: true });
  }
  // best round per service (the least disturbed by other load), with the error total over all rounds
  const names = [...new Set(results.map((r) => r.name))];
  const best = names.map((name) => {
    const mine = results.filter((r) => r.name === name);
    const top = mine.reduce((a, b) => (b.requests / b.seconds > a.requests / a.seconds ? b : a));
    return {
      ...top,
      errors: mine.reduce((s2, r) => s2 + r.errors, 0),
      all: mine.map((r) => (r.requests / r.seconds).toFixed(0)).join("/"),
    };
  });
  const head = ["service", "requests", "concurrency", "best s", "req/s", "rounds req/s", "errors"];
  const rows = best.map((r) => [
    r.name,
    `${r.requests}x${rounds}`,
    String(concurrency),
    r.seconds.toFixed(2),
    (r.requests / r.seconds).toFixed(0),
    r.all,
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const ours = best.find((r) => r.name.startsWith("uyum OCSP"))!;
  const theirs = best.find((r) => r.name.startsWith("peer"))!;
  const ratio = ours.requests / ours.seconds / (theirs.requests / theirs.seconds);
  console.log(
    `OCSP ratio uyum/openssl (best rounds): ${ratio.toFixed(2)} — both servers single-process in their own process, same client, loopback, RSA-2048 delegated signer, ${n} requests with distinct nonces per round`,
  );
}

if (process.argv[2] === "--child") await child(process.argv[3]!, Number(process.argv[4]));
else await main();
