// uyum run with a profile naming the assessor's real card (card: {kind: pkcs11, …}). No AKİS card here: SoftHSM2
// stands in for the vendor module (a token of its own, outside uyum's virtual card), and vsmartcard's virtual
// reader (pcscd + vpcd + vicc, in private namespaces) for the physical reader; the test plays the assessor,
// pulling the vicc card when uyum says so. The application is openssl cms through libp11, as in the example
// profile examples/profiles/akis-real-card.yaml (its text, with the module and reader swapped).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCard, startVirtualReader, virtualReaderUnavailable, type VirtualReader } from "../card/index.ts";
import { SOFTHSM_MODULE } from "../card/paths.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import { writeTestPki } from "../testing/card.ts";
import { PUT_BACK, REMOVE_NOW } from "../sessions/card-removed.ts";
import type { CardRemovedEvidence } from "../sessions/catalogue.ts";
import { runCampaign, type RunOutcome } from "./run.ts";
import { CampaignStore } from "./store.ts";

const PIN = "48151623";
const ITEMS = ["4.1-6", "7.5-2", "7.4-1", "1.2-1.a"];
const root = mkdtempSync(join(tmpdir(), "uyum-realcard-"));
const example = readFileSync(join(PROJECT_ROOT, "examples", "profiles", "akis-real-card.yaml"), "utf8");

/** The example profile with SoftHSM as the "vendor" module and the given reader line (or none). */
function profile(name: string, reader: string | undefined): string {
  const text = example
    .replace("module: /usr/lib/libakisp11.so", `module: ${SOFTHSM_MODULE}`)
    .replace(/^ {2}reader: .*$/m, reader ? `  reader: "${reader}"` : "")
    .replace("removalTimeoutSeconds: 60", "removalTimeoutSeconds: 20");
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

let standInRoot = "";
const saved = { SOFTHSM2_CONF: process.env.SOFTHSM2_CONF, PCSCLITE_CSOCK_NAME: process.env.PCSCLITE_CSOCK_NAME };
beforeAll(async () => {
  // the stand-in card: a SoftHSM token with one key and certificate of the test PKI, its own PIN
  const pki = await writeTestPki(join(root, "pki"));
  const standIn = await provisionCard({
    pkiDir: pki,
    outDir: join(root, "stand-in"),
    certLabels: ["nes-rsa"],
    pin: PIN,
  });
  process.env.SOFTHSM2_CONF = standIn.env.SOFTHSM2_CONF;
  standInRoot = join(pki, "certs", "root.pem"); // the CA the stand-in card's certificate chains to
}, 120_000);
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  rmSync(root, { recursive: true, force: true });
});

const byItem = (r: RunOutcome) => new Map(r.findings.map((f) => [f.item, f]));

describe(
  "a real card without what a session needs: not assessed with the reason, never ✓",
  { timeout: 300_000 },
  () => {
    it("no reader named, no leave to lock: each item says why", async () => {
      const r = await runCampaign({
        profile: profile("no-reader", undefined),
        out: join(root, "c-no-reader"),
        cardPin: PIN,
        only: ITEMS,
      });
      const f = byItem(r);
      expect(ITEMS.map((i) => f.get(i)!.mark)).toEqual(ITEMS.map(() => "not-assessed"));
      expect(f.get("4.1-6")!.reason.en).toMatch(/No reader: the profile names no PC\/SC reader/);
      expect(f.get("7.5-2")!.reason.en).toMatch(/locking the assessor's card is not uyum's call/);
      expect(f.get("7.4-1")!.reason.en).toMatch(/A real card holds only its own certificates/);
      expect(f.get("1.2-1.a")!.reason.en).toMatch(/A real card holds only its own certificates/);
      // every session was left out: the card was never opened
      const meta = JSON.parse(readFileSync(join(r.dir, "campaign.json"), "utf8"));
      expect(meta.environment.card).toBeUndefined();
    });

    it("a reader named that pcscd does not list: 4.1-6 not assessed, 'no reader'", async () => {
      process.env.PCSCLITE_CSOCK_NAME = join(root, "no-pcscd.comm"); // a pcscd that is not there
      try {
        const r = await runCampaign({
          profile: profile("absent-reader", "ACS ACR38U"),
          out: join(root, "c-absent"),
          cardPin: PIN,
          only: ["4.1-6"],
        });
        const f = byItem(r).get("4.1-6")!;
        expect(f.mark).toBe("not-assessed");
        expect(f.reason.en).toMatch(/^card-removed: No reader: pcscd lists no reader/);
        // the card was opened for the session: the vendor module behind the interposer, its PIN nowhere on disk
        const meta = JSON.parse(readFileSync(join(r.dir, "campaign.json"), "utf8"));
        expect(meta.environment.card).toMatch(/the assessor's card \(\/usr\/lib\/softhsm\/libsofthsm2\.so behind/);
        expect(readAll(r.dir).includes(PIN)).toBe(false);
      } finally {
        delete process.env.PCSCLITE_CSOCK_NAME;
      }
    });

    it("the card's own key and certificate (read from the token) sign through the application: 1.3-2 ✓ (the root named by card.trustAnchor)", async () => {
      const file = profile("anchored", undefined);
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace("  mayLock: false", `  mayLock: false\n  trustAnchor: ${standInRoot}`),
      );
      const r = await runCampaign({ profile: file, out: join(root, "c-anchored"), cardPin: PIN, only: ["1.3-2"] });
      const f = byItem(r).get("1.3-2")!;
      expect(f.mark, f.reason.en).toBe("pass");
      expect(readAll(r.dir).includes(PIN)).toBe(false);
    });

    it("without a PIN the run refuses to start, saying how to give it", async () => {
      await expect(runCampaign({ profile: profile("no-pin", undefined), out: join(root, "c-no-pin") })).rejects.toThrow(
        /give its PIN on a file descriptor \(--pin-fd N\)/,
      );
    });
  },
);

const unavailable = virtualReaderUnavailable();
describe.skipIf(unavailable !== undefined)(
  `the guided card removal on a virtual reader${unavailable ? ` — skipped: ${unavailable}` : ""}`,
  { timeout: 300_000 },
  () => {
    let vr: VirtualReader;
    beforeAll(async () => {
      vr = await startVirtualReader();
      process.env.PCSCLITE_CSOCK_NAME = vr.env.PCSCLITE_CSOCK_NAME;
    }, 120_000);
    afterAll(async () => {
      delete process.env.PCSCLITE_CSOCK_NAME;
      await vr?.stop();
    });

    it("uyum says when to pull the card, sees it leave the reader, asks for it back, and judges what it saw", async (ctx) => {
      if (!vr.supportsPull) ctx.skip("no mount/network namespaces: the virtual reader cannot lose its card here");
      const lines: string[] = [];
      const assessor: Promise<void>[] = [];
      const r = await runCampaign({
        profile: profile("guided", "uyum virtual reader 00 00"),
        out: join(root, "c-guided"),
        cardPin: PIN,
        only: ["4.1-6"],
        progress: (l) => {
          lines.push(l);
          if (l.includes(REMOVE_NOW)) assessor.push(vr.pullCard(0));
          if (l.includes(PUT_BACK)) assessor.push(vr.insertCard(0));
        },
      });
      await Promise.all(assessor);
      const order = (s: string) => lines.findIndex((l) => l.includes(s));
      expect(order(REMOVE_NOW)).toBeGreaterThan(-1);
      expect(order("the card left uyum virtual reader 00 00")).toBeGreaterThan(order(REMOVE_NOW));
      expect(order(PUT_BACK)).toBeGreaterThan(order("the card left"));
      const session = CampaignStore.open(r.dir).loadSession<CardRemovedEvidence>("card-removed")!;
      expect(session.fault).toMatch(
        /^guided: the assessor pulled the card from the reader "uyum virtual reader 00 00"/,
      );
      // the application's signature was held (the interposer's hold) and released by the removal
      const signs = session.trace.events.filter((e) => e.fn === "C_Sign" && !e.size_query);
      expect(signs.length).toBeGreaterThan(0);
      expect(signs[0].injected_delay_ms).toBe(20_000);
      // SoftHSM, standing in for the vendor module, is not in the vicc reader: it still signs once the card is
      // out, so the application writes a signature and 4.1-6 is ✗ on that evidence. With AKİS the card's own
      // module answers the pulled card. What matters here: judged from what was seen, never ✓ unproven.
      const f = byItem(r).get("4.1-6")!;
      expect(f.mark).not.toBe("pass");
      expect(f.mark).not.toBe("not-assessed");
    });

    it("the card not pulled within the timeout: not assessed, nothing proven", async (ctx) => {
      if (!vr.supportsPull) ctx.skip("no mount/network namespaces: the virtual reader cannot lose its card here");
      const r = await runCampaign({
        profile: profile("timeout", "uyum virtual reader 00 01"),
        out: join(root, "c-timeout"),
        cardPin: PIN,
        only: ["4.1-6"],
      });
      const f = byItem(r).get("4.1-6")!;
      expect(f.mark).toBe("not-assessed");
      expect(f.reason.en).toMatch(
        /The card was not removed from uyum virtual reader 00 01 within 20 s: nothing was proven/,
      );
    });
  },
);

function readAll(dir: string): string {
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) => (statSync(p).isDirectory() ? readAll(p) : readFileSync(p, "latin1")))
    .join("\n");
}
