// npm run bench:validate — CAdES-BES validation speed, ours in-process vs `openssl cms -verify` one process
// per file, on the same files in the same run. Prints signatures/s for both and the ratio.
import "reflect-metadata";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateBytes } from "./index.ts";
import { anchor, cades, testPki, VALIDATION_TIME } from "../testing/ades/fixture.ts";

const N = Number(process.env.BENCH_N ?? 1000);

async function main(): Promise<void> {
  const pki = await testPki();
  const dir = mkdtempSync(join(tmpdir(), "uyum-bench-validate-"));
  try {
    const files: string[] = [];
    for (let i = 0; i < N; i++) {
      const f = join(dir, `sig-${i}.p7s`);
      writeFileSync(f, cades(pki, { content: new TextEncoder().encode(`belge ${i}: ${"x".repeat(i % 97)}\n`) }));
      files.push(f);
    }
    const rootPem = join(dir, "root.pem");
    writeFileSync(rootPem, pki.get("root").certPem);
    console.log(`generated ${N} CAdES-BES files (signer + sub-root certificates and two CRLs embedded) in ${dir}`);

    // Ours: in-process, caches warm after the first file (parsed certificates, CRLs, public keys).
    const anchors = [anchor(pki)];
    const datas = files.map((f) => new Uint8Array(readFileSync(f)));
    // Warm-up on 20 other signatures (JIT, and the caches any long-running validator would have warm).
    for (let i = 0; i < 20; i++)
      await validateBytes("warm-up", cades(pki, { content: new TextEncoder().encode(`warm-up ${i}`) }), {
        anchors,
        at: VALIDATION_TIME,
      });
    let passed = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < datas.length; i++) {
      const r = await validateBytes(files[i], datas[i], { anchors, at: VALIDATION_TIME });
      if (r.indication === "TOTAL-PASSED") passed++;
    }
    const ours = Number(process.hrtime.bigint() - t0) / 1e9;
    if (passed !== N)
      throw new Error(`only ${passed}/${N} validated as TOTAL-PASSED: the benchmark would measure failures`);

    // openssl: one process per file, signature + chain + CRL checks at the same validation time.
    const attime = String(Math.floor(VALIDATION_TIME.getTime() / 1000));
    const probe = spawnSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        files[0],
        "-CAfile",
        rootPem,
        "-purpose",
        "any",
        "-crl_check_all",
        "-attime",
        attime,
        "-out",
        "/dev/null",
      ],
      { encoding: "utf8" },
    );
    if (probe.status !== 0) throw new Error(`openssl cms -verify rejects our file: ${probe.stderr}`);
    const t1 = process.hrtime.bigint();
    let osslOk = 0;
    for (const f of files) {
      const p = spawnSync(
        "openssl",
        [
          "cms",
          "-verify",
          "-inform",
          "DER",
          "-in",
          f,
          "-CAfile",
          rootPem,
          "-purpose",
          "any",
          "-crl_check_all",
          "-attime",
          attime,
          "-out",
          "/dev/null",
        ],
        { stdio: "ignore" },
      );
      if (p.status === 0) osslOk++;
    }
    const theirs = Number(process.hrtime.bigint() - t1) / 1e9;
    const oursRate = N / ours;
    const theirRate = N / theirs;
    const version = execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
    console.log(
      `uyum validate (in-process, one core):   ${oursRate.toFixed(0)} signatures/s  (${N} in ${ours.toFixed(3)} s, ${passed} TOTAL-PASSED)`,
    );
    console.log(
      `openssl cms -verify (process per file): ${theirRate.toFixed(0)} signatures/s  (${N} in ${theirs.toFixed(3)} s, ${osslOk} verified; ${version})`,
    );
    console.log(`ratio: ${(oursRate / theirRate).toFixed(1)}x  (targets: >= 1000 signatures/s and >= 5x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
