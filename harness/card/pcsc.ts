// The real reader path: PC/SC readers and cards seen through pcscd (OpenSC's opensc-tool as the client),
// insert/remove events by polling, a vendor PKCS#11 module (e.g. AKİS libakisp11.so) wrapped by the
// interposer, and, for tests and CI, a virtual reader: pcscd + vsmartcard-vpcd with vicc as the card.
//
// Isolation of the virtual reader (see startVirtualReader): pcscd always serves /run/pcscd/pcscd.comm and vpcd
// listens on every interface, so pcscd runs in private mount and network namespaces; clients reach it with
// PCSCLITE_CSOCK_NAME. One vpcd entry makes two readers (two slots), each with its own vicc.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  closeSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { UserError } from "../core/errors.ts";
import { writeFaults } from "./faults.ts";
import { ensureInterposer } from "./paths.ts";
import { cardEnvFor, writeOpensslConf, type CardInfo } from "./provision.ts";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

export const VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
const VICC_PYTHONPATH = "/usr/lib/python3/site-packages/virtualsmartcard";
const CRYPTODOME = "/usr/lib/python3/dist-packages/Cryptodome";
const SYSTEM_SOCKET = "/run/pcscd/pcscd.comm";

export interface Reader {
  index: number;
  name: string;
  cardPresent: boolean;
  /** ATR as uppercase hex bytes separated by spaces, when a card is present */
  atr?: string;
  features?: string;
  /** a vsmartcard virtual reader rather than hardware */
  virtual: boolean;
}

const isVirtualName = (name: string) => /virtual pcd|uyum virtual/i.test(name);

/** Readers and cards pcscd knows (env selects the pcscd via PCSCLITE_CSOCK_NAME). Empty when pcscd is not running. */
export async function listReaders(env: NodeJS.ProcessEnv = process.env): Promise<Reader[]> {
  const { stdout } = await run("opensc-tool", ["-l"], { env, timeout: 15_000 }).catch((e: { stdout?: string }) => ({
    stdout: e.stdout ?? "",
  }));
  const lines = stdout.split("\n");
  const header = lines.find((l) => l.startsWith("Nr."));
  if (!header) return [];
  const featuresAt = header.indexOf("Features");
  const nameAt = header.indexOf("Name");
  const readers: Reader[] = [];
  for (const line of lines) {
    const m = /^(\d+)\s+(Yes|No)\b/.exec(line);
    if (!m) continue;
    const name = line.slice(nameAt).trim();
    const features = line.slice(featuresAt, nameAt).trim() || undefined;
    readers.push({ index: Number(m[1]), name, cardPresent: m[2] === "Yes", features, virtual: isVirtualName(name) });
  }
  for (const r of readers) if (r.cardPresent) r.atr = await readAtr(r.index, env);
  return readers;
}

async function readAtr(index: number, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { stdout } = await run("opensc-tool", ["-r", String(index), "-a"], { env, timeout: 15_000 }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }),
  );
  const m = /^([0-9a-f]{2}(?::[0-9a-f]{2})+)\s*$/im.exec(stdout);
  return m ? m[1].toUpperCase().split(":").join(" ") : undefined;
}

/** Readers that are hardware (not vsmartcard), from the system pcscd. */
export async function physicalReaders(env: NodeJS.ProcessEnv = process.env): Promise<Reader[]> {
  return (await listReaders(env)).filter((r) => !r.virtual);
}

export type ReaderEvent =
  | { type: "reader-added" | "reader-removed"; reader: string }
  | { type: "card-inserted"; reader: string; atr?: string }
  | { type: "card-removed"; reader: string };

/** Polls pcscd and reports readers and cards coming and going. The first poll reports what is already there. */
export function watchReaders(
  onEvent: (e: ReaderEvent) => void,
  opts: { env?: NodeJS.ProcessEnv; intervalMs?: number } = {},
): { stop(): Promise<void> } {
  const known = new Map<string, Reader>();
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const poll = async () => {
    const now = await listReaders(opts.env ?? process.env);
    if (stopped) return;
    const names = new Set(now.map((r) => r.name));
    for (const [name, r] of known)
      if (!names.has(name)) {
        if (r.cardPresent) onEvent({ type: "card-removed", reader: name });
        onEvent({ type: "reader-removed", reader: name });
        known.delete(name);
      }
    for (const r of now) {
      const before = known.get(r.name);
      if (!before) onEvent({ type: "reader-added", reader: r.name });
      if (r.cardPresent && !before?.cardPresent) onEvent({ type: "card-inserted", reader: r.name, atr: r.atr });
      if (!r.cardPresent && before?.cardPresent) onEvent({ type: "card-removed", reader: r.name });
      known.set(r.name, r);
    }
  };
  const timer = setInterval(() => {
    busy = busy.then(poll).catch(() => undefined);
  }, opts.intervalMs ?? 300);
  busy = poll().catch(() => undefined);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
  };
}

// ------------------------------------------------------------------------------------------------------------------
// vendor module

export interface VendorOptions {
  vendorModule: string;
  outDir: string;
  tokenLabel?: string;
}

/** A card directory for a physical card behind a vendor module: same interposer, same trace; the card counts its own PIN tries. */
export async function configureVendorModule(opts: VendorOptions): Promise<CardInfo> {
  const vendor = resolve(opts.vendorModule);
  if (!existsSync(vendor)) throw new UserError(`--module ${opts.vendorModule}: no such PKCS#11 module`);
  const dir = resolve(opts.outDir);
  if (existsSync(join(dir, "card.json")))
    throw new UserError(`--out ${opts.outDir}: already holds a card (card.json); use a new directory`);
  mkdirSync(dir, { recursive: true });
  const module = ensureInterposer();
  writeFaults(dir, { pinCounter: false });
  const env = cardEnvFor(dir, vendor, false);
  // the module must load and initialise through the interposer (a vendor module usually needs pcscd)
  try {
    await run("pkcs11-tool", ["--module", module, "-I"], { env: { ...process.env, ...env }, timeout: 30_000 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    throw new UserError(
      `--module ${opts.vendorModule}: does not load as a PKCS#11 module: ${`${err.stderr ?? ""}${err.stdout ?? ""}`.trim().split("\n").slice(-2).join(" / ")}`,
    );
  }
  const tokenLabel = opts.tokenLabel ?? "";
  const card: CardInfo = {
    version: 1,
    kind: "vendor",
    dir,
    tokenLabel,
    pinMaxTries: 0,
    module,
    realModule: vendor,
    env,
    keys: [],
    chain: [],
    opensslConf: writeOpensslConf(dir, module),
    tokens: [{ label: tokenLabel, keys: [], chain: [] }], // the vendor's token; its keys stay the vendor's
  };
  writeFileSync(join(dir, "card.json"), JSON.stringify(card, null, 2) + "\n", { mode: 0o600 });
  return card;
}

// ------------------------------------------------------------------------------------------------------------------
// virtual reader (tests, CI)

export interface VirtualReader {
  dir: string;
  /** environment for PC/SC clients (PCSCLITE_CSOCK_NAME) */
  env: Record<string, string>;
  /** ports of the two slots (inside pcscd's network namespace, or vicc's on 127.0.0.1 in the fallback) */
  ports: [number, number];
  /** whether cards can be pulled and inserted (the namespace layout) */
  supportsPull: boolean;
  /** the card in slot i leaves the reader (its vicc stops) */
  pullCard(i: 0 | 1): Promise<void>;
  /** a card goes (back) into slot i */
  insertCard(i: 0 | 1): Promise<void>;
  stop(): Promise<void>;
}

/** Why the virtual reader cannot run here, or undefined when it can. */
export function virtualReaderUnavailable(): string | undefined {
  for (const [what, path] of [
    ["pcscd", "/usr/sbin/pcscd"],
    ["vsmartcard-vpcd", VPCD_DRIVER],
    ["vsmartcard-vpicc (vicc)", "/usr/bin/vicc"],
    ["python3-pycryptodome", CRYPTODOME],
    ["opensc-tool", "/usr/bin/opensc-tool"],
  ])
    if (!existsSync(path)) return `${what} is not installed (${path} missing)`;
  return undefined;
}

async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((res, rej) => {
      const s = createServer();
      s.once("error", rej);
      s.listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      });
    });
    if (port >= 65535) continue;
    const nextFree = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once("error", () => res(false));
      s.listen(port + 1, "127.0.0.1", () => s.close(() => res(true)));
    });
    if (nextFree) return port;
  }
  throw new Error("virtual reader: no two consecutive free loopback ports");
}

/** Whether something listens on port in the network namespace of pid (or ours), read from /proc without connecting. */
export function listening(port: number, pid?: number, loopbackOnly = false): boolean {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  let table: string;
  try {
    table = readFileSync(pid ? `/proc/${pid}/net/tcp` : "/proc/net/tcp", "utf8");
  } catch {
    return false;
  }
  return table.split("\n").some((l) => {
    const f = l.trim().split(/\s+/);
    return f[3] === "0A" && f[1]?.endsWith(suffix) && (!loopbackOnly || f[1].startsWith("0100007F"));
  });
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms: number,
  detail: () => string,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`virtual reader: ${what} did not happen within ${ms} ms${detail()}`);
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(kill);
      res();
    });
    child.kill("SIGTERM");
  });
}

async function canUnshare(): Promise<boolean> {
  try {
    await run("unshare", ["-m", "-n", "true"], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts pcscd with a vpcd reader (two slots) and a vicc card in each slot; stop() ends them all.
 *
 * Preferred layout (root with namespaces): pcscd runs in its own mount and network namespaces. vpcd listens
 * there (it binds every interface, but that namespace has only its own loopback), the vicc cards join that
 * namespace with nsenter, and /run/pcscd is a temp dir, so the host's network and pcscd are untouched. Pulling
 * and inserting a card is stopping and starting its vicc, as vpcd is designed for.
 * Fallback without namespaces: vpcd connects out to vicc on 127.0.0.1 ("reversed" mode) through the system
 * socket; discovery works, but vpcd does not survive a card leaving, so pull/insert are refused.
 */
export async function startVirtualReader(): Promise<VirtualReader> {
  const missing = virtualReaderUnavailable();
  if (missing) throw new Error(`virtual reader: ${missing}`);
  const dir = mkdtempSync(join(tmpdir(), "uyum-vreader-"));
  const py = join(dir, "py");
  mkdirSync(py);
  symlinkSync(CRYPTODOME, join(py, "Crypto")); // vicc imports PyCrypto's name; Debian ships pycryptodomex
  const namespaces = await canUnshare();
  const port = namespaces ? 0x8c7b : await freePortPair();
  const ports: [number, number] = [port, port + 1];
  const conf = join(dir, "reader.conf.d");
  mkdirSync(conf);
  writeFileSync(
    join(conf, "vpcd"),
    `FRIENDLYNAME "uyum virtual reader"\nDEVICENAME ${namespaces ? "/dev/null" : "127.0.0.1"}:0x${port.toString(16)}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID 0x${port.toString(16)}\n`,
  );

  let pcscd: ChildProcess | undefined;
  const viccs: (ChildProcess | undefined)[] = [undefined, undefined];
  const startVicc = async (i: 0 | 1) => {
    const log = openSync(join(dir, `vicc-${i}.log`), "a");
    const vicc = ["/usr/bin/python3", join(here, "vicc-loopback.py"), "--port", String(ports[i]), "--type", "iso7816"];
    const env = { ...process.env, PYTHONPATH: `${VICC_PYTHONPATH}:${py}` };
    viccs[i] = namespaces
      ? spawn("nsenter", [`--net=/proc/${pcscd!.pid}/ns/net`, ...vicc, "--hostname", "127.0.0.1"], {
          env,
          stdio: ["ignore", log, log],
        })
      : spawn(vicc[0], [...vicc.slice(1), "--reversed"], { env, stdio: ["ignore", log, log] });
    closeSync(log);
    if (!namespaces)
      await until(
        `vicc ${i} listening on 127.0.0.1:${ports[i]}`,
        () => listening(ports[i], undefined, true),
        15_000,
        () => tail(join(dir, `vicc-${i}.log`)),
      );
  };
  const stop = async () => {
    await Promise.all(viccs.map(stopChild));
    await stopChild(pcscd);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const runDir = join(dir, "run");
    mkdirSync(runDir);
    let socket: string;
    const startPcscd = (cmd: string, args: string[]) => {
      const log = openSync(join(dir, "pcscd.log"), "a");
      pcscd = spawn(cmd, args, { stdio: ["ignore", log, log] });
      closeSync(log);
    };
    if (namespaces) {
      socket = join(runDir, "pcscd.comm");
      startPcscd("unshare", [
        "-m",
        "-n",
        "sh",
        "-c",
        'ulimit -n 1024; ip link set lo up && mkdir -p /run/pcscd && mount --bind "$1" /run/pcscd && exec pcscd -f -c "$2"',
        "sh",
        runDir,
        conf,
      ]);
      await until(
        "vpcd listening in pcscd's namespace",
        () => listening(ports[0], pcscd!.pid) && listening(ports[1], pcscd!.pid),
        15_000,
        () => tail(join(dir, "pcscd.log")),
      );
      await startVicc(0);
      await startVicc(1);
    } else if (!existsSync(SYSTEM_SOCKET)) {
      socket = SYSTEM_SOCKET; // the system socket is free: take it for the test's duration
      await startVicc(0);
      await startVicc(1);
      startPcscd("sh", ["-c", 'ulimit -n 1024; exec pcscd -f -c "$1"', "sh", conf]);
    } else {
      throw new Error(
        "virtual reader: no namespaces here (unshare -m -n refused) and a system pcscd already owns /run/pcscd/pcscd.comm",
      );
    }
    const env = { PCSCLITE_CSOCK_NAME: socket };
    const clientEnv = { ...process.env, ...env };
    const cardsPresent = async (n: number) => (await listReaders(clientEnv)).filter((r) => r.cardPresent).length === n;
    await until(
      "pcscd listing two readers with cards",
      () => cardsPresent(2),
      20_000,
      () => tail(join(dir, "pcscd.log")) + tail(join(dir, "vicc-0.log")),
    );
    return {
      dir,
      env,
      ports,
      supportsPull: namespaces,
      async pullCard(i) {
        if (!namespaces)
          throw new Error(
            "virtual reader: pulling a card needs the namespace layout (vpcd's reversed mode does not survive it)",
          );
        await stopChild(viccs[i]);
        viccs[i] = undefined;
      },
      async insertCard(i) {
        if (!namespaces) throw new Error("virtual reader: inserting a card needs the namespace layout");
        if (!viccs[i]) await startVicc(i);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function tail(file: string): string {
  if (!existsSync(file)) return "";
  return `; ${file}: ${readFileSync(file, "utf8").trim().split("\n").slice(-4).join(" / ")}`;
}
