// The provoking sessions on a real application: the reference app's CLI face (examples/apps/ornek-imzaci),
// driven by the cli driver on a fresh virtual card against the campaign PKI's live services (a free port). Each
// session runs on the good app and on the variant whose flaw it must catch (ORNEK_IMZACI_FLAW, which the cli
// driver passes on in the environment), and the probe that reads it is judged on both: ✓ on the good app, ✗ on
// the flawed one. A full campaign per flaw would take minutes; this runs only the session the probe reads.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCard } from "../card/index.ts";
import { loadChecklist } from "../checklist/load.ts";
import { DEFAULT_PKI_CONFIG, PROJECT_ROOT } from "../core/paths.ts";
import { openApplication } from "../drivers/open.ts";
import { pkiConfigAt } from "../pki/campaign-time.ts";
import { loadPkiConfig } from "../pki/config.ts";
import { SettableClock, startPkiServices, writePki, type Services } from "../pki/index.ts";
import { loadProfile } from "../profile/load.ts";
import type { Probe } from "../probes/kit.ts";
import { judge } from "../testing/probes/given.ts";
import type { SessionEvidence, SessionId } from "./catalogue.ts";
import type { SessionContext } from "./context.ts";
import { SESSION_RUNNERS } from "./runners.ts";

const PIN = "58203917";
const PROFILE = join(PROJECT_ROOT, "examples", "profiles", "ornek-imzaci-cli.yaml");
let work: string;
let services: Services;
let base: Omit<SessionContext, "app" | "card" | "evidence">;
const stored: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "uyum-provoking-"));
  const instant = new Date();
  services = await startPkiServices(pkiConfigAt(loadPkiConfig(DEFAULT_PKI_CONFIG), instant), {
    clock: new SettableClock(instant, true),
  });
  const pkiDir = join(work, "pki");
  await writePki(services.pki, pkiDir);
  const root = [...services.pki.entities.values()].find((e) => e.role === "root")!;
  base = {
    profile: loadProfile(PROFILE, loadChecklist()),
    rootPem: readFileSync(join(pkiDir, "certs", `${root.label}.pem`), "utf8"),
    progress: () => {},
    pki: { dir: pkiDir, baseUrl: services.baseUrl, pki: services.pki, services },
    workDir: work,
  };
}, 120_000);
afterAll(async () => {
  delete process.env.ORNEK_IMZACI_FLAW;
  await services?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

let n = 0;
async function run<S extends SessionId>(session: S, flaw?: string): Promise<SessionEvidence[S]> {
  const dir = join(work, `run-${++n}`);
  const card = await provisionCard({ pkiDir: base.pki!.dir, outDir: join(dir, "card"), pin: PIN });
  const openWith: SessionContext["openWith"] = (c, workDir) =>
    openApplication(base.profile, {
      card: c,
      pin: c.pin!,
      pkiDir: base.pki!.dir,
      pkiBaseUrl: base.pki!.baseUrl,
      rootPem: base.rootPem,
      workDir,
    });
  const evidence: SessionContext["evidence"] = {
    put(kind, bytes, ext) {
      const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("latin1");
      stored.push(text);
      return { kind, path: `evidence/${stored.length}.${ext}`, sha256: String(stored.length) };
    },
  };
  if (flaw) process.env.ORNEK_IMZACI_FLAW = flaw;
  else delete process.env.ORNEK_IMZACI_FLAW;
  try {
    const ctx: SessionContext = {
      ...base,
      card,
      evidence,
      app: await openWith(card, join(dir, "app")),
      openWith,
      workDir: dir,
    };
    // the evidence crosses a JSON file in a campaign: the probes see it as stored
    return JSON.parse(JSON.stringify(await SESSION_RUNNERS[session](ctx))) as SessionEvidence[S];
  } finally {
    delete process.env.ORNEK_IMZACI_FLAW;
  }
}

async function probe(file: string): Promise<Probe> {
  return (await import(`../probes/${file}`)).default as Probe;
}

const rows: { session: SessionId; item: string; file: string; flaw: string }[] = [
  { session: "wrong-pin-once", item: "7.5-1", file: "s07-sscd-iletisimi/7.5-1.ts", flaw: "no-wrong-pin-message" },
  {
    session: "wrong-pin-once",
    item: "4.1-4",
    file: "s04-imza-sahibi-etkilesimi/4.1-4.ts",
    flaw: "no-wrong-pin-message",
  },
  { session: "wrong-pin-until-locked", item: "7.5-2", file: "s07-sscd-iletisimi/7.5-2.ts", flaw: "pin-locked-retry" },
  { session: "card-removed", item: "4.1-6", file: "s04-imza-sahibi-etkilesimi/4.1-6.ts", flaw: "card-removed-silent" },
  { session: "bad-documents", item: "8-3", file: "s08-belge-olusturma/8-3.ts", flaw: "no-dynamic-warning" },
  { session: "bad-documents", item: "2.1-4", file: "s02-belge-sunumu/2.1-4.ts", flaw: "no-format-warning" },
  { session: "bad-documents", item: "2.4-1", file: "s02-belge-sunumu/2.4-1.ts", flaw: "no-dynamic-warning" },
  { session: "bad-documents", item: "1.3-1", file: "s01-genel-guvenlik/1.3-1.ts", flaw: "empty-document-signed" },
  { session: "bad-documents", item: "3-5", file: "s03-imza-ozellikleri/3-5.ts", flaw: "attribute-markup" },
  { session: "upgrade-grace", item: "12.3-2", file: "s12-sonraki-dogrulama/12.3-2.ts", flaw: "upgrade-in-grace" },
];

describe(
  "provoking sessions on ornek-imzaci's CLI face: ✓ on the good app, ✗ on the flaw",
  { timeout: 240_000 },
  () => {
    const good = new Map<SessionId, Promise<unknown>>();
    for (const r of rows) {
      it(`${r.item} (${r.session}): ✓ on the good app`, async () => {
        if (!good.has(r.session)) good.set(r.session, run(r.session));
        const e = (await good.get(r.session)) as SessionEvidence[typeof r.session];
        const j = judge(r.item, await probe(r.file), { [r.session]: e }, base.profile);
        expect(j.verdict, j.reason.en).toBe("pass");
      });
      it(`${r.item} (${r.session}): ✗ with the flaw ${r.flaw}`, async () => {
        const e = await run(r.session, r.flaw);
        const j = judge(r.item, await probe(r.file), { [r.session]: e }, base.profile);
        expect(j.verdict, j.reason.en).toBe("fail");
      });
    }

    it("the card's PIN is in none of the evidence the sessions stored", () => {
      expect(stored.length).toBeGreaterThan(10);
      for (const s of stored) expect(s.includes(PIN)).toBe(false);
    });
  },
);
