// npm run bench:card — what the interposer costs a PKCS#11 client, next to OpenSC's pkcs11-spy (the peer that
// also logs every call) and to SoftHSM2 alone, measured in the same run with the same client (pkcs11js).
// Two loads: C_GetTokenInfo (a cheap call: the per-call overhead shows) and C_SignInit+C_Sign (RSA-2048).
// Figures are medians over interleaved rounds. Timings belong here, never in tests.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkcs11js from "pkcs11js";
import { withCardEnv, CKU_USER } from "./p11.ts";
import { provisionCard, type CardInfo } from "./provision.ts";
import { writeTestPki } from "../testing/card.ts";

const SPY = "/usr/lib/x86_64-linux-gnu/pkcs11-spy.so";
const ROUNDS = 9;
const INFO_CALLS = 4000;
// UYUM_BENCH_BEFORE=/path/to/an/older/libuyum-p11.so adds that build as a fourth setup: before/after in one run
const BEFORE = process.env.UYUM_BENCH_BEFORE;
const SIGNS = 100;

interface Setup {
  name: string;
  module: string;
  env: Record<string, string>;
}

function measure(card: CardInfo, setup: Setup): { infoUs: number; signMs: number } {
  const env = { ...card.env, ...setup.env };
  return withCardEnv({ ...card, env }, () => {
    const p11 = new pkcs11js.PKCS11();
    p11.load(setup.module);
    p11.C_Initialize();
    try {
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === card.tokenLabel)!;
      const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
      p11.C_Login(session, CKU_USER, card.pin);
      p11.C_FindObjectsInit(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_LABEL, value: "nes-rsa" },
      ]);
      const [key] = p11.C_FindObjects(session, 1);
      p11.C_FindObjectsFinal(session);
      let t = process.hrtime.bigint();
      for (let i = 0; i < INFO_CALLS; i++) p11.C_GetTokenInfo(slot);
      const infoUs = Number(process.hrtime.bigint() - t) / 1000 / INFO_CALLS;
      const out = Buffer.alloc(256);
      const data = Buffer.from("bench");
      t = process.hrtime.bigint();
      for (let i = 0; i < SIGNS; i++) {
        p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
        p11.C_Sign(session, data, out);
      }
      const signMs = Number(process.hrtime.bigint() - t) / 1e6 / SIGNS;
      p11.C_Logout(session);
      p11.C_CloseSession(session);
      return { infoUs, signMs };
    } finally {
      p11.C_Finalize();
      p11.close();
    }
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const root = mkdtempSync(join(tmpdir(), "uyum-card-bench-"));
try {
  const card = await provisionCard({
    pkiDir: await writeTestPki(root),
    outDir: join(root, "card"),
    certLabels: ["nes-rsa"],
  });
  const setups: Setup[] = [
    { name: "SoftHSM2 alone", module: card.realModule, env: {} },
    { name: "uyum interposer (trace on)", module: card.module, env: {} },
    {
      name: "OpenSC pkcs11-spy (log on)",
      module: SPY,
      env: { PKCS11SPY: card.realModule, PKCS11SPY_OUTPUT: join(root, "spy.log") },
    },
  ];
  if (BEFORE) setups.push({ name: "uyum, UYUM_BENCH_BEFORE build", module: BEFORE, env: {} });
  const results = new Map(setups.map((s) => [s.name, { info: [] as number[], sign: [] as number[] }]));
  for (let r = 0; r < ROUNDS; r++)
    for (const s of setups) {
      const m = measure(card, s);
      results.get(s.name)!.info.push(m.infoUs);
      results.get(s.name)!.sign.push(m.signMs);
    }
  const fig = Object.fromEntries(
    setups.map((s) => [s.name, { info: median(results.get(s.name)!.info), sign: median(results.get(s.name)!.sign) }]),
  );
  const base = fig[setups[0].name];
  console.log(
    `PKCS#11 through a logging layer, pkcs11js client, median of ${ROUNDS} rounds (${INFO_CALLS} C_GetTokenInfo, ${SIGNS} RSA-2048 signatures each)`,
  );
  for (const s of setups) {
    const f = fig[s.name];
    console.log(
      `  ${s.name.padEnd(31)} C_GetTokenInfo ${f.info.toFixed(1).padStart(7)} µs/call (+${(f.info - base.info).toFixed(1)})   sign ${f.sign.toFixed(2).padStart(6)} ms (+${(f.sign - base.sign).toFixed(2)})`,
    );
  }
  const ours = fig[setups[1].name];
  const peer = fig[setups[2].name];
  // the added-cost ratio means nothing when the peer's added cost is within noise of zero or below
  const added =
    peer.info - base.info > 0.5
      ? ((ours.info - base.info) / (peer.info - base.info)).toFixed(2)
      : "n/a (pkcs11-spy's added cost within noise)";
  console.log(
    `  ratio uyum/pkcs11-spy: C_GetTokenInfo ${(ours.info / peer.info).toFixed(2)}, sign ${(ours.sign / peer.sign).toFixed(2)}; added cost ratio ${added} per call`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
