// `uyum pki …` through the real command line (bin/uyum.js): init writes identical bytes twice, serve answers.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const uyum = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      process.execPath,
      [join(repo, "bin/uyum.js"), ...args],
      { cwd: repo, encoding: "utf8", timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    ),
  );
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

describe("uyum pki", () => {
  it("init twice gives byte-identical output (certs, keys, CRLs, pki.json), with the base URL override", async () => {
    const a = mkdtempSync(join(tmpdir(), "uyum-pki-a-"));
    const b = mkdtempSync(join(tmpdir(), "uyum-pki-b-"));
    const ra = await uyum(["pki", "init", "--out", a, "--base-url", "http://127.0.0.1:18999"]);
    expect(ra.out).toMatch(/wrote 85 certificates, \d+ CRLs/);
    await uyum(["pki", "init", "--out", b, "--base-url", "http://127.0.0.1:18999"]);
    const ta = tree(a);
    expect(ta.size).toBeGreaterThan(80 * 3);
    expect(
      ta.has("certs/nes-rsa.der") && ta.has("keys/nes-rsa.key.pem") && ta.has("crls/subroot.crl") && ta.has("pki.json"),
    ).toBe(true);
    expect(tree(b)).toEqual(ta);
    expect(readFileSync(join(a, "pki.json"), "utf8")).toContain("http://127.0.0.1:18999/ocsp/subroot");
  });

  it("bad options are clear errors with a non-zero exit", async () => {
    const r = await uyum(["pki", "init", "--out", "/tmp/x", "--base-url", "http://example.org"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("uyum: --base-url http://example.org: must be http://127.0.0.1:PORT (loopback only)");
    const c = await uyum(["pki", "init", "--out", "/tmp/x", "--config", "/nonexistent.yaml"]);
    expect(c.out).toContain("/nonexistent.yaml: cannot read file: no such file (ENOENT)");
    const s = await uyum(["pki", "serve", "/nonexistent-dir"]);
    expect(s.out).toMatch(/uyum: \/nonexistent-dir\/pki\.json: cannot read the PKI index/);
  });

  it("scenarios lists the negative matrix with KAMU SM numbers", async () => {
    const r = await uyum(["pki", "scenarios"]);
    expect(r.out).toMatch(/^no-nonrepudiation\s+nes-no-nonrep\s+\[BES_9, QCA1_3\]$/m);
    expect(r.out).toMatch(/^subroot-crl-forged\s+subroot-crl-forged, nes-subroot-crl-forged, crl:root\.forged/m);
  });

  it("serve answers on the chosen port at the --at time until stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uyum-pki-serve-"));
    await uyum(["pki", "init", "--out", dir]);
    const child = spawn(
      process.execPath,
      [join(repo, "bin/uyum.js"), "pki", "serve", dir, "--port", "0", "--at", "2026-03-01T08:00:00Z"],
      { cwd: repo },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buf = "";
        child.stdout.on("data", (d: Buffer) => {
          buf += d.toString();
          const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+) \(clock 2026-03-01T08:00:00\.000Z\)/.exec(buf);
          if (m) resolve(m[1]!);
        });
        child.on("exit", (c) => reject(new Error(`serve exited ${c}: ${buf}`)));
      });
      const state = await (await fetch(`${url}/_admin/state`)).json();
      expect(state.now).toBe("2026-03-01T08:00:00.000Z");
      const crl = await fetch(`${url}/crl/subroot.crl`);
      expect(crl.status).toBe(200);
      expect(crl.headers.get("content-type")).toBe("application/pkix-crl");
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((r) => child.on("exit", (c, sig) => r(c ?? sig)));
    expect(code === 0 || code === "SIGTERM").toBe(true);
  });

  it("serve without --at runs on a ticking clock (real time); --at freezes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uyum-pki-serve-tick-"));
    await uyum(["pki", "init", "--out", dir]);
    const clockOf = async (extra: string[]): Promise<[number, number]> => {
      const child = spawn(process.execPath, [join(repo, "bin/uyum.js"), "pki", "serve", dir, "--port", "0", ...extra], {
        cwd: repo,
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let buf = "";
          child.stdout.on("data", (d: Buffer) => {
            buf += d.toString();
            const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+) \(clock /.exec(buf);
            if (m) resolve(m[1]!);
          });
          child.on("exit", (c) => reject(new Error(`serve exited ${c}: ${buf}`)));
        });
        const now = async () => Date.parse((await (await fetch(`${url}/_admin/state`)).json()).now);
        const a = await now();
        await new Promise((r) => setTimeout(r, 1100));
        return [a, await now()];
      } finally {
        child.kill("SIGTERM");
      }
    };
    const [t0, t1] = await clockOf([]);
    expect(t1).toBeGreaterThan(t0);
    const [f0, f1] = await clockOf(["--at", "2026-03-01T08:00:00Z"]);
    expect([f0, f1]).toEqual([Date.parse("2026-03-01T08:00:00Z"), Date.parse("2026-03-01T08:00:00Z")]);
  });
});
