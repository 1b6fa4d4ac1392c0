// The PC/SC path: reader discovery, ATRs and insert/remove events through pcscd, against vsmartcard's
// virtual reader (pcscd + vpcd + vicc, started and stopped here); a vendor module behind the interposer;
// physical readers when there are any.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  listening,
  physicalReaders,
  startVirtualReader,
  virtualReaderUnavailable,
  watchReaders,
  type ReaderEvent,
  type VirtualReader,
} from "./pcsc.ts";
import { SOFTHSM_MODULE } from "./paths.ts";
import { loadCard } from "./provision.ts";
import { Runner, testRoot } from "../testing/card.ts";
import { initTokenWithKeys } from "./token-writer.ts";
import { readTrace } from "./trace.ts";

const runner = new Runner();
const unavailable = virtualReaderUnavailable();
// CI installs the packages (scripts/setup.d/10-debian.sh), so there a missing part is an error, not a skip
const skipReader = unavailable !== undefined && process.env.CI !== "true";

describe.skipIf(skipReader)(
  `virtual reader (pcscd + vsmartcard)${skipReader ? ` — skipped: ${unavailable}` : ""}`,
  () => {
    let vr: VirtualReader;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      if (unavailable) throw new Error(`CI=true but the virtual reader cannot run: ${unavailable}`);
      vr = await startVirtualReader();
      env = { ...process.env, ...vr.env };
    });
    afterAll(async () => {
      await vr?.stop();
    });

    it("lists vpcd's two readers with vicc's card and its ATR, as pcsc_scan sees them", async () => {
      const r = runner.uyum(["card", "readers", "--json"], { env: vr.env });
      expect(r.code, r.stderr).toBe(0);
      const readers = JSON.parse(r.stdout) as { name: string; cardPresent: boolean; atr?: string; virtual: boolean }[];
      expect(readers.map((x) => x.name)).toEqual(["uyum virtual reader 00 00", "uyum virtual reader 00 01"]);
      expect(readers.every((x) => x.cardPresent && x.virtual)).toBe(true);
      // an ISO 7816 ATR: direct convention (3B), as vicc's iso7816 card makes it
      expect(readers[0].atr).toMatch(/^3B( [0-9A-F]{2})+$/);
      // independent client: pcsc-tools' pcsc_scan, straight on libpcsclite
      const scan = runner.run("pcsc_scan", ["-c", "-n"], { env: vr.env });
      for (const x of readers) {
        expect(scan.stdout).toContain(`: ${x.name}`);
        expect(scan.stdout).toContain(`ATR: ${x.atr}`);
      }
    });

    it("reports a card pulled and put back (events), and nothing listens on the host's network", async (ctx) => {
      if (!vr.supportsPull)
        ctx.skip(
          "no mount/network namespaces (unshare -m -n fails): vpcd's fallback mode cannot lose a card (see pcsc.ts)",
        );
      const events: ReaderEvent[] = [];
      const watch = watchReaders((e) => events.push(e), { env, intervalMs: 200 });
      const waitFor = async (pred: () => boolean) => {
        for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
      };
      await waitFor(() => events.filter((e) => e.type === "card-inserted").length === 2);
      await vr.pullCard(1);
      await waitFor(() => events.some((e) => e.type === "card-removed"));
      await vr.insertCard(1);
      await waitFor(() => events.filter((e) => e.type === "card-inserted").length === 3);
      await watch.stop();
      expect(events.map((e) => `${e.type} ${e.reader}`)).toEqual([
        "reader-added uyum virtual reader 00 00",
        "card-inserted uyum virtual reader 00 00",
        "reader-added uyum virtual reader 00 01",
        "card-inserted uyum virtual reader 00 01",
        "card-removed uyum virtual reader 00 01",
        "card-inserted uyum virtual reader 00 01",
      ]);
      expect(listening(vr.ports[0]) || listening(vr.ports[1])).toBe(false);
    });
  },
);

describe("vendor module behind the interposer", () => {
  let root: string;
  beforeAll(() => {
    root = testRoot("vendor");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("wraps a real PKCS#11 module (SoftHSM standing in for AKİS): traced, and PIN counting left to the card", () => {
    // a token for the "vendor" module to find; SOFTHSM2_CONF reaches it through the client's environment
    const hsm = join(root, "hsm");
    mkdirSync(join(hsm, "tokens"), { recursive: true });
    writeFileSync(join(hsm, "softhsm2.conf"), `directories.tokendir = ${join(hsm, "tokens")}\n`);
    const hsmEnv = { SOFTHSM2_CONF: join(hsm, "softhsm2.conf") };
    initTokenWithKeys(SOFTHSM_MODULE, hsmEnv.SOFTHSM2_CONF, {
      label: "vendor-card",
      pin: "24681357",
      soPin: "13572468",
      keys: [],
    });

    const out = join(root, "vendor");
    const r = runner.uyum(
      [
        "card",
        "vendor",
        "--module",
        "/usr/lib/softhsm/libsofthsm2.so",
        "--out",
        out,
        "--token",
        "vendor-card",
        "--json",
      ],
      { env: hsmEnv },
    );
    expect(r.code, r.stderr).toBe(0);
    const card = loadCard(out);
    expect(card.kind).toBe("vendor");
    expect(card.env.UYUM_P11_MODULE).toBe("/usr/lib/softhsm/libsofthsm2.so");
    const tool = (args: string[], extraEnv: Record<string, string> = {}) =>
      runner.run("pkcs11-tool", ["--module", card.module, "--token-label", "vendor-card", ...args], {
        env: { ...card.env, ...hsmEnv, ...extraEnv },
      });
    for (let i = 0; i < 4; i++)
      expect(tool(["--login", "--pin", "11112222", "-O"]).stderr).toContain("CKR_PIN_INCORRECT");
    // the right PIN through the environment, as an application would be given it (never in argv)
    expect(tool(["--login", "--pin", "env:UYUM_TEST_PIN", "-O"], { UYUM_TEST_PIN: "24681357" }).code).toBe(0);
    const logins = readTrace(out).filter((e) => e.fn === "C_Login");
    expect(logins.map((e) => e.rv)).toEqual([...Array(4).fill("CKR_PIN_INCORRECT"), "CKR_OK"]);
    expect(logins.every((e) => e.pin_tries_left === undefined)).toBe(true);
  });

  it("refuses a module that is not there, naming it", () => {
    const r = runner.uyum(["card", "vendor", "--module", "/usr/lib/libakisp11-missing.so", "--out", join(root, "v2")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--module /usr/lib/libakisp11-missing.so: no such PKCS#11 module");
  });
});

// Hardware: a physical reader on the system's pcscd, and the AKİS module when installed.
const hardware = await physicalReaders();
const akis = process.env.UYUM_AKIS_MODULE ?? "/usr/lib/libakisp11.so";
describe("physical reader", () => {
  it.skipIf(hardware.length === 0)(
    `lists a physical reader and its card${hardware.length === 0 ? " — skipped: the system pcscd (/run/pcscd/pcscd.comm) lists no physical PC/SC reader" : ""}`,
    () => {
      expect(hardware[0].name.length).toBeGreaterThan(0);
      if (hardware[0].cardPresent) expect(hardware[0].atr).toMatch(/^3[BF]( [0-9A-F]{2})+$/);
    },
  );
  it.skipIf(hardware.length === 0 || !existsSync(akis))(
    `reads the token through AKİS behind the interposer${hardware.length === 0 ? " — skipped: no physical reader" : !existsSync(akis) ? ` — skipped: no AKİS module at ${akis} (set UYUM_AKIS_MODULE)` : ""}`,
    async () => {
      const root = testRoot("akis");
      const r = runner.uyum(["card", "vendor", "--module", akis, "--out", join(root, "akis")]);
      expect(r.code, r.stderr).toBe(0);
      const card = loadCard(join(root, "akis"));
      const l = runner.run("pkcs11-tool", ["--module", card.module, "-L"], { env: card.env });
      expect(l.code).toBe(0);
      expect(readTrace(card.dir).some((e) => e.fn === "C_GetSlotList" && e.rv === "CKR_OK")).toBe(true);
      rmSync(root, { recursive: true, force: true });
    },
  );
});
